// Account records (won, lost, deals opened, flags raised and resolved): one small file each under the
// account's records/ folder, under a name of its own (so two clones of a shared data folder never
// make the same path), created exclusively and never rewritten. Each is read on its own: one that
// cannot be read is reported, and the others still count.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { sessionId } from '../journey/session.js';
import { RECORD_FORMAT } from '../model/formats.js';
import type { AccountRecord, FlagResolved } from '../model/records.js';
import { writeFileAtomic } from './atomic.js';
import { entryAt, isDataFileName, listFolder, readDataFile, tooLarge, wrongKind } from './data-files.js';
import { checkSize, RECORD_FILE } from './limits.js';
import type { Lock } from './lock.js';
import { newerFormat, noteUnknownKeys, unknownKind } from './newer-files.js';
import { inside } from './paths.js';
import { accountFolder, ensureAccountFolder, newSessionSuffix } from './sessions.js';

/** Writes a record under a new unique name. */
export async function writeRecord(home: string, record: AccountRecord, now: Date): Promise<string> {
  const name = `${sessionId(record.kind.replace(/_/g, ''), now, newSessionSuffix())}.yaml`;
  return writeRecordFile(home, record, name);
}

export type ResolutionWrite = { written: true; path: string } | { written: false; path: string };

/** How long a resolver waits for another resolving the same flag in this data folder. */
const RESOLVE_WAIT_MS = 10_000;

/**
 * Writes a flag's resolution under a unique name, like any record, holding a short lock on the flag
 * (<home>/.locks/flag-<flag>.lock) while it looks: of two people resolving the same flag in one data
 * folder, one writes it and the second is told it is already resolved (`written: false`, with the
 * file that resolved it). Resolutions from two clones of a shared folder are two files after a
 * merge; the earliest counts (journey/flags.ts).
 */
export async function writeFlagResolution(home: string, record: FlagResolved): Promise<ResolutionWrite> {
  if (!/^[a-z0-9]+-[0-9]+$/.test(record.flag)) throw new Error(`bad flag id: ${record.flag}`);
  const lock = await lockFlag(home, record.flag);
  try {
    const { read } = await readRecordFiles(await accountFolder(home, record.account));
    const earlier = read.find(({ record: r }) => r.kind === 'flag_resolved' && r.flag === record.flag);
    if (earlier) return { written: false, path: earlier.file };
    return { written: true, path: await writeRecord(home, record, new Date(record.at)) };
  } finally {
    await lock.release();
  }
}

async function lockFlag(home: string, flag: string): Promise<Lock> {
  const [{ lockOrSay }, { ensureLocksDir }] = await Promise.all([
    import('./lock.js'),
    import('./session-lock.js'),
  ]);
  return lockOrSay(
    join(await ensureLocksDir(home), `flag-${flag}.lock`),
    { waitMs: RESOLVE_WAIT_MS, purpose: 'flags resolve' },
    (who) => `another journey is resolving flag ${flag} in ${home}${who}; try again when it ends`,
  );
}

async function writeRecordFile(home: string, record: AccountRecord, name: string): Promise<string> {
  const { toYaml } = await import('../yaml/write.js');
  const account = await accountFolder(home, record.account);
  await ensureAccountFolder(account, record.account);
  const dir = inside(home, join(account, 'records'));
  const entry = entryAt(dir);
  if (entry && entry.kind !== 'folder') {
    throw new UserError(wrongKind(dir, entry.kind, 'records folder') ?? `${dir}: is not a folder`);
  }
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const text = toYaml(record, 'A journey record: written once, never changed.');
  checkSize(path, text, RECORD_FILE, 'the record');
  await writeFileAtomic(path, text, { exclusive: true });
  return path;
}

export interface RecordsRead {
  records: AccountRecord[];
  problems: string[];
}

export async function readRecords(home: string, account: string): Promise<RecordsRead> {
  return readRecordsIn(await accountFolder(home, account));
}

/** The records of the account whose folder this is. */
export async function readRecordsIn(accountDir: string): Promise<RecordsRead> {
  const { read, problems } = await readRecordFiles(accountDir);
  return { records: read.map((r) => r.record), problems };
}

interface RecordFile {
  record: AccountRecord;
  file: string;
}

async function readRecordFiles(accountDir: string): Promise<{ read: RecordFile[]; problems: string[] }> {
  const dir = join(accountDir, 'records');
  // Synchronous: listings check every account's records folder, and most accounts have none.
  const listed = listFolder(dir, 'records folder');
  if (!listed.ok) return { read: [], problems: [listed.problem] };
  const names = listed.entries
    .map((e) => e.name)
    .filter(isDataFileName)
    .sort();
  if (names.length === 0) return { read: [], problems: [] };
  // Only now are the YAML parser and the record schema needed.
  const [{ readYaml }, { formatProblem, locate }, { AccountRecordSchema }, { unknownKeys }] =
    await Promise.all([
      import('../yaml/source.js'),
      import('../yaml/positions.js'),
      import('../model/records.js'),
      import('../model/known-keys.js'),
    ]);
  const kinds = AccountRecordSchema.options.map((o) => o.shape.kind.value as string);
  const read: RecordFile[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const entry = entryAt(file);
    if (!entry) continue;
    const wrong = wrongKind(file, entry.kind, RECORD_FILE.noun);
    if (wrong || entry.stamp.size > RECORD_FILE.maxBytes) {
      problems.push(wrong ?? tooLarge(file, entry.stamp.size, RECORD_FILE));
      continue;
    }
    const text = readDataFile(file, RECORD_FILE);
    if (!text.ok) {
      problems.push(text.problem);
      continue;
    }
    const yaml = readYaml(text.text, file);
    if (!yaml.ok) {
      const first = yaml.problems.map(formatProblem)[0] ?? `${file}: unreadable`;
      problems.push(`${first}; fix it by hand or move it away`);
      continue;
    }
    const newer =
      newerFormat(file, yaml.value, RECORD_FORMAT) ??
      (isFormat(yaml.value, RECORD_FORMAT) ? unknownKind(file, yaml.value, kinds) : undefined);
    if (newer) {
      problems.push(newer);
      continue;
    }
    const parsed = AccountRecordSchema.safeParse(yaml.value);
    if (parsed.success) {
      read.push({ record: parsed.data, file });
      noteUnknownKeys(file, unknownKeys(AccountRecordSchema, parsed.data));
      continue;
    }
    const issue = parsed.error.issues[0];
    const { line, col } = locate(yaml.source, (issue?.path ?? []) as (string | number)[]);
    problems.push(
      `${file}:${line}:${col}: error: not a valid record: ${issue?.message ?? 'invalid'}; fix it by hand or move it away`,
    );
  }
  return { read, problems };
}

const isFormat = (value: unknown, format: number) =>
  typeof value === 'object' && value !== null && (value as { format?: unknown }).format === format;
