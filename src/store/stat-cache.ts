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
// cached such a file as a problem).
const CACHE_FORMAT = 6;

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

export class StatCache<T> {
  private readonly next = new Map<string, Entry<T>>();
  private dirty = false;

  private constructor(
    private readonly home: string,
    private readonly path: string,
    private readonly entries: Map<string, Entry<T>>,
  ) {}

  /**
   * Loads a cache file; `isValue` checks each value's whole shape (what the code reading it relies
   * on), so a cache another version wrote, or one edited by hand, is rebuilt rather than trusted.
   */
  static load<T>(home: string, name: string, isValue: (value: unknown) => value is T): StatCache<T> {
    const path = join(home, '.cache', name);
    const entries = new Map<string, Entry<T>>();
    // No cache yet (every account of a first index build): said without the cost of a thrown error.
    if (!existsSync(path)) return new StatCache(home, path, entries);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; entries?: unknown };
      if (data.format === CACHE_FORMAT && isObject(data.entries)) {
        for (const [key, entry] of Object.entries(data.entries)) {
          if (isEntry(entry) && isValue(entry.value)) entries.set(key, entry as Entry<T>);
        }
      }
    } catch {
      // missing, unreadable, or a value check that threw: start empty
    }
    return new StatCache(home, path, entries);
  }

  /** The cached value for a file, or undefined when the file changed since (or was never cached). */
  get(key: string, stamp: FileStamp): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || !sameStamp(entry, stamp)) return undefined;
    this.next.set(key, entry);
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
      for (const [key, entry] of this.entries) if (!this.next.has(key)) this.next.set(key, entry);
    }
    if (!this.dirty && this.next.size === this.entries.size) return;
    try {
      const folder = dirname(this.path);
      await ensureCacheFolder(this.home, folder);
      const text = JSON.stringify({ format: CACHE_FORMAT, entries: Object.fromEntries(this.next) });
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
}

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
