// Everything recorded for one account: its sessions and its records, read and checked.
import { join } from 'node:path';
import type { Account } from '../model/account.js';
import { accountsDir } from './paths.js';
import { readRecordsIn } from './records.js';
import { accountFolders } from './session-index.js';
import { readAccount, readSessionFolder, type SessionFolder } from './sessions.js';

/** An account as read from the data folder: its history, where each session lives, what could not be read. */
export interface AccountData extends Account {
  /** The account's folder. */
  dir: string;
  /** Session id → file path. */
  files: Map<string, string>;
  /** Files that could not be read, each a one-line message naming the file. */
  problems: string[];
}

export async function loadAccount(home: string, typed: string): Promise<AccountData> {
  return withRecords(typed, await readAccount(home, typed));
}

/**
 * Every account in the data folder, each folder read once (through its cache) and on its own: what
 * cannot be read in one is that account's problem. Entries of accounts/ that are not account folders
 * come back as accounts with a problem and no sessions, so each is reported once.
 */
export async function loadAllAccounts(home: string): Promise<AccountData[]> {
  const out: AccountData[] = [];
  for await (const account of eachAccount(home)) out.push(account);
  return out;
}

/**
 * The accounts of loadAllAccounts one at a time, each read only when the previous one is done with:
 * a report over thousands of accounts holds one account in memory.
 */
export async function* eachAccount(home: string): AsyncGenerator<AccountData> {
  const root = accountsDir(home);
  const { slugs, strays } = accountFolders(root);
  for (const s of strays) {
    yield {
      name: s.slug,
      dir: join(root, s.slug),
      sessions: [],
      records: [],
      files: new Map(),
      problems: s.problems,
    };
  }
  for (const slug of slugs) {
    const account = await loadAccountAt(home, join(root, slug), slug);
    if (account) yield account;
  }
}

/**
 * One account folder of accounts/, read whole; undefined when it holds nothing at all. A folder with
 * nothing readable is still an account (by its folder name) so its problems are seen. `remember:
 * false`: a run reading every account once (export --all) leaves the sessions' cache as it was.
 */
export async function loadAccountAt(
  home: string,
  dir: string,
  slug: string,
  options: { remember?: boolean } = {},
): Promise<AccountData | undefined> {
  const read = await readSessionFolder(home, dir, slug, options);
  return read.sessions.length > 0 || read.problems.length > 0 ? await withRecords(slug, read) : undefined;
}

/** An account's sessions with its records; the name is the one its sessions recorded, else `fallback`. */
async function withRecords(fallback: string, read: SessionFolder): Promise<AccountData> {
  const name = read.sessions.at(-1)?.account ?? fallback;
  const recorded = read.sessions.length > 0 ? await readRecordsIn(read.dir) : { records: [], problems: [] };
  return {
    name,
    dir: read.dir,
    sessions: read.sessions,
    files: read.files,
    records: recorded.records,
    problems: [...read.problems, ...recorded.problems],
  };
}
