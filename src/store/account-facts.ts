// One account's listing facts read from its files: what the listing index works out again for an
// account whose files changed, in this thread or in a worker of a first build (store/listing-pool.ts).
import { type ListingFacts, listingFacts } from '../journey/listing-facts.js';
import type { RoleIndex } from '../journey/roles.js';
import { unknownKeysNoted } from './newer-files.js';
import { readRecordsIn } from './records.js';
import { type ListedFiles, readSessionFolder } from './sessions.js';

export interface AccountFactsRead {
  /** Undefined: no readable session. */
  facts: ListingFacts | undefined;
  /** What could not be read in its folder and its session files. */
  problems: string[];
  /** What could not be read in its records folder. */
  recordProblems: string[];
  /** Nothing to say about it: no problem and no file with keys this release does not know. */
  clean: boolean;
}

export interface FactsRoles {
  key: string;
  index: RoleIndex;
}

/**
 * Reads an account's sessions and records and works out its listing facts. `remember`: keep its
 * sessions in their stat cache, as any command reading an account does; `listed`: readSessionFolder's.
 */
export async function readAccountFacts(
  home: string,
  dir: string,
  slug: string,
  roles: FactsRoles | undefined,
  options: { remember: boolean; listed?: ListedFiles | undefined },
): Promise<AccountFactsRead> {
  const noted = unknownKeysNoted();
  const read = await readSessionFolder(home, dir, slug, options);
  const recorded = read.sessions.length > 0 ? await readRecordsIn(dir) : { records: [], problems: [] };
  const name = read.sessions.at(-1)?.account ?? slug;
  const facts = listingFacts(slug, { name, sessions: read.sessions, records: recorded.records }, roles);
  const clean = read.problems.length === 0 && recorded.problems.length === 0 && unknownKeysNoted() === noted;
  return { facts, problems: read.problems, recordProblems: recorded.problems, clean };
}
