// Derived caches in <home>/.cache/: values computed from files, reused while a file's size and
// mtime are unchanged. Never a record: on any doubt a cache is thrown away and rebuilt, and a data
// folder that cannot be written to still works, only more slowly.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

// Raise it whenever the shape of a cached value changes (sessions, summaries, outlines, listings):
// every cache written before is then ignored and rebuilt.
const CACHE_FORMAT = 3;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

interface Entry<T> extends FileStamp {
  value: T;
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
   * Loads a cache file; `isValue` checks each value's shape. The check is by hand on purpose:
   * loading zod here would cost more than the cache saves.
   */
  static load<T>(home: string, name: string, isValue: (value: unknown) => value is T): StatCache<T> {
    const path = join(home, '.cache', name);
    const entries = new Map<string, Entry<T>>();
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; entries?: unknown };
      if (data.format === CACHE_FORMAT && data.entries && typeof data.entries === 'object') {
        for (const [key, entry] of Object.entries(data.entries as Record<string, Entry<unknown>>)) {
          if (isEntry(entry) && isValue(entry.value)) entries.set(key, entry as Entry<T>);
        }
      }
    } catch {
      // missing or unreadable: start empty
    }
    return new StatCache(home, path, entries);
  }

  /** The cached value for a file, or undefined when the file changed since (or was never cached). */
  get(key: string, stamp: FileStamp): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs) return undefined;
    this.next.set(key, entry);
    return entry.value;
  }

  set(key: string, stamp: FileStamp, value: T): void {
    this.next.set(key, { size: stamp.size, mtimeMs: stamp.mtimeMs, value });
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
      const dir = join(this.home, '.cache');
      await mkdir(dirname(this.path), { recursive: true });
      // Keeps the caches out of git wherever the data folder is committed.
      const gitignore = join(dir, '.gitignore');
      await writeFileAtomic(gitignore, '*\n', { exclusive: true, disposable: true }).catch(() => undefined);
      const text = JSON.stringify({ format: CACHE_FORMAT, entries: Object.fromEntries(this.next) });
      await writeFileAtomic(this.path, text, { disposable: true });
    } catch {
      // A read-only data folder still works; it just cannot remember for next time.
    }
  }
}

function isEntry(entry: unknown): entry is Entry<unknown> {
  if (!entry || typeof entry !== 'object') return false;
  const e = entry as Partial<Entry<unknown>>;
  return typeof e.size === 'number' && typeof e.mtimeMs === 'number' && 'value' in e;
}
