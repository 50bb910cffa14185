// An account folder's fingerprint: the stamps of every session file in it, of its records folder and of
// every record. Any file added, removed, replaced or edited in place changes it.
import type { Dirent } from 'node:fs';
import { sep } from 'node:path';
import { Lanes } from '../model/text-hash.js';
import type { FolderListing } from './cache-shapes.js';
import {
  type Entry,
  entryAt,
  type FileKind,
  isDataFileName,
  listFolder,
  openDataFile,
  type ReadEntry,
} from './data-files.js';
import { listAccountFolder } from './session-index.js';
import type { FileStamp, StatCache } from './stat-cache.js';

export interface AccountStamp {
  /** The stamp of the folder itself. */
  stamp: FileStamp;
  fingerprint: string;
}

/**
 * An account folder's stamp and its fingerprint, its session files listed through the folder listing
 * cache. Undefined when anything there is not a plain file or folder (that account is read from its
 * files every time, so what is wrong is said every time).
 */
export function accountStamp(listings: StatCache<FolderListing>, dir: string): AccountStamp | undefined {
  const entry = entryAt(dir);
  if (entry?.kind !== 'folder') return undefined;
  const listed = listAccountFolder(listings, dir);
  if ('problem' in listed) return undefined;
  const fingerprint = fingerprintOf(dir, listed);
  return fingerprint === undefined ? undefined : { stamp: entry.stamp, fingerprint };
}

/**
 * The fingerprint of an account folder whose session files are `listed`; undefined as above. `seen`
 * takes each session file's entry as looked at (by `look`), for a reader that follows at once.
 */
export function fingerprintOf(
  dir: string,
  listed: FolderListing,
  seen?: Map<string, Entry>,
  look: (path: string, name: string) => Entry | undefined = entryAt,
): string | undefined {
  // Fed stamp by stamp: a warm listing of 100,000 sessions once built 100,000 lines of text to hash.
  const lanes = new Lanes();
  for (const name of listed.names) {
    const file = look(dir + sep + name, name);
    if (file?.kind !== 'file') return undefined;
    seen?.set(name, file);
    feedStamp(lanes, name, file.stamp);
  }
  if (listed.records) {
    const records = `${dir + sep}records`;
    const folder = entryAt(records);
    if (folder?.kind !== 'folder') return undefined;
    feedStamp(lanes, 'records/', folder.stamp);
    const inside = listFolder(records, 'records folder');
    if (!inside.ok) return undefined;
    for (const name of inside.entries
      .map((e) => e.name)
      .filter(isDataFileName)
      .sort()) {
      const file = entryAt(records + sep + name);
      if (file?.kind !== 'file') return undefined;
      feedStamp(lanes, `records/${name}`, file.stamp);
    }
  }
  return lanes.digest();
}

/** A file's name (its length first, so no two lists of names run together alike) and its stamp. */
function feedStamp(lanes: Lanes, name: string, s: FileStamp): void {
  lanes.number(name.length).text(name).number(s.size).number(s.mtimeMs).number(s.ctimeMs).number(s.ino);
}

/** An account folder's files as listed and stamped just before it is read; undefined: not indexable (said on every run). */
export type ListedAccount = (FolderListing & AccountStamp) | undefined;

/** An account folder's stamp, session files and fingerprint now; `seen` as fingerprintOf's. */
export function listedNow(dir: string, seen?: Map<string, Entry>): ListedAccount {
  const entry = entryAt(dir);
  if (entry?.kind !== 'folder') return undefined;
  const listed = listNow(dir);
  const fingerprint = listed && fingerprintOf(dir, listed, seen);
  return listed && fingerprint ? { ...listed, stamp: entry.stamp, fingerprint } : undefined;
}

/**
 * listedNow for a reader that follows at once (a worker of a first index build): each session file is
 * opened once, stamped through its descriptor, and kept in `seen` with its text, where listedNow
 * looks each one up by its path for its stamp and the reader looks it up again to read it. Only an
 * entry the folder's listing says is a file is opened (a FIFO or a device never is): any other
 * leaves the account unstamped, as listedNow does.
 */
export function readNow(dir: string, seen: Map<string, ReadEntry>, kind: FileKind): ListedAccount {
  const entry = entryAt(dir);
  if (entry?.kind !== 'folder') return undefined;
  const entries = listFolder(dir, 'account folder');
  if (!entries.ok) return undefined;
  const files = new Set(entries.entries.filter((e) => e.isFile()).map((e) => e.name));
  const listed = listingOf(entries.entries);
  const open = (path: string, name: string) => (files.has(name) ? openDataFile(path, kind) : undefined);
  const fingerprint = fingerprintOf(dir, listed, seen, open);
  return fingerprint ? { ...listed, stamp: entry.stamp, fingerprint } : undefined;
}

/** A folder's session files and whether it has a records folder, listed now; undefined when it cannot be. */
export function listNow(dir: string): FolderListing | undefined {
  const listed = listFolder(dir, 'account folder');
  return listed.ok ? listingOf(listed.entries) : undefined;
}

const listingOf = (entries: readonly Dirent[]): FolderListing => ({
  names: entries
    .map((e) => e.name)
    .filter(isDataFileName)
    .sort(),
  records: entries.some((e) => e.name === 'records'),
});
