// Session files: one YAML file per session, created exclusively, rewritten atomically after each answer,
// and read back only through the session schema.

import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { UserError } from '../errors.js';
import { bySessionStart } from '../journey/listing.js';
import type { Session } from '../model/session.js';
import { writeFileAtomic } from './atomic.js';
import { isCachedSession, isProblem, isUnknownKeys } from './cache-shapes.js';
import { crypto } from './crypto.js';
import { type Entry, entryAt, isDataFileName, listFolder, readDataFile, wrongKind } from './data-files.js';
import { readFolderFiles, withoutCopies } from './folder-files.js';
import { checkSize, SESSION_FILE } from './limits.js';
import { noteUnknownKeys } from './newer-files.js';
import { accountDir, legacyAccountDir, sessionPathIn } from './paths.js';
import { readSummaries } from './session-index.js';
import { plainSessionText } from './session-text.js';
import { accountKey } from './slug.js';
import { StatCache } from './stat-cache.js';

export function newSessionSuffix(): string {
  return crypto().randomBytes(4).readUInt32BE().toString(36).padStart(7, '0');
}

/** Creates a new session's file in its account folder (made if needed); never replaces a file. */
export async function createSessionFile(home: string, session: Session, dir?: string): Promise<string> {
  const folder = dir ?? (await accountFolder(home, session.account));
  await ensureAccountFolder(folder, session.account);
  const path = sessionPathIn(folder, session.id);
  await writeSession(path, session, { exclusive: true });
  return path;
}

/** Saves a session over its file (where it was read from, else where a new one would go). */
export async function saveSessionFile(home: string, session: Session, file?: string): Promise<string> {
  const path = file ?? sessionPathIn(await accountFolder(home, session.account), session.id);
  await writeSession(path, session, {});
  return path;
}

async function writeSession(path: string, session: Session, options: { exclusive?: boolean }): Promise<void> {
  const text = plainSessionText(session) ?? (await import('./session-file.js')).serializeSession(session);
  // The reader takes the same cap, so journey never writes a session it cannot read back.
  checkSize(path, text, SESSION_FILE, 'the session with this answer');
  await writeFileAtomic(path, text, options);
}

/**
 * Puts a session journey has just written into its account folder's stat cache, so the next run
 * that reads the folder does not parse the file again. Only a session built by this run (one read
 * from a file may hold keys of a newer journey, which a read must warn about), only of the plain
 * shape, and only while the file holds exactly its text: the file is read back with its stamp, as a
 * read through the cache does, so a file changed since, now or later, is parsed at its next read.
 * The text reads back as the session written: test/unit/plain-write.test.ts holds writer and reader
 * to it (an answer "0b1" once read back as 1, which a cached session would have hidden).
 */
export async function rememberSession(home: string, file: string, session: Session): Promise<void> {
  const text = plainSessionText(session);
  if (text === undefined) return;
  const stamped = readDataFile(file, SESSION_FILE);
  if (!stamped.ok || stamped.text !== text) return;
  const name = folderCacheName(basename(dirname(file)));
  // The folder's cache as this run read it, when it did (start reads the account first): it holds
  // every file the folder had then, and need not be loaded again. Else loaded, keeping every entry.
  const read = lastRead?.home === home && lastRead.name === name ? lastRead.cache : undefined;
  const cache = read ?? StatCache.load(home, name, isParsed);
  cache.set(basename(file), stamped.stamp, { session });
  await cache.save({ keepUnseen: read === undefined });
}

/** The folder cache readSessionFolder loaded last (one, so a listing's memory does not grow). */
let lastRead: { home: string; name: string; cache: StatCache<Parsed> } | undefined;

/** Makes an account's folder, or says clearly why it cannot be one (a file or a link in the way). */
export async function ensureAccountFolder(dir: string, account: string): Promise<void> {
  if (checkAccountFolder(dir, account)) return;
  await mkdir(dir, { recursive: true });
}

/**
 * Whether an account's folder exists (false: it can be made), or a UserError saying what is in its
 * way: a file, a link, a FIFO, where the folder (or accounts/) should be.
 */
export function checkAccountFolder(dir: string, account: string): boolean {
  const entry = entryAt(dir);
  if (entry?.kind === 'folder') return true;
  if (entry) {
    const wrong = wrongKind(
      dir,
      entry.kind,
      'account folder',
      `move it away so journey can keep "${account}" there`,
    );
    throw new UserError(wrong ?? `${dir}: cannot hold the sessions of "${account}"`);
  }
  const parent = entryAt(dirname(dir));
  if (parent && parent.kind !== 'folder') {
    throw new UserError(
      wrongKind(
        dirname(dir),
        parent.kind,
        'accounts folder',
        'move it away so journey can keep accounts there',
      ) ?? `${dirname(dir)}: is not a folder`,
    );
  }
  return false;
}

/** One session file read now (no cache): what a writer holding the session's lock starts from. */
export async function rereadSession(file: string): Promise<Session> {
  const read = readDataFile(file, SESSION_FILE);
  if (!read.ok) throw new UserError(read.problem);
  const { parseSession } = await import('./session-file.js');
  const parsed = parseSession(read.text, file);
  if (!parsed.ok) throw new UserError(parsed.problem);
  noteUnknownKeys(file, parsed.unknown);
  return parsed.session;
}

/** The session file reader, once loaded: a folder's files are parsed one after another. */
let sessionFile: typeof import('./session-file.js') | undefined;

export interface SessionFolder {
  /** The folder name in the data folder. */
  slug: string;
  /** Where the folder is. */
  dir: string;
  /** Valid sessions, oldest first. */
  sessions: Session[];
  /** Session id → the file it was read from. */
  files: Map<string, string>;
  problems: string[];
}

/** A session file as read (and cached): the session with the keys it holds this release does not know, or why not. */
type Parsed = { session: Session; unknown?: string[] } | { problem: string };

const isParsed = (value: unknown): value is Parsed =>
  isProblem(value) ||
  (typeof value === 'object' &&
    value !== null &&
    Object.keys(value).every((k) => k === 'session' || k === 'unknown') &&
    isCachedSession((value as { session?: unknown }).session) &&
    isUnknownKeys((value as { unknown?: unknown }).unknown));

/** The stat cache of an account folder's sessions, by the folder's name. */
const folderCacheName = (slug: string) => `accounts/${slug}.json`;

/**
 * Reads an account folder's sessions, through its stat cache: unchanged files are not parsed again.
 * `remember: false` leaves the cache as it was (a first index build reads every account once, and
 * needs their listing facts, not a copy of every session). `listed`: its session files as listed
 * and looked at a moment ago (a folder a first index build just stamped), not listed again.
 */
export async function readSessionFolder(
  home: string,
  dir: string,
  slug: string,
  options: { remember?: boolean; listed?: ListedFiles | undefined } = {},
): Promise<SessionFolder> {
  const name = folderCacheName(slug);
  const cache = StatCache.load(home, name, isParsed);
  lastRead = { home, name, cache };
  const folder: SessionFolder = { slug, dir, sessions: [], files: new Map(), problems: [] };
  const listed = options.listed ?? sessionFileNames(dir);
  if ('problem' in listed) {
    folder.problems.push(listed.problem);
    return folder;
  }
  const read = await readFolderFiles({
    dir,
    names: listed.names,
    seen: 'seen' in listed ? listed.seen : undefined,
    kind: SESSION_FILE,
    cache,
    key: (name) => name,
    parse: async (text, path): Promise<Parsed> => {
      sessionFile ??= await import('./session-file.js');
      const parsed = sessionFile.parseSession(text, path);
      if (!parsed.ok) return { problem: parsed.problem };
      return parsed.unknown
        ? { session: parsed.session, unknown: parsed.unknown }
        : { session: parsed.session };
    },
  });
  const unique = withoutCopies(read.files, (f) => ('session' in f.value ? f.value.session.id : undefined));
  for (const { path, value } of unique.files) {
    if ('problem' in value) {
      folder.problems.push(value.problem);
      continue;
    }
    folder.sessions.push(value.session);
    folder.files.set(value.session.id, path);
    noteUnknownKeys(path, value.unknown);
  }
  folder.problems.push(...read.problems, ...unique.problems);
  folder.sessions.sort(bySessionStart);
  if (read.files.length > 0 && options.remember !== false) await cache.save();
  return folder;
}

/** An account folder's session files, sorted, with the entry of each as looked at. */
export interface ListedFiles {
  names: readonly string[];
  seen: ReadonlyMap<string, Entry>;
}

function sessionFileNames(dir: string): { names: string[] } | { problem: string } {
  const entry = entryAt(dir);
  if (!entry) return { names: [] };
  const wrong = wrongKind(
    dir,
    entry.kind,
    'account folder',
    'move it out of accounts/ (journey keeps one folder per account there)',
  );
  if (wrong) return { problem: wrong };
  const listed = listFolder(dir, 'account folder');
  if (!listed.ok) return { problem: listed.problem };
  return {
    names: listed.entries
      .map((e) => e.name)
      .filter(isDataFileName)
      .sort(),
  };
}

/** The sessions of the account with this name (or another spelling of it). */
export async function readAccount(home: string, name: string): Promise<SessionFolder> {
  const dir = await accountFolder(home, name);
  const folder = await readSessionFolder(home, dir, slugOf(dir));
  const key = accountKey(name);
  const strangers = folder.sessions.filter((s) => accountKey(s.account) !== key);
  if (strangers.length > 0) {
    folder.problems.push(
      `${dir}: holds sessions of "${strangers[0]?.account}", not "${name}"; left as they are`,
    );
    folder.sessions = folder.sessions.filter((s) => accountKey(s.account) === key);
    for (const s of strangers) folder.files.delete(s.id);
  }
  return folder;
}

const slugOf = (dir: string) => basename(dir);

/**
 * The folder an account's files go in: its own (accountDir), or, for a name whose folder journey
 * used to make without its marks, that older folder while it holds sessions of this very name.
 */
export async function accountFolder(home: string, name: string): Promise<string> {
  const dir = accountDir(home, name);
  if (entryAt(dir)) return dir;
  const legacy = legacyAccountDir(home, name);
  if (!legacy || entryAt(legacy)?.kind !== 'folder') return dir;
  const [folder] = await readSummaries(home, slugOf(legacy));
  const key = accountKey(name);
  return folder?.sessions.some((s) => accountKey(s.account) === key) ? legacy : dir;
}
