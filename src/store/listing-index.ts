// The listing facts of every account (journey/listing-facts.ts), kept in <home>/.cache/listings/ and
// worked out again for an account only when one of its files changed (its fingerprint: store/
// account-stamp.ts). The index is split in shards by a hash of the folder name (store/shards.ts),
// each loaded, used and let go in turn, so a listing holds one shard of a few dozen accounts at a
// time whatever the size of the data folder, and a run that reads a few accounts rewrites only their
// shards. Accounts come out shard by shard, not in folder order: a listing orders what it shows itself.
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import type { ListingFacts } from '../journey/listing-facts.js';
import { type FactsRoles, readAccountFacts } from './account-facts.js';
import { type AccountStamp, fingerprintOf, listedNow } from './account-stamp.js';
import { type FolderListing, isFolderListing, isListingFacts } from './cache-shapes.js';
import { entryAt } from './data-files.js';
import type { PoolRead } from './listing-pool.js';
import { accountsDir } from './paths.js';
import { accountFolders } from './session-index.js';
import { shardsOf } from './shards.js';
import { isObject, StatCache } from './stat-cache.js';
import { MANY_ACCOUNTS } from './thread-pool.js';

export { accountStamp } from './account-stamp.js';

export interface IndexedAccount {
  /** The folder's name in accounts/ (for a stray entry there, its name). */
  slug: string;
  /** Its place in folder order (stray entries first): see inFolderOrder. */
  order: number;
  dir: string;
  /** Undefined: no readable session. */
  facts: ListingFacts | undefined;
  /** What could not be read in its folder and its session files. */
  problems: string[];
  /** What could not be read in its records folder. */
  recordProblems: string[];
}

/** An account as indexed, under its folder's stamp: its session files, fingerprint and facts. */
interface Indexed extends FolderListing, Omit<AccountStamp, 'stamp'> {
  facts: ListingFacts;
}

const isIndexed = (v: unknown): v is Indexed =>
  isFolderListing(v) && isObject(v) && typeof v.fingerprint === 'string' && isListingFacts(v.facts);

/** Counts accounts whose files were read, for tests: an unchanged data folder reads none. */
export const indexReads = { accounts: 0 };

/** Accounts in one worker job: one message each way for several accounts, not one per account. */
const ACCOUNTS_PER_JOB = 8;

/** Jobs handed to the workers ahead of the one being yielded: bounds what waits in memory. */
const JOBS_AHEAD_PER_WORKER = 3;

interface Miss {
  slug: string;
  /** Its place in folder order (see IndexedAccount). */
  order: number;
  dir: string;
  shard: string;
}

interface OpenShard {
  cache: StatCache<Indexed>;
  /** Its accounts still to read: the shard is written once they are all read. */
  left: number;
}

/**
 * Every account's listing facts, one account at a time: entries of accounts/ that are not folders
 * first (as problems), then accounts whose files are unchanged, then those read again. With `roles`,
 * the facts hold each customer deal's check-in worked out with that role index.
 */
export async function* indexedAccounts(home: string, roles?: FactsRoles): AsyncGenerator<IndexedAccount> {
  const root = accountsDir(home);
  const { slugs, strays } = accountFolders(root);
  for (const [order, s] of strays.entries()) {
    yield {
      slug: s.slug,
      order,
      dir: root + sep + s.slug,
      facts: undefined,
      problems: s.problems,
      recordProblems: [],
    };
  }
  const open = new Map<string, OpenShard>();
  const misses: Miss[] = [];
  let pool: Awaited<ReturnType<typeof startPool>> | undefined;
  try {
    const shards = shardsOf(home, 'listings', slugs.length);
    for (const { file: shard, places } of shards.grouped(slugs)) {
      const cache = StatCache.load(home, shard, isIndexed);
      let left = 0;
      for (const place of places) {
        const slug = slugs[place] as string;
        const order = strays.length + place;
        const dir = root + sep + slug;
        const facts = unchanged(cache, slug, dir, roles);
        if (facts) {
          yield { slug, order, dir, facts, problems: [], recordProblems: [] };
          continue;
        }
        misses.push({ slug, order, dir, shard });
        left++;
      }
      if (left === 0) await cache.save();
      else open.set(shard, { cache, left });
    }
    const many = misses.length >= MANY_ACCOUNTS;
    pool = many ? await startPool(home, roles, misses.length) : undefined;
    // Accounts go to the workers a few jobs ahead of the one being yielded; without workers, each is
    // stamped just before it is read here (a file changed meanwhile is read again next time).
    const jobs = inJobs(misses, pool ? ACCOUNTS_PER_JOB : 1);
    const ahead: (Promise<PoolRead[] | undefined> | undefined)[] = [];
    let handed = 0;
    for (const [at, job] of jobs.entries()) {
      for (; pool && handed < jobs.length && handed < at + pool.ahead; handed++) {
        ahead[handed] = pool.workers.read((jobs[handed] as Miss[]).map(({ dir, slug }) => ({ dir, slug })));
      }
      const pooled = await ahead[at];
      ahead[at] = undefined;
      for (const [i, miss] of job.entries()) {
        indexReads.accounts++;
        const done = pooled?.[i];
        const listed = done ? done.listed : listedNow(miss.dir);
        const read = done
          ? { facts: done.facts, problems: [], recordProblems: [], clean: true }
          : await readAccountFacts(home, miss.dir, miss.slug, roles, { remember: !many });
        const shard = open.get(miss.shard);
        // Only a clean account is remembered: its problems and unknown keys are said on every run.
        if (shard && read.facts && read.clean && listed) {
          const { stamp, ...indexed } = listed;
          shard.cache.set(miss.slug, stamp, { ...indexed, facts: read.facts });
        }
        if (shard && --shard.left === 0) {
          await shard.cache.save();
          open.delete(miss.shard);
        }
        if (read.facts || read.problems.length > 0) {
          const { slug, order, dir } = miss;
          const { facts, problems, recordProblems } = read;
          yield { slug, order, dir, facts, problems, recordProblems };
        }
      }
    }
  } finally {
    await pool?.workers.close();
    // A listing stopped early keeps what it worked out.
    for (const shard of open.values()) await shard.cache.save({ keepUnseen: true });
  }
}

/** Puts what was gathered from indexed accounts back in folder order (stray entries first). */
export function inFolderOrder<T extends { order: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.order - b.order);
}

/**
 * An account's facts when its folder and every file in it are as indexed (and, with `roles`, worked
 * out with those); undefined when it is to be read again.
 */
function unchanged(
  cache: StatCache<Indexed>,
  slug: string,
  dir: string,
  roles: FactsRoles | undefined,
): ListingFacts | undefined {
  const entry = entryAt(dir);
  if (entry?.kind !== 'folder') return undefined;
  const indexed = cache.get(slug, entry.stamp);
  if (!indexed || (roles && indexed.facts.due?.roles !== roles.key)) return undefined;
  // An unchanged folder holds the same files: only their stamps need a look.
  return fingerprintOf(dir, indexed) === indexed.fingerprint ? indexed.facts : undefined;
}

/** Misses in jobs of `size` accounts, in order. */
function inJobs(misses: Miss[], size: number): Miss[][] {
  const jobs: Miss[][] = [];
  for (let i = 0; i < misses.length; i += size) jobs.push(misses.slice(i, i + size));
  return jobs;
}

/** At most this many workers: each holds a runtime of its own (some 40 MB), and memory has a budget. */
const MOST_WORKERS = 4;

/** Workers for `accounts` accounts to read: one per core, none when one would do. */
async function startPool(home: string, roles: FactsRoles | undefined, accounts: number) {
  const size = Math.min(availableParallelism(), MOST_WORKERS, Math.ceil(accounts / MANY_ACCOUNTS));
  if (size < 2) return undefined;
  const { startListingPool } = await import('./listing-pool.js');
  const workers = await startListingPool(home, roles, size);
  return workers && { workers, ahead: size * JOBS_AHEAD_PER_WORKER };
}
