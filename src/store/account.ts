// Everything recorded for one account: its sessions and its records, read and checked.
import type { AccountRecord } from '../journey/records.js';
import type { Session } from '../journey/session.js';
import { readRecords } from './records.js';
import { readAccount } from './sessions.js';

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

export function resolutionsOf(data: AccountData) {
  return data.records.filter((r) => r.kind === 'flag_resolved');
}
