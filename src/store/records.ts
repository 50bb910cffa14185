// Account records (won, lost, and flags resolved by hand): one small file each under the account's
// records/ folder, created exclusively and never rewritten. Each is read on its own: one that cannot
// be read is reported, and the others still count.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { sessionId } from '../journey/session.js';
import type { AccountRecord, FlagResolved } from '../model/records.js';
import { writeFileAtomic } from './atomic.js';
import { entryAt, isDataFileName, listFolder, readDataFile, tooLarge, wrongKind } from './data-files.js';
import { checkSize, RECORD_FILE } from './limits.js';
import { inside } from './paths.js';
import { accountFolder, ensureAccountFolder, newSessionSuffix } from './sessions.js';

async function recordsDir(home: string, account: string): Promise<string> {
  return inside(home, join(await accountFolder(home, account), 'records'));
}

/** Writes a record under a new unique name. */
export async function writeRecord(home: string, record: AccountRecord, now: Date): Promise<string> {
  const name = `${sessionId(record.kind.replace(/_/g, ''), now, newSessionSuffix())}.yaml`;
  return writeRecordFile(home, record, name);
}

export type ResolutionWrite = { written: true; path: string } | { written: false; path: string };

/**
 * Writes a flag's resolution under a name of its own, created exclusively: two people resolving the
 * same flag at once make one record, and the second is told it is already resolved.
 */
export async function writeFlagResolution(home: string, record: FlagResolved): Promise<ResolutionWrite> {
  if (!/^[a-z0-9]+-[0-9]+$/.test(record.flag)) throw new Error(`bad flag id: ${record.flag}`);
  const name = `flag-resolved-${record.flag}.yaml`;
  try {
    return { written: true, path: await writeRecordFile(home, record, name) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { written: false, path: join(await recordsDir(home, record.account), name) };
  }
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
  const dir = join(accountDir, 'records');
  // Synchronous: listings check every account's records folder, and most accounts have none.
  const listed = listFolder(dir, 'records folder');
  if (!listed.ok) return { records: [], problems: [listed.problem] };
  const names = listed.entries
    .map((e) => e.name)
    .filter(isDataFileName)
    .sort();
  if (names.length === 0) return { records: [], problems: [] };
  // Only now are the YAML parser and the record schema needed.
  const [{ formatProblem, locate, readYaml }, { AccountRecordSchema }] = await Promise.all([
    import('../yaml/source.js'),
    import('../model/records.js'),
  ]);
  const records: AccountRecord[] = [];
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
    const read = readDataFile(file, RECORD_FILE);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const yaml = readYaml(read.text, file);
    if (!yaml.ok) {
      const first = yaml.problems.map(formatProblem)[0] ?? `${file}: unreadable`;
      problems.push(`${first}; fix it by hand or move it away`);
      continue;
    }
    const parsed = AccountRecordSchema.safeParse(yaml.value);
    if (parsed.success) {
      records.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    const { line, col } = locate(yaml.source, (issue?.path ?? []) as (string | number)[]);
    problems.push(
      `${file}:${line}:${col}: error: not a valid record: ${issue?.message ?? 'invalid'}; fix it by hand or move it away`,
    );
  }
  return { records, problems };
}
