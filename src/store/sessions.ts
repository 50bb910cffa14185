// Session files: one YAML file per session, created exclusively, rewritten atomically after each answer,
// and read back only through the session schema.

import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { bySessionStart } from '../journey/listing.js';
import type { Session } from '../model/session.js';
import { writeFileAtomic } from './atomic.js';
import { crypto } from './crypto.js';
import { accountDir, sessionPath } from './paths.js';
import { sessionFilesSync, stampOf } from './session-index.js';
import { accountKey, accountSlug } from './slug.js';
import { StatCache } from './stat-cache.js';

export function newSessionSuffix(): string {
  return crypto().randomBytes(4).readUInt32BE().toString(36).padStart(7, '0');
}

export async function createSessionFile(home: string, session: Session): Promise<string> {
  const path = sessionPath(home, session.account, session.id);
  await mkdir(accountDir(home, session.account), { recursive: true });
  const { serializeSession } = await import('./session-file.js');
  await writeFileAtomic(path, serializeSession(session), { exclusive: true });
  return path;
}

export async function saveSessionFile(home: string, session: Session): Promise<string> {
  const path = sessionPath(home, session.account, session.id);
  const { serializeSession } = await import('./session-file.js');
  await writeFileAtomic(path, serializeSession(session));
  return path;
}

export interface SessionFolder {
  /** The folder name in the data folder. */
  slug: string;
  /** Valid sessions, oldest first. */
  sessions: Session[];
  files: Map<string, string>;
  problems: string[];
}

type Parsed = { session: Session } | { problem: string };

function isParsed(value: unknown): value is Parsed {
  if (!value || typeof value !== 'object') return false;
  const v = value as { session?: { id?: unknown; entries?: unknown }; problem?: unknown };
  return (
    typeof v.problem === 'string' || (typeof v.session?.id === 'string' && Array.isArray(v.session.entries))
  );
}

/** Reads an account folder's sessions, through its stat cache: unchanged files are not parsed again. */
export async function readSessionFolder(home: string, dir: string, slug: string): Promise<SessionFolder> {
  const cache = StatCache.load(home, `accounts/${slug}.json`, isParsed);
  const folder: SessionFolder = { slug, sessions: [], files: new Map(), problems: [] };
  for (const name of sessionFilesSync(dir)) {
    const file = join(dir, name);
    const stamp = stampOf(file);
    if (!stamp) continue;
    let parsed = cache.get(name, stamp);
    if (!parsed) {
      const { parseSession } = await import('./session-file.js');
      // Synchronous: a folder is read in one go, and thousands of promised reads mostly wait.
      const read = parseSession(readFileSync(file, 'utf8'), file);
      parsed = read.ok ? { session: read.session } : { problem: read.problem };
      cache.set(name, stamp, parsed);
    }
    if ('problem' in parsed) {
      folder.problems.push(parsed.problem);
      continue;
    }
    folder.sessions.push(parsed.session);
    folder.files.set(parsed.session.id, file);
  }
  folder.sessions.sort(bySessionStart);
  if (folder.sessions.length > 0 || folder.problems.length > 0) await cache.save();
  return folder;
}

/** The sessions of the account with this name (or another spelling of it). */
export async function readAccount(home: string, name: string): Promise<SessionFolder> {
  const dir = accountDir(home, name);
  const folder = await readSessionFolder(home, dir, accountSlug(name));
  const key = accountKey(name);
  const strangers = folder.sessions.filter((s) => accountKey(s.account) !== key);
  if (strangers.length > 0) {
    folder.problems.push(
      `${dir}: holds sessions of "${strangers[0]?.account}", not "${name}"; left as they are`,
    );
    folder.sessions = folder.sessions.filter((s) => accountKey(s.account) === key);
  }
  return folder;
}
