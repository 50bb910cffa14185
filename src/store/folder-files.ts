// The data files of one folder (an account's sessions, its records), each read on its own through a
// stat cache: an entry that is not a regular file, is too large or cannot be read becomes a problem
// line, and the other files are read as if it were not there.
import { sep } from 'node:path';
import {
  entryAt,
  type FileKind,
  type ReadEntry,
  type ReadResult,
  readDataFile,
  tooLarge,
  wrongKind,
} from './data-files.js';
import type { StatCache } from './stat-cache.js';

export interface FolderFile<T> {
  name: string;
  path: string;
  value: T;
}

export interface FolderRead<T> {
  files: FolderFile<T>[];
  problems: string[];
}

export interface FolderFilesOptions<T> {
  dir: string;
  /** The data file names listed in the folder, sorted. */
  names: readonly string[];
  /**
   * Entries of those files looked at a moment ago (a folder just stamped): not looked at again, and
   * one with its text (opened and read as it was stamped) not read again.
   */
  seen?: ReadonlyMap<string, ReadEntry> | undefined;
  kind: FileKind;
  cache: StatCache<T>;
  /** The cache key of a file. */
  key: (name: string) => string;
  /** The value of a file's text; a file that does not parse gives a value saying so (cached too). */
  parse: (text: string, path: string) => T | Promise<T>;
}

export async function readFolderFiles<T>(options: FolderFilesOptions<T>): Promise<FolderRead<T>> {
  const { dir, kind, cache } = options;
  const out: FolderRead<T> = { files: [], problems: [] };
  for (const name of options.names) {
    // Plain concatenation: path.join normalises every one of thousands of paths, and these are clean.
    const path = dir + sep + name;
    const entry: ReadEntry | undefined = options.seen?.get(name) ?? entryAt(path);
    if (!entry) continue; // removed while we looked
    const wrong = wrongKind(path, entry.kind, kind.noun);
    if (wrong) {
      out.problems.push(wrong);
      continue;
    }
    if (entry.stamp.size > kind.maxBytes) {
      out.problems.push(tooLarge(path, entry.stamp.size, kind));
      continue;
    }
    const key = options.key(name);
    let value = cache.get(key, entry.stamp);
    if (value === undefined) {
      const read: ReadResult =
        entry.text === undefined
          ? readDataFile(path, kind)
          : { ok: true, text: entry.text, stamp: entry.stamp };
      // Not cached: a permission or a file type can change without the file's stamp changing.
      if (!read.ok) {
        out.problems.push(read.problem);
        continue;
      }
      value = await options.parse(read.text, path);
      cache.set(key, read.stamp, value);
    }
    out.files.push({ name, path, value });
  }
  return out;
}

/**
 * One file per session id. A second file holding the same id is a copy (a sync tool's "conflicted
 * copy", a backup): the file named after the id is kept, else the first by name, and each copy is
 * reported once.
 */
export function withoutCopies<F extends { name: string; path: string }>(
  files: readonly F[],
  idOf: (file: F) => string | undefined,
): { files: F[]; problems: string[] } {
  const byId = new Map<string, F[]>();
  for (const file of files) {
    const id = idOf(file);
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), file]);
  }
  const dropped = new Set<F>();
  const problems: string[] = [];
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    const kept = same.find((f) => f.name === `${id}.yaml`) ?? (same[0] as F);
    for (const copy of same.filter((f) => f !== kept)) {
      dropped.add(copy);
      problems.push(
        `${copy.path}: holds session ${id}, which ${kept.name} holds too (a copy, such as a sync tool's "conflicted copy"); journey reads ${kept.name}: compare the two, keep one, and move the other out of the data folder`,
      );
    }
  }
  return { files: files.filter((f) => !dropped.has(f)), problems };
}
