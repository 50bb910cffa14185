// A local cache of session summaries, so listing thousands of sessions reads no YAML at all when
// nothing changed. It is derived data: any doubt about it and it is rebuilt from the session files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { bySessionStart, type SessionSummary } from '../journey/account.js';
import { writeFileAtomic } from './atomic.js';
import { accountsDir } from './paths.js';

const INDEX_FORMAT = 1;
const CACHE_DIR = '.cache';
const INDEX_FILE = 'sessions-index.json';

interface IndexEntry {
  size: number;
  mtimeMs: number;
  summary?: SessionSummary;
  problem?: string;
}

interface IndexFile {
  format: typeof INDEX_FORMAT;
  entries: Record<string, IndexEntry>;
}

export interface AccountFolder {
  slug: string;
  /** Oldest first. */
  sessions: SessionSummary[];
  problems: string[];
}

/**
 * Summaries of every session, by account folder (or of one folder). Files whose size and mtime match
 * the cache are not read; the rest are parsed through the session schema and the cache updated.
 */
export async function readSummaries(home: string, onlySlug?: string): Promise<AccountFolder[]> {
  const root = accountsDir(home);
  const slugs = onlySlug ? [onlySlug] : listFolders(root);
  const index = loadIndex(home);
  const next: IndexFile = { format: INDEX_FORMAT, entries: onlySlug ? { ...index.entries } : {} };
  let changed = false;
  const folders: AccountFolder[] = [];
  // Synchronous on purpose: a listing does nothing else meanwhile, and a thousand statSync calls
  // take a third of the time of a thousand promised ones.
  for (const slug of slugs) {
    const folder: AccountFolder = { slug, sessions: [], problems: [] };
    for (const name of sessionFilesSync(join(root, slug))) {
      const key = `${slug}/${name}`;
      const path = join(root, slug, name);
      const info = statOrUndefined(path);
      if (!info) continue; // removed while we looked
      let entry = index.entries[key];
      if (!entry || entry.size !== info.size || entry.mtimeMs !== info.mtimeMs) {
        entry = { size: info.size, mtimeMs: info.mtimeMs, ...(await summariseFile(path)) };
        changed = true;
      }
      next.entries[key] = entry;
      if (entry.summary) folder.sessions.push(entry.summary);
      if (entry.problem) folder.problems.push(entry.problem);
    }
    folder.sessions.sort(bySessionStart);
    folder.problems.sort();
    if (folder.sessions.length > 0 || folder.problems.length > 0) folders.push(folder);
  }
  const stale = Object.keys(next.entries).length !== Object.keys(index.entries).length;
  if (slugs.length > 0 && (changed || stale)) await saveIndex(home, next);
  return folders;
}

async function summariseFile(path: string): Promise<Pick<IndexEntry, 'summary' | 'problem'>> {
  // Loaded only on a cache miss: YAML and zod are the slow part of start-up.
  const [{ parseSession }, { summariseSession }] = await Promise.all([
    import('./sessions.js'),
    import('../journey/account.js'),
  ]);
  const read = parseSession(readFileSync(path, 'utf8'), path);
  return read.ok ? { summary: summariseSession(read.session) } : { problem: read.problem };
}

function statOrUndefined(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function sessionFilesSync(dir: string): string[] {
  try {
    return readdirSync(dir).filter(isSessionFileName).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function isSessionFileName(name: string): boolean {
  return name.endsWith('.yaml') && !name.startsWith('.');
}

function listFolders(root: string): string[] {
  try {
    const entries = readdirSync(root, { withFileTypes: true });
    return entries
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function listSessionFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter(isSessionFileName).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function loadIndex(home: string): IndexFile {
  try {
    const value: unknown = JSON.parse(readFileSync(join(home, CACHE_DIR, INDEX_FILE), 'utf8'));
    // A cache, not a record: checked by shape, and thrown away on any doubt (loading zod here
    // would cost more than the cache saves).
    if (isIndex(value)) return value;
  } catch {
    // missing or unreadable: rebuild
  }
  return { format: INDEX_FORMAT, entries: {} };
}

function isIndex(value: unknown): value is IndexFile {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<IndexFile>;
  if (v.format !== INDEX_FORMAT || !v.entries || typeof v.entries !== 'object') return false;
  return Object.values(v.entries).every(
    (e) =>
      e &&
      typeof e.size === 'number' &&
      typeof e.mtimeMs === 'number' &&
      (typeof e.problem === 'string' || (typeof e.summary === 'object' && typeof e.summary?.id === 'string')),
  );
}

async function saveIndex(home: string, index: IndexFile): Promise<void> {
  const dir = join(home, CACHE_DIR);
  try {
    await mkdir(dir, { recursive: true });
    // Keeps the cache out of git wherever the data folder is committed.
    await writeFileAtomic(join(dir, '.gitignore'), '*\n', { exclusive: true }).catch(() => undefined);
    await writeFileAtomic(join(dir, INDEX_FILE), JSON.stringify(index));
  } catch {
    // A read-only data folder still lists; it just cannot remember for next time.
  }
}
