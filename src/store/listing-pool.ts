// Worker threads for a first index build (or any run reading many accounts): each reads whole
// accounts and sends back their listing facts, so a team's sessions are parsed on every core. An
// account with anything to say (a problem, keys this release does not know) is sent back unread, to
// be read again in the main thread, where its warnings are said and its files noted as every run does.
import type { ListingFacts } from '../journey/listing-facts.js';
import { type FactsRoles, readAccountFacts } from './account-facts.js';
import { threadPool } from './thread-pool.js';

/**
 * Each thread's young generation: a thread keeps one account at a time, and V8's default (up to
 * 48 MB) would only hold more garbage between collections, in every thread.
 */
const YOUNG_MB = 8;

/** One account for a thread to read. */
export interface ListingJob {
  home: string;
  roles: FactsRoles | undefined;
  dir: string;
  slug: string;
}

/** A clean account's facts, or undefined when the main thread should read it itself. */
export type PoolRead = { facts: ListingFacts | undefined } | undefined;

export interface ListingPool {
  read(dir: string, slug: string): Promise<PoolRead>;
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
    read: (dir, slug) => pool.run<PoolRead>('listingFacts', { home, roles, dir, slug } satisfies ListingJob),
    close: () => pool.close(),
  };
}

/** A thread's side (pool-worker.ts): one account, its facts when it is clean. */
export async function listingFactsJob(job: ListingJob): Promise<PoolRead> {
  const read = await readAccountFacts(job.home, job.dir, job.slug, job.roles, { remember: false });
  return read.clean ? { facts: read.facts } : undefined;
}
