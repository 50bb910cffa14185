// The one account lookup: what a rep typed becomes an account of the data folder, or a clear error
// that suggests the nearest names. Every command that names an account goes through it.
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import { nearestNames } from '../model/suggest.js';
import { type AccountData, loadAccount } from '../store/load-account.js';
import { type AccountFolder, readSummaries } from '../store/session-index.js';
import { accountFolder } from '../store/sessions.js';
import { accountKey, checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';

export interface LookupOptions {
  /** `start`: a name with no sessions yet is a new account, not an error. */
  orNew?: boolean | undefined;
}

/** The account and all it recorded; files it could not read are reported once, as warnings. */
export async function findAccount(
  home: string,
  typed: string,
  options: LookupOptions = {},
): Promise<AccountData> {
  const name = checkAccountName(typed);
  const account = await loadAccount(home, name);
  for (const problem of account.problems) output.err(`warning: ${safeText(problem)}`);
  if (account.sessions.length === 0 && !options.orNew) {
    throw await unknownAccount(home, name);
  }
  return account;
}

/** The account's session summaries alone (from the listing index): for listings of one account. */
export async function findAccountSummaries(home: string, typed: string): Promise<AccountFolder> {
  const name = checkAccountName(typed);
  const slug = basename(await accountFolder(home, name));
  const [folder] = await readSummaries(home, slug);
  for (const problem of folder?.problems ?? []) output.err(`warning: ${safeText(problem)}`);
  const key = accountKey(name);
  const sessions = (folder?.sessions ?? []).filter((s) => accountKey(s.account) === key);
  if (sessions.length === 0 && !folder?.problems.length) throw await unknownAccount(home, name);
  return {
    slug,
    sessions,
    problems: folder?.problems ?? [],
    hasRecords: !!folder?.hasRecords,
  };
}

/** The error for an account with no sessions, suggesting the nearest names that do exist. */
export async function unknownAccount(home: string, name: string): Promise<UserError> {
  const names = (await readSummaries(home)).flatMap((f) => f.sessions.at(-1)?.account ?? []);
  const near = nearestNames(name, names);
  const hint =
    near.length > 0
      ? `; did you mean ${near.map((n) => `"${safeText(n)}"`).join(' or ')}?`
      : ' (journey accounts lists them)';
  return new UserError(`no account "${safeText(name)}" in ${safeText(home)}${hint}`);
}
