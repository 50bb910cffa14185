// The listing facts of every account (journey/listing-facts.ts), kept in <home>/.cache/listings.json
// and worked out again for an account only when one of its files changed: the stamps of its folder,
// of every session file, of its records folder and of every record make the account's fingerprint.
// `accounts`, `flags` and `due` read the stamps alone while nothing changed, and hold the facts of
// each account (never its sessions) once read.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import type { ListingFacts } from '../journey/listing-facts.js';
import { type FactsRoles, readAccountFacts } from './account-facts.js';
import { type FolderListing, isFolderListing, isListingFacts } from './cache-shapes.js';
import { entryAt, isDataFileName, listFolder } from './data-files.js';
import type { PoolRead } from './listing-pool.js';
import { accountsDir } from './paths.js';
import { accountFolders, listAccountFolder } from './session-index.js';
import { type FileStamp, isObject, StatCache } from './stat-cache.js';

export interface IndexedAccount {
  /** The folder's name in accounts/ (for a stray entry there, its name). */
  slug: string;
  dir: string;
  /** Undefined: no readable session. */
  facts: ListingFacts | undefined;
  /** What could not be read in its folder and its session files. */
  problems: string[];
  /** What could not be read in its records folder. */
  recordProblems: string[];
}

interface Indexed {
  fingerprint: string;
  facts: ListingFacts;
}

const isIndexed = (v: unknown): v is Indexed =>
  isObject(v) && typeof v.fingerprint === 'string' && isListingFacts(v.facts);

/** Counts accounts whose files were read, for tests: an unchanged data folder reads none. */
export const indexReads = { accounts: 0 };

/**
 * From this many accounts to read in one run (a first build, banks that place a role elsewhere),
 * they are read by worker threads, and their sessions are not copied into their stat caches: at team
 * scale that copy would be hundreds of megabytes that listings never read. Fewer are read here, each
 * through its cache as any command reads an account.
 */
const POOL_FROM = 64;
/** Accounts handed to the workers ahead of the one being yielded: bounds what waits in memory. */
const AHEAD_PER_WORKER = 8;

interface Looked {
  slug: string;
  dir: string;
  stamped: { stamp: FileStamp; fingerprint: string } | undefined;
  hit: ListingFacts | undefined;
}

/**
 * Every account's listing facts, one account at a time, in folder order (entries of accounts/ that
 * are not folders first, as problems). With `roles`, the facts hold each customer deal's check-in
 * worked out with that role index.
 */
export async function* indexedAccounts(home: string, roles?: FactsRoles): AsyncGenerator<IndexedAccount> {
  const root = accountsDir(home);
  const { slugs, strays } = accountFolders(root);
  for (const s of strays) {
    yield {
      slug: s.slug,
      dir: root + sep + s.slug,
      facts: undefined,
      problems: s.problems,
      recordProblems: [],
    };
  }
  if (slugs.length === 0) return;
  const listings = StatCache.load(home, 'folders.json', isFolderListing);
  const cache = StatCache.load(home, 'listings.json', isIndexed);
  const looked = slugs.map((slug): Looked => {
    const dir = root + sep + slug;
    const stamped = accountStamp(listings, dir);
    const hit = stamped && cache.get(slug, stamped.stamp);
    const fresh =
      hit && hit.fingerprint === stamped.fingerprint && (!roles || hit.facts.due?.roles === roles.key);
    return { slug, dir, stamped, hit: fresh ? hit.facts : undefined };
  });
  const misses = looked.filter((l) => !l.hit);
  const many = misses.length >= POOL_FROM;
  const pool = many ? await startPool(home, roles, misses.length) : undefined;
  const ahead = new Map<string, Promise<PoolRead>>();
  let handed = 0;
  const handOut = () => {
    if (!pool) return;
    const most = pool.size * AHEAD_PER_WORKER;
    for (; handed < misses.length && ahead.size < most; handed++) {
      const miss = misses[handed] as Looked;
      ahead.set(miss.slug, pool.read(miss.dir, miss.slug));
    }
  };
  try {
    for (const { slug, dir, stamped, hit } of looked) {
      if (hit) {
        yield { slug, dir, facts: hit, problems: [], recordProblems: [] };
        continue;
      }
      indexReads.accounts++;
      handOut();
      const pooled = await ahead.get(slug);
      ahead.delete(slug);
      const read = pooled
        ? { ...pooled, problems: [], recordProblems: [], clean: true }
        : await readAccountFacts(home, dir, slug, roles, { remember: !many });
      // Only a clean account is remembered: its problems and unknown keys are said on every run.
      if (read.facts && read.clean && stamped)
        cache.set(slug, stamped.stamp, { fingerprint: stamped.fingerprint, facts: read.facts });
      if (read.facts || read.problems.length > 0) {
        yield { slug, dir, facts: read.facts, problems: read.problems, recordProblems: read.recordProblems };
      }
    }
  } finally {
    await pool?.workers.close();
    await cache.save();
    await listings.save();
  }
}

/** Workers for `accounts` accounts to read: one per core, none when one would do. */
async function startPool(home: string, roles: FactsRoles | undefined, accounts: number) {
  const size = Math.min(availableParallelism(), Math.ceil(accounts / POOL_FROM));
  if (size < 2) return undefined;
  const { startListingPool } = await import('./listing-pool.js');
  const workers = startListingPool(home, roles, size);
  return workers && { workers, size, read: workers.read };
}

/**
 * An account folder's stamp and its fingerprint: the stamps of every data file in it and in its
 * records folder. Undefined when anything there is not a plain file or folder (that account is read
 * from its files every time, so what is wrong is said every time).
 */
export function accountStamp(
  listings: StatCache<FolderListing>,
  dir: string,
): { stamp: FileStamp; fingerprint: string } | undefined {
  const entry = entryAt(dir);
  if (entry?.kind !== 'folder') return undefined;
  const listed = listAccountFolder(listings, dir);
  if ('problem' in listed) return undefined;
  const parts: string[] = [];
  for (const name of listed.names) {
    const file = entryAt(dir + sep + name);
    if (file?.kind !== 'file') return undefined;
    parts.push(stampText(name, file.stamp));
  }
  if (listed.records) {
    const records = `${dir + sep}records`;
    const folder = entryAt(records);
    if (folder?.kind !== 'folder') return undefined;
    parts.push(stampText('records/', folder.stamp));
    const inside = listFolder(records, 'records folder');
    if (!inside.ok) return undefined;
    for (const name of inside.entries
      .map((e) => e.name)
      .filter(isDataFileName)
      .sort()) {
      const file = entryAt(records + sep + name);
      if (file?.kind !== 'file') return undefined;
      parts.push(stampText(`records/${name}`, file.stamp));
    }
  }
  const fingerprint = createHash('sha1').update(parts.join('\n')).digest('base64');
  return { stamp: entry.stamp, fingerprint };
}

const stampText = (name: string, s: FileStamp) => `${name}\t${s.size}\t${s.mtimeMs}\t${s.ctimeMs}\t${s.ino}`;
