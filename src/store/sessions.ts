// Session files: one YAML file per session, created exclusively, rewritten atomically after each answer,
// and read back only through the session schema.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { formatProblem, locate, readYaml } from '../bank/source.js';
import type { Session } from '../journey/session.js';
import { SessionSchema } from '../journey/session-schema.js';
import { writeFileAtomic } from './atomic.js';
import { accountDir, accountsDir, sessionPath } from './paths.js';
import { listSessionFiles } from './session-index.js';
import { accountKey } from './slug.js';

const HEADER = '# A journey session (format 1). Written by journey after every answer: edit with care.\n';

export type SessionRead =
  | { ok: true; session: Session; file: string }
  | { ok: false; file: string; problem: string };

export function serializeSession(session: Session): string {
  return HEADER + stringify(session, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Reads one session file's text; a file that does not parse is reported, never repaired. */
export function parseSession(text: string, file: string): SessionRead {
  const yaml = readYaml(text, file);
  if (!yaml.ok) {
    const first = yaml.problems[0];
    return { ok: false, file, problem: first ? formatProblem(first) : `${file}: unreadable` };
  }
  const parsed = SessionSchema.safeParse(yaml.value);
  if (parsed.success) return { ok: true, session: parsed.data, file };
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []) as (string | number)[];
  const { line, col } = locate(yaml.source, path);
  const where = path.length > 0 ? `"${path.join('.')}" ` : '';
  const problem = `${file}:${line}:${col}: error: not a valid session file: ${where}${issue?.message ?? 'invalid'}; fix it by hand or move it out of the data folder`;
  return { ok: false, file, problem };
}

export function newSessionSuffix(): string {
  return randomBytes(4).readUInt32BE().toString(36).padStart(7, '0');
}

export async function createSessionFile(home: string, session: Session): Promise<string> {
  const path = sessionPath(home, session.account, session.id);
  await mkdir(accountDir(home, session.account), { recursive: true });
  await writeFileAtomic(path, serializeSession(session), { exclusive: true });
  return path;
}

export async function saveSessionFile(home: string, session: Session): Promise<string> {
  const path = sessionPath(home, session.account, session.id);
  await writeFileAtomic(path, serializeSession(session));
  return path;
}

export interface AccountRecords {
  /** The folder name in the data folder. */
  slug: string;
  /** Valid sessions, oldest first. */
  sessions: Session[];
  files: Map<string, string>;
  problems: string[];
}

async function readFolder(dir: string, slug: string): Promise<AccountRecords> {
  const names = await listSessionFiles(dir);
  const reads = await Promise.all(
    names.map(async (name) => parseSession(await readFile(join(dir, name), 'utf8'), join(dir, name))),
  );
  const records: AccountRecords = { slug, sessions: [], files: new Map(), problems: [] };
  for (const read of reads) {
    if (!read.ok) {
      records.problems.push(read.problem);
      continue;
    }
    records.sessions.push(read.session);
    records.files.set(read.session.id, read.file);
  }
  records.sessions.sort((a, b) => a.started.localeCompare(b.started) || a.id.localeCompare(b.id));
  return records;
}

/** The sessions of the account with this name (or another spelling of it). */
export async function readAccount(home: string, name: string): Promise<AccountRecords> {
  const dir = accountDir(home, name);
  const records = await readFolder(dir, dir.slice(accountsDir(home).length + 1));
  const key = accountKey(name);
  const strangers = records.sessions.filter((s) => accountKey(s.account) !== key);
  if (strangers.length > 0) {
    records.problems.push(
      `${dir}: holds sessions of "${strangers[0]?.account}", not "${name}"; left as they are`,
    );
    records.sessions = records.sessions.filter((s) => accountKey(s.account) === key);
  }
  return records;
}
