// Everything recorded for one account: its sessions and its records, read and checked.

import { join } from 'node:path';
import type { AccountRecord } from '../journey/records.js';
import type { Session } from '../journey/session.js';
import { accountsDir } from './paths.js';
import { readRecords } from './records.js';
import { listFolders } from './session-index.js';
import { readAccount, readFolder } from './sessions.js';

export interface AccountData {
  /** The name as first recorded, else as typed. */
  name: string;
  sessions: Session[];
  files: Map<string, string>;
  records: AccountRecord[];
  /** Files that could not be read, each a one-line message naming the file. */
  problems: string[];
}

export async function loadAccount(home: string, typed: string): Promise<AccountData> {
  const [read, recorded] = await Promise.all([readAccount(home, typed), readRecords(home, typed)]);
  return {
    name: read.sessions.at(-1)?.account ?? typed,
    sessions: read.sessions,
    files: read.files,
    records: recorded.records,
    problems: [...read.problems, ...recorded.problems],
  };
}

/** Every account in the data folder, each folder read once (through its cache). */
export async function loadAllAccounts(home: string): Promise<AccountData[]> {
  const root = accountsDir(home);
  const out: AccountData[] = [];
  for (const slug of listFolders(root)) {
    const read = await readFolder(home, join(root, slug), slug);
    const name = read.sessions.at(-1)?.account;
    if (!name) {
      if (read.problems.length > 0)
        out.push({ name: slug, sessions: [], files: read.files, records: [], problems: read.problems });
      continue;
    }
    const recorded = await readRecords(home, name);
    out.push({
      name,
      sessions: read.sessions,
      files: read.files,
      records: recorded.records,
      problems: [...read.problems, ...recorded.problems],
    });
  }
  return out;
}

export function resolutionsOf(data: AccountData) {
  return data.records.filter((r) => r.kind === 'flag_resolved');
}
