// Account records (won, lost, and flags resolved by hand): one small file each under the account's
// records/ folder, created exclusively and never rewritten.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sessionId } from '../journey/session.js';
import type { AccountRecord } from '../model/records.js';
import { yamlFileNames } from '../yaml/files.js';
import { writeFileAtomic } from './atomic.js';
import { accountDir, inside } from './paths.js';
import { newSessionSuffix } from './sessions.js';

function recordsDir(home: string, account: string): string {
  return inside(home, join(accountDir(home, account), 'records'));
}

export async function writeRecord(home: string, record: AccountRecord, now: Date): Promise<string> {
  const { toYaml } = await import('../yaml/write.js');
  const dir = recordsDir(home, record.account);
  await mkdir(dir, { recursive: true });
  const name = `${sessionId(record.kind.replace(/_/g, ''), now, newSessionSuffix())}.yaml`;
  const path = join(dir, name);
  await writeFileAtomic(path, toYaml(record, 'A journey record: written once, never changed.'), {
    exclusive: true,
  });
  return path;
}

export async function readRecords(
  home: string,
  account: string,
): Promise<{ records: AccountRecord[]; problems: string[] }> {
  const dir = recordsDir(home, account);
  // Synchronous: listings check every account's records folder, and most accounts have none.
  const names = yamlFileNames(dir);
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
    const yaml = readYaml(await readFile(file, 'utf8'), file);
    if (!yaml.ok) {
      problems.push(yaml.problems.map(formatProblem)[0] ?? `${file}: unreadable`);
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
