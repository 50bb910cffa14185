// The listing facts of every account (journey/listing-facts.ts), kept in <home>/.cache/listings.json
// and worked out again for an account only when one of its files changed: the stamps of its folder,
// of every session file, of its records folder and of every record make the account's fingerprint.
// `accounts`, `flags` and `due` read the stamps alone while nothing changed, and hold the facts of
// each account (never its sessions) once read.
import { createHash } from 'node:crypto';
import { sep } from 'node:path';
import { type ListingFacts, listingFacts } from '../journey/listing-facts.js';
import type { RoleIndex } from '../journey/roles.js';
import { type FolderListing, isFolderListing, isListingFacts } from './cache-shapes.js';
import { entryAt, isDataFileName, listFolder } from './data-files.js';
import { unknownKeysNoted } from './newer-files.js';
import { accountsDir } from './paths.js';
import { readRecordsIn } from './records.js';
import { accountFolders, listAccountFolder } from './session-index.js';
import { readSessionFolder } from './sessions.js';
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
 * Every account's listing facts, one account at a time, in folder order (entries of accounts/ that
 * are not folders first, as problems). With `roles`, the facts hold each customer deal's check-in
 * worked out with that role index.
 */
export async function* indexedAccounts(
  home: string,
  roles?: { key: string; index: RoleIndex },
): AsyncGenerator<IndexedAccount> {
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
  try {
    for (const slug of slugs) {
      const dir = root + sep + slug;
      const stamped = accountStamp(listings, dir);
      const hit = stamped && cache.get(slug, stamped.stamp);
      if (hit && hit.fingerprint === stamped.fingerprint && (!roles || hit.facts.due?.roles === roles.key)) {
        yield { slug, dir, facts: hit.facts, problems: [], recordProblems: [] };
        continue;
      }
      indexReads.accounts++;
      const noted = unknownKeysNoted();
      const read = await readSessionFolder(home, dir, slug);
      const recorded = read.sessions.length > 0 ? await readRecordsIn(dir) : { records: [], problems: [] };
      const name = read.sessions.at(-1)?.account ?? slug;
      const facts = listingFacts(slug, { name, sessions: read.sessions, records: recorded.records }, roles);
      // Only a clean account is remembered: its problems and unknown keys are said on every run.
      const clean =
        read.problems.length === 0 && recorded.problems.length === 0 && unknownKeysNoted() === noted;
      if (facts && clean && stamped)
        cache.set(slug, stamped.stamp, { fingerprint: stamped.fingerprint, facts });
      if (facts || read.problems.length > 0) {
        yield { slug, dir, facts, problems: read.problems, recordProblems: recorded.problems };
      }
    }
  } finally {
    await cache.save();
    await listings.save();
  }
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
