// Summaries of every session, for listings. Backed by a stat cache, so listing thousands of
// sessions reads no YAML at all when nothing changed. Each account folder and each file is read on
// its own: one that cannot be read is a problem line, never the end of the listing.
import { sep } from 'node:path';
import { bySessionStart, summariseSession } from '../journey/listing.js';
import type { SessionSummary } from '../model/account.js';
import {
  type FolderListing,
  isFolderListing,
  isProblem,
  isSessionSummary,
  isUnknownKeys,
} from './cache-shapes.js';
import { entryAt, isDataFileName, listFolder, wrongKind } from './data-files.js';
import { readFolderFiles, withoutCopies } from './folder-files.js';
import { SESSION_FILE } from './limits.js';
import { noteUnknownKeys } from './newer-files.js';
import { accountsDir } from './paths.js';
import { StatCache } from './stat-cache.js';

export { stampOf } from './stat-cache.js';

/** A session file as listed (and cached): its summary with the keys it holds this release does not know, or why not. */
type Summarised = { summary: SessionSummary; unknown?: string[] } | { problem: string };

export interface AccountFolder {
  slug: string;
  /** Oldest first. */
  sessions: SessionSummary[];
  problems: string[];
  /** The account has a records/ folder (closes, resolved flags) to read. */
  hasRecords: boolean;
}

/**
 * Summaries of every session, by account folder (or of one folder). Synchronous file-system calls on
 * purpose: a listing does nothing else meanwhile, and a thousand statSync calls take a third of the
 * time of a thousand promised ones. Entries of accounts/ that are not account folders come back as
 * folders with a problem and no sessions, so each is reported once. `only`: those folders alone.
 */
export async function readSummaries(
  home: string,
  only?: string | readonly string[],
): Promise<AccountFolder[]> {
  const root = accountsDir(home);
  const onlySlug = only === undefined ? undefined : typeof only === 'string' ? [only] : only;
  const top = onlySlug ? { slugs: [...onlySlug], strays: [] } : accountFolders(root);
  const cache = StatCache.load(home, 'sessions-index.json', isSummarised);
  const listings = StatCache.load(home, 'folders.json', isFolderListing);
  const folders: AccountFolder[] = [...top.strays];
  for (const slug of top.slugs) {
    const folderPath = root + sep + slug;
    const listed = listAccountFolder(listings, folderPath);
    if ('problem' in listed) {
      folders.push({ slug, sessions: [], problems: [listed.problem], hasRecords: false });
      continue;
    }
    const read = await readFolderFiles({
      dir: folderPath,
      names: listed.names,
      kind: SESSION_FILE,
      cache,
      key: (name) => `${slug}/${name}`,
      parse: summariseText,
    });
    const unique = withoutCopies(read.files, (f) => ('summary' in f.value ? f.value.summary.id : undefined));
    const folder: AccountFolder = { slug, sessions: [], problems: [], hasRecords: listed.records };
    for (const { path, value } of unique.files) {
      if ('summary' in value) {
        folder.sessions.push(value.summary);
        noteUnknownKeys(path, value.unknown);
      } else folder.problems.push(value.problem);
    }
    folder.problems.push(...read.problems, ...unique.problems);
    folder.sessions.sort(bySessionStart);
    folder.problems.sort();
    if (folder.sessions.length > 0 || folder.problems.length > 0) folders.push(folder);
  }
  if (top.slugs.length > 0) {
    await cache.save({ keepUnseen: onlySlug !== undefined });
    await listings.save({ keepUnseen: onlySlug !== undefined });
  }
  return folders;
}

/**
 * The account folders in accounts/, and a problem for each entry there that is not one (a file, a
 * link, a FIFO). Hidden entries (.gitignore, temporary files) are not accounts and not problems.
 */
export function accountFolders(root: string): { slugs: string[]; strays: AccountFolder[] } {
  const listed = listFolder(root, 'accounts folder');
  if (!listed.ok) return { slugs: [], strays: [stray('', listed.problem)] };
  const slugs: string[] = [];
  const strays: AccountFolder[] = [];
  for (const entry of listed.entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      slugs.push(entry.name);
      continue;
    }
    const kind = entryAt(root + sep + entry.name)?.kind;
    const wrong = kind && wrongKind(root + sep + entry.name, kind, 'account folder', MOVE_OUT_OF_ACCOUNTS);
    if (wrong) strays.push(stray(entry.name, wrong));
  }
  return { slugs: slugs.sort(), strays };
}

const MOVE_OUT_OF_ACCOUNTS = 'move it out of accounts/ (journey keeps one folder per account there)';

const stray = (slug: string, problem: string): AccountFolder => ({
  slug,
  sessions: [],
  problems: [problem],
  hasRecords: false,
});

/**
 * A folder's session files. A folder's stamp changes whenever a file is added, removed or renamed
 * into it (every atomic write renames), so an unchanged folder need not be listed again.
 */
export function listAccountFolder(
  listings: StatCache<FolderListing>,
  dir: string,
): FolderListing | { problem: string } {
  const entry = entryAt(dir);
  if (!entry) return { names: [], records: false };
  const wrong = wrongKind(dir, entry.kind, 'account folder', MOVE_OUT_OF_ACCOUNTS);
  if (wrong) return { problem: wrong };
  const cached = listings.get(dir, entry.stamp);
  if (cached) return cached;
  const listed = listFolder(dir, 'account folder');
  if (!listed.ok) return { problem: listed.problem };
  const listing: FolderListing = {
    names: listed.entries
      .map((e) => e.name)
      .filter(isDataFileName)
      .sort(),
    records: listed.entries.some((e) => e.name === 'records'),
  };
  listings.set(dir, entry.stamp, listing);
  return listing;
}

async function summariseText(text: string, path: string): Promise<Summarised> {
  // Loaded only on a cache miss: YAML and zod are the slow part of start-up.
  const { parseSession } = await import('./session-file.js');
  const read = parseSession(text, path);
  if (!read.ok) return { problem: read.problem };
  const summary = summariseSession(read.session);
  return read.unknown ? { summary, unknown: read.unknown } : { summary };
}

function isSummarised(value: unknown): value is Summarised {
  if (isProblem(value)) return true;
  const v = value as { summary?: unknown; unknown?: unknown } | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).every((k) => k === 'summary' || k === 'unknown') &&
    isSessionSummary(v.summary) &&
    isUnknownKeys(v.unknown)
  );
}

export function listFolders(root: string): string[] {
  return accountFolders(root).slugs;
}
