// Everything recorded for one account: its sessions and its records, read and checked.
import { join } from 'node:path';
import type { Account } from '../model/account.js';
import { accountsDir } from './paths.js';
import { readRecords } from './records.js';
import { listFolders } from './session-index.js';
import { readAccount, readSessionFolder, type SessionFolder } from './sessions.js';

/** An account as read from the data folder: its history, where each session lives, what could not be read. */
export interface AccountData extends Account {
  /** Session id → file path. */
  files: Map<string, string>;
  /** Files that could not be read, each a one-line message naming the file. */
  problems: string[];
}

export async function loadAccount(home: string, typed: string): Promise<AccountData> {
  return withRecords(home, typed, await readAccount(home, typed));
}

/** Every account in the data folder, each folder read once (through its cache). */
export async function loadAllAccounts(home: string): Promise<AccountData[]> {
  const root = accountsDir(home);
  const out: AccountData[] = [];
  for (const slug of listFolders(root)) {
    const read = await readSessionFolder(home, join(root, slug), slug);
    // A folder with nothing readable is still listed (by its folder name) so its problems are seen.
    if (read.sessions.length > 0 || read.problems.length > 0) out.push(await withRecords(home, slug, read));
  }
  return out;
}

/** An account's sessions with its records; the name is the one its sessions recorded, else `fallback`. */
async function withRecords(home: string, fallback: string, read: SessionFolder): Promise<AccountData> {
  const name = read.sessions.at(-1)?.account ?? fallback;
  const recorded = read.sessions.length > 0 ? await readRecords(home, name) : { records: [], problems: [] };
  return {
    name,
    sessions: read.sessions,
    files: read.files,
    records: recorded.records,
    problems: [...read.problems, ...recorded.problems],
  };
}
