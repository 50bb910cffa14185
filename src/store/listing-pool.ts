// Worker threads for a first index build (or any run reading many accounts): each takes a few whole
// accounts at a time, stamps each folder just before reading it, and sends back their stamps and
// listing facts, so a team's sessions are parsed on every core and this thread only files answers.
// An account with anything to say (a problem, keys this release does not know) is sent back unread,
// to be read again in the main thread, where its warnings are said and its files noted as every run does.
import type { ListingFacts } from '../journey/listing-facts.js';
import { type FactsRoles, readAccountFacts } from './account-facts.js';
import { type ListedAccount, readNow } from './account-stamp.js';
import type { ReadEntry } from './data-files.js';
import { SESSION_FILE } from './limits.js';
import { threadPool } from './thread-pool.js';

/**
 * Each thread's young generation: a thread keeps a few accounts at a time, and V8's default (up to
 * 48 MB) would only hold more garbage between collections, in every thread.
 */
const YOUNG_MB = 16;

/** Accounts for a thread to read, in turn. */
export interface ListingJob {
  home: string;
  roles: FactsRoles | undefined;
  accounts: { dir: string; slug: string }[];
}

/**
 * A clean account's folder as stamped before it was read and its facts; undefined when the main
 * thread should stamp and read it itself.
 */
export type PoolRead = { listed: ListedAccount; facts: ListingFacts | undefined } | undefined;

export interface ListingPool {
  /** One answer per account, in the order given; undefined: the job failed, read them all here. */
  read(accounts: ListingJob['accounts']): Promise<PoolRead[] | undefined>;
  close(): Promise<void>;
}

/** `size` threads reading accounts; undefined where there are none to start (the sources, under test). */
export async function startListingPool(
  home: string,
  roles: FactsRoles | undefined,
  size: number,
): Promise<ListingPool | undefined> {
  const pool = await threadPool(size, { maxYoungGenerationSizeMb: YOUNG_MB });
  if (!pool) return undefined;
  return {
    read: (accounts) => pool.run<PoolRead[]>('listingFacts', { home, roles, accounts } satisfies ListingJob),
    close: () => pool.close(),
  };
}

/** A thread's side (pool-worker.ts): each account's stamp and facts when it is clean. */
export async function listingFactsJob(job: ListingJob): Promise<PoolRead[]> {
  const out: PoolRead[] = [];
  for (const { dir, slug } of job.accounts) out.push(await readStamped(job, dir, slug));
  return out;
}

async function readStamped(job: ListingJob, dir: string, slug: string): Promise<PoolRead> {
  // Stamped as it is read, each file through the descriptor it is read by: a file changed meanwhile
  // is read again next time. The files as listed, opened and read for the stamp are the ones parsed,
  // not listed, looked at and read again.
  const seen = new Map<string, ReadEntry>();
  const listed = readNow(dir, seen, SESSION_FILE);
  const files = listed && { names: listed.names, seen };
  const read = await readAccountFacts(job.home, dir, slug, job.roles, { remember: false, listed: files });
  return read.clean ? { listed, facts: read.facts } : undefined;
}
