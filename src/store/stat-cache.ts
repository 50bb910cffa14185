// Derived caches in <home>/.cache/: values computed from files, reused while a file's stamp (size,
// mtime, ctime and inode) is unchanged. Never a record: on any doubt a cache is thrown away and
// rebuilt, and a data folder that cannot be written to still works, only more slowly.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

// Raise it whenever the shape of a cached value or of a stamp changes: every cache written before
// is then ignored and rebuilt. 4: stamps keep ctime and inode; values are checked in full. 6: a
// session or summary keeps the keys its file holds that this release does not know (an older release
// cached such a file as a problem). 7: a line per entry, read only when asked for.
const CACHE_FORMAT = 7;

/**
 * What identifies a version of a file without reading it. The ctime cannot be set back by hand (a
 * restored mtime still moves it) and the inode changes when a file is replaced by a rename.
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface Entry<T> extends FileStamp {
  value: T;
}

/** Where an entry not yet read lies in the cache file's bytes: its JSON, after its key. */
interface Unread {
  start: number;
  end: number;
}

/** The stamp of a path itself (a link is not followed), or undefined when it is missing. */
export function stampOf(path: string): FileStamp | undefined {
  try {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    return stats
      ? { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino }
      : undefined;
  } catch {
    return undefined;
  }
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

const NEWLINE = 0x0a;
const TAB = 0x09;

/**
 * A cache file: a first line `{"format":7}`, then a line per entry, its key as a JSON string, a tab
 * and the entry as JSON. Loading only finds where each entry lies; an entry is parsed (and its value
 * checked) when it is asked for, and written back as the bytes it was when it is kept unchanged. So a
 * listing holds a cache file's bytes (outside the JavaScript heap) and the one entry in use, not a
 * whole shard of objects: a large data folder's listings run in the same young generation as a
 * small one's.
 */
export class StatCache<T> {
  private readonly next = new Map<string, Entry<T> | Unread>();
  private dirty = false;

  private constructor(
    private readonly home: string,
    private readonly path: string,
    private readonly entries: Map<string, Unread>,
    private readonly bytes: Buffer,
    private readonly isValue: (value: unknown) => value is T,
  ) {}

  /**
   * Loads a cache file; `isValue` checks each value's whole shape (what the code reading it relies
   * on) when it is read, so a cache another version wrote, or one edited by hand, is rebuilt rather
   * than trusted.
   */
  static load<T>(home: string, name: string, isValue: (value: unknown) => value is T): StatCache<T> {
    const path = join(home, '.cache', name);
    // No cache yet (every account of a first index build): said without the cost of a thrown error.
    const file = existsSync(path) ? cacheFileAt(path) : undefined;
    const entries = new Map<string, Unread>(file?.entries);
    return new StatCache(home, path, entries, file?.bytes ?? Buffer.alloc(0), isValue);
  }

  /** The cached value for a file, or undefined when the file changed since (or was never cached). */
  get(key: string, stamp: FileStamp): T | undefined {
    const found = this.entries.get(key);
    const entry = found && this.read(found);
    if (!entry || !sameStamp(entry, stamp)) return undefined;
    // Kept as it was found: an entry never read again is written back as its bytes.
    this.next.set(key, found);
    return entry.value;
  }

  set(key: string, stamp: FileStamp, value: T): void {
    const { size, mtimeMs, ctimeMs, ino } = stamp;
    this.next.set(key, { size, mtimeMs, ctimeMs, ino, value });
    this.dirty = true;
  }

  /**
   * Writes the entries used since loading (dropping files that are gone), when anything changed.
   * With `keepUnseen`, entries not looked at this time are kept too.
   */
  async save(options: { keepUnseen?: boolean } = {}): Promise<void> {
    if (options.keepUnseen) {
      // An entry kept unread is checked now, as it would be when read: a bad line is not kept.
      for (const [key, entry] of this.entries) {
        if (!this.next.has(key) && this.read(entry)) this.next.set(key, entry);
      }
    }
    if (!this.dirty && this.next.size === this.entries.size) return;
    try {
      const folder = dirname(this.path);
      await ensureCacheFolder(this.home, folder);
      const text = cacheText(
        [...this.next].map(([key, entry]): [string, string] => [
          key,
          isUnread(entry) ? this.bytes.toString('utf8', entry.start, entry.end) : JSON.stringify(entry),
        ]),
      );
      await writeFileAtomic(this.path, text, { disposable: true }).catch(async (error) => {
        // Removed since it was made (a test, a rep clearing .cache): made again, once.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        made.delete(folder);
        await ensureCacheFolder(this.home, folder);
        await writeFileAtomic(this.path, text, { disposable: true });
      });
    } catch {
      // A read-only data folder still works; it just cannot remember for next time.
    }
  }

  /** An entry as parsed and checked; undefined when its line is not one this release can trust. */
  private read(found: Unread): Entry<T> | undefined {
    try {
      const entry = JSON.parse(this.bytes.toString('utf8', found.start, found.end)) as unknown;
      return isEntry(entry) && this.isValue(entry.value) ? (entry as Entry<T>) : undefined;
    } catch {
      return undefined; // not JSON, or a value check that threw
    }
  }
}

/** A cache file's text: its format line, then each key (as JSON), a tab and its entry's JSON. */
export function cacheText(entries: Iterable<[string, string]>): string {
  let text = `${JSON.stringify({ format: CACHE_FORMAT })}\n`;
  for (const [key, json] of entries) text += `${JSON.stringify(key)}\t${json}\n`;
  return text;
}

/**
 * Where each entry of a cache file of this format lies in its bytes; undefined when the file cannot
 * be read or is of another format. A line that is not a key and an entry is left out.
 */
function cacheFileAt(path: string): { bytes: Buffer; entries: [string, Unread][] } | undefined {
  try {
    const bytes = readFileSync(path);
    const first = bytes.indexOf(NEWLINE);
    if (first < 0) return undefined;
    const header = JSON.parse(bytes.toString('utf8', 0, first)) as unknown;
    if (!isObject(header) || header.format !== CACHE_FORMAT) return undefined;
    const entries: [string, Unread][] = [];
    for (let start = first + 1; start < bytes.length; ) {
      const newline = bytes.indexOf(NEWLINE, start);
      const end = newline < 0 ? bytes.length : newline;
      // Looked for within the line: a file of lines without one is read in one pass, not one per line.
      const tab = start + bytes.subarray(start, end).indexOf(TAB);
      if (tab > start) {
        const key = keyOf(bytes.toString('utf8', start, tab));
        if (key !== undefined) entries.push([key, { start: tab + 1, end }]);
      }
      start = end + 1;
    }
    return { bytes, entries };
  } catch {
    return undefined; // unreadable (a folder, say), or a format line that is not JSON
  }
}

/** A line's key, or undefined when it is not a JSON string. */
function keyOf(json: string): string | undefined {
  try {
    const key = JSON.parse(json) as unknown;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** A cache file's entries as their JSON text, by key (shards being moved: store/shards.ts); undefined as cacheFileAt. */
export function cacheEntries(path: string): Map<string, string> | undefined {
  const file = cacheFileAt(path);
  return (
    file && new Map(file.entries.map(([key, at]) => [key, file.bytes.toString('utf8', at.start, at.end)]))
  );
}

const isUnread = <T>(entry: Entry<T> | Unread): entry is Unread => !('value' in entry);

/** Cache folders made (with .cache's .gitignore) in this run: a build saving many files makes each once. */
const made = new Set<string>();

async function ensureCacheFolder(home: string, folder: string): Promise<void> {
  if (made.has(folder)) return;
  await mkdir(folder, { recursive: true });
  // Keeps the caches out of git wherever the data folder is committed.
  const gitignore = join(home, '.cache', '.gitignore');
  await writeFileAtomic(gitignore, '*\n', { exclusive: true, disposable: true }).catch(() => undefined);
  made.add(folder);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(entry: unknown): entry is Entry<unknown> {
  if (!isObject(entry)) return false;
  return (
    typeof entry.size === 'number' &&
    typeof entry.mtimeMs === 'number' &&
    typeof entry.ctimeMs === 'number' &&
    typeof entry.ino === 'number' &&
    'value' in entry
  );
}
