// Summaries of every session, for listings. Backed by a stat cache, so listing thousands of
// sessions reads no YAML at all when nothing changed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { bySessionStart, summariseSession } from '../journey/listing.js';
import type { SessionSummary } from '../model/account.js';
import { yamlFileNames } from '../yaml/files.js';
import { accountsDir } from './paths.js';
import { type FileStamp, StatCache } from './stat-cache.js';

type Summarised = { summary: SessionSummary } | { problem: string };

export interface AccountFolder {
  slug: string;
  /** Oldest first. */
  sessions: SessionSummary[];
  problems: string[];
  /** The account has a records/ folder (closes, resolved flags) to read. */
  hasRecords: boolean;
}

/** The marker a folder listing keeps for a records/ subfolder (no session file ends with a slash). */
const RECORDS = 'records/';

/**
 * Summaries of every session, by account folder (or of one folder). Synchronous file-system calls on
 * purpose: a listing does nothing else meanwhile, and a thousand statSync calls take a third of the
 * time of a thousand promised ones.
 */
export async function readSummaries(home: string, onlySlug?: string): Promise<AccountFolder[]> {
  const root = accountsDir(home);
  const slugs = onlySlug ? [onlySlug] : listFolders(root);
  const cache = StatCache.load(home, 'sessions-index.json', isSummarised);
  const listings = StatCache.load(home, 'folders.json', isNameList);
  const folders: AccountFolder[] = [];
  for (const slug of slugs) {
    // Plain concatenation: path.join normalises every one of thousands of paths, and these are clean.
    const folderPath = root + sep + slug;
    const listing = listFolder(listings, folderPath, slug);
    const folder: AccountFolder = { slug, sessions: [], problems: [], hasRecords: listing.includes(RECORDS) };
    for (const name of listing) {
      if (name === RECORDS) continue;
      const path = folderPath + sep + name;
      const stamp = stampOf(path);
      if (!stamp) continue; // removed while we looked
      const key = `${slug}/${name}`;
      let value = cache.get(key, stamp);
      if (!value) {
        value = await summariseFile(path);
        cache.set(key, stamp, value);
      }
      if ('summary' in value) folder.sessions.push(value.summary);
      else folder.problems.push(value.problem);
    }
    folder.sessions.sort(bySessionStart);
    folder.problems.sort();
    if (folder.sessions.length > 0 || folder.problems.length > 0) folders.push(folder);
  }
  if (slugs.length > 0) {
    await cache.save({ keepUnseen: onlySlug !== undefined });
    await listings.save({ keepUnseen: onlySlug !== undefined });
  }
  return folders;
}

/**
 * A folder's session files. A folder's mtime changes whenever a file is added, removed or renamed
 * into it (every atomic write renames), so an unchanged folder need not be listed again.
 */
function listFolder(listings: StatCache<string[]>, dir: string, slug: string): string[] {
  const stamp = stampOf(dir);
  if (!stamp) return [];
  const cached = listings.get(slug, stamp);
  if (cached) return cached;
  const names = sessionFilesSync(dir);
  if (stampOf(join(dir, 'records'))) names.push(RECORDS);
  listings.set(slug, stamp, names);
  return names;
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((n) => typeof n === 'string');
}

async function summariseFile(path: string): Promise<Summarised> {
  // Loaded only on a cache miss: YAML and zod are the slow part of start-up.
  const { parseSession } = await import('./session-file.js');
  const read = parseSession(readFileSync(path, 'utf8'), path);
  return read.ok ? { summary: summariseSession(read.session) } : { problem: read.problem };
}

function isSummarised(value: unknown): value is Summarised {
  if (!value || typeof value !== 'object') return false;
  const v = value as { summary?: { id?: unknown; started?: unknown }; problem?: unknown };
  return (
    typeof v.problem === 'string' ||
    (typeof v.summary?.id === 'string' && typeof v.summary.started === 'string')
  );
}

export function stampOf(path: string): FileStamp | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats ? { size: stats.size, mtimeMs: stats.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

export function sessionFilesSync(dir: string): string[] {
  return yamlFileNames(dir);
}

export function listFolders(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
