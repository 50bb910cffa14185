// The one account lookup: what a rep typed becomes an account of the data folder, or a clear error
// that suggests the nearest names. Every command that names an account goes through it.
//
// The exact key first (any spelling of the name: "acme inc" is "Acme, Inc."), read straight from
// the account's folder; only when that holds nothing are the other names read, from the session
// index: the same letters without accents or punctuation, the start of a name, or its whole words.
// One match is used and said once on stderr (→ Acme, Inc.); several are a choice on a terminal and a
// usage error for a script; none is an error with "did you mean". `start` never quietly makes a
// second account beside a close one: it asks (a No to the close one asks again before a new
// account, and a second No writes nothing), or refuses unless told --new.
import { basename } from 'node:path';
import { Cancelled, UsageError, UserError } from '../errors.js';
import { closeNames, matchName, namesMatching, nameWords, nearNames } from '../journey/account-match.js';
import { type AccountData, loadAccount } from '../store/load-account.js';
import { accountsDir } from '../store/paths.js';
import { type AccountFolder, listFolders, readSummaries } from '../store/session-index.js';
import { accountFolder } from '../store/sessions.js';
import { accountKey, checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';
import { atTerminal, listNames } from './deal-choice.js';
import { warnOfNewerKeys } from './newer-files.js';

export interface LookupOptions {
  /** `start`: a name with no sessions yet is a new account, not an error (once no close name is meant). */
  orNew?: boolean | undefined;
  /** `start --new`: a new account even when its name is close to one that exists. */
  isNew?: boolean | undefined;
  /** The rep can be asked on this terminal; default: stdin and stdout are terminals. */
  interactive?: boolean | undefined;
  /** The command, for messages and the picker: `prep`, `start`, `resume`… */
  command?: string | undefined;
}

/** Folder names keep this many ASCII letters of a long name (store/slug.ts). */
const MAX_READABLE_SLUG = 40;

/** An account of the data folder as a picker or a match shows it. */
interface KnownAccount {
  name: string;
  /** ISO time of the latest session change. */
  latest: string;
  sessions: number;
  unfinished: number;
  /** Its summaries, as the session index read them. */
  folder: AccountFolder;
}

/**
 * The account and all it recorded; files it could not read are reported once, as warnings. With no
 * name (`prep`, `start`, `resume`), the rep picks one on a terminal; a script gets a usage error.
 */
export async function findAccount(
  home: string,
  typed: string | undefined,
  options: LookupOptions = {},
): Promise<AccountData> {
  const ask = { ...options, interactive: options.interactive ?? atTerminal(undefined) };
  const picked = typed === undefined ? await pickAccount(home, ask) : { name: typed, isNew: false };
  const name = checkAccountName(picked.name);
  const exact = await loadAccount(home, name);
  let account = exact;
  if (exact.sessions.length === 0 && exact.problems.length === 0 && !ask.isNew && !picked.isNew) {
    const meant = await meantAccount(home, name, ask);
    if (meant === undefined && !ask.orNew) throw await unknownAccount(home, name);
    if (meant !== undefined) account = await loadAccount(home, meant.name);
  }
  for (const problem of account.problems) output.err(`warning: ${safeText(problem)}`);
  warnOfNewerKeys();
  if (account.sessions.length === 0 && !ask.orNew) throw await unknownAccount(home, name);
  return account;
}

/** The account's session summaries alone (from the listing index): for listings of one account. */
export async function findAccountSummaries(
  home: string,
  typed: string,
  options: LookupOptions = {},
): Promise<AccountFolder> {
  const ask = { ...options, interactive: options.interactive ?? atTerminal(undefined) };
  const name = checkAccountName(typed);
  let found = await summariesOf(home, name);
  if (found.sessions.length === 0 && found.problems.length === 0) {
    const meant = await meantAccount(home, name, ask);
    if (meant === undefined) throw await unknownAccount(home, name);
    found = sessionsOf(meant.folder, meant.name);
  }
  for (const problem of found.problems) output.err(`warning: ${safeText(problem)}`);
  warnOfNewerKeys();
  if (found.sessions.length === 0 && found.problems.length === 0) throw await unknownAccount(home, name);
  return found;
}

async function summariesOf(home: string, name: string): Promise<AccountFolder> {
  const slug = basename(await accountFolder(home, name));
  const [folder] = await readSummaries(home, slug);
  return sessionsOf(folder ?? { slug, sessions: [], problems: [], hasRecords: false }, name);
}

/** A folder's summaries of this account's sessions (a folder may hold strays of another name). */
function sessionsOf(folder: AccountFolder, name: string): AccountFolder {
  const key = accountKey(name);
  return { ...folder, sessions: folder.sessions.filter((s) => accountKey(s.account) === key) };
}

/** The error for an account with no sessions, suggesting the nearest names that do exist. */
export async function unknownAccount(home: string, name: string): Promise<UserError> {
  const near = nearNames(
    name,
    (await knownAccounts(home)).map((a) => a.name),
  );
  const hint =
    near.length > 0
      ? `; did you mean ${near.map((n) => `"${safeText(n)}"`).join(' or ')}?`
      : ' (journey accounts lists them)';
  return new UserError(`no account "${safeText(name)}" in ${safeText(home)}${hint}`);
}

/**
 * The existing account a name with no folder of its own means, or undefined: none (an unknown
 * name, or for `start` a new account). Says on stderr which account a short name found.
 */
async function meantAccount(
  home: string,
  name: string,
  ask: LookupOptions & { interactive: boolean },
): Promise<KnownAccount | undefined> {
  const known = await knownAccounts(home, ask.orNew ? undefined : name);
  const names = known.map((a) => a.name);
  const named = (chosen: string | undefined) => known.find((a) => a.name === chosen);
  if (ask.orNew) return named(await startAccount(name, names, ask));
  const match = matchName(name, names);
  if (match.kind === 'none') return undefined;
  if (match.kind === 'one') {
    output.err(`→ ${safeText(match.name)}`);
    return named(match.name);
  }
  if (!ask.interactive) {
    throw new UsageError(
      `"${safeText(name)}" matches ${match.names.length} accounts (${listNames(match.names)}): say which${ask.command ? `, e.g. journey ${ask.command} ${shellQuote(match.names[0] ?? name)}` : ' by its full name'}`,
    );
  }
  const { pickOne } = await import('../ui/prompts.js');
  return named(
    await pickOne(
      `"${name}" matches ${match.names.length} accounts. Which one?`,
      match.names.map((n) => ({ name: n, value: n })),
    ),
  );
}

/**
 * `start` with a name no account has: an account close to it ("acme" beside "Acme, Inc.") is meant
 * unless the rep says otherwise; a script must name it in full, or say --new.
 */
async function startAccount(
  name: string,
  names: readonly string[],
  ask: LookupOptions & { interactive: boolean },
): Promise<string | undefined> {
  const close = closeNames(name, names);
  const [first] = close;
  if (first === undefined) return undefined;
  if (!ask.interactive) {
    const which =
      close.length === 1
        ? `"${safeText(first)}" already exists`
        : `${close.length} accounts have close names (${listNames(close)})`;
    throw new UsageError(
      `no account "${safeText(name)}", but ${which}: to continue with it, say journey start ${shellQuote(first)}; to open a new account "${safeText(name)}", add --new`,
    );
  }
  const prompts = await import('../ui/prompts.js');
  if (close.length === 1) {
    if (await prompts.confirmOnTerminal(`${first} already exists — use it?`, true)) return first;
    // No is not yet a new account: a mistyped name would leave one behind. It is asked for, and
    // nothing is written unless the rep says yes.
    if (!(await prompts.confirmOnTerminal(`Start a new account "${name}"?`, false))) {
      throw new Cancelled(`Cancelled: no account "${safeText(name)}" was made, and nothing was recorded.`);
    }
    output.err(`A new account: ${safeText(name)}`);
    return undefined;
  }
  return prompts.pickOne<string | undefined>(`"${name}" is close to ${close.length} accounts. Which one?`, [
    ...close.map((n) => ({ name: n, value: n as string | undefined })),
    { name: `A new account "${name}"`, value: undefined },
  ]);
}

/**
 * Every account with a session, most recently active first (from the session index: fast). With
 * `matching`, only the accounts whose folder could hold a name it matches: a folder's name is the
 * ASCII letters of its account's name, so "globex" need not read the other 499 folders.
 */
async function knownAccounts(home: string, matching?: string): Promise<KnownAccount[]> {
  const out: KnownAccount[] = [];
  const typed = matching === undefined ? '' : nameWords(matching).join('');
  const only = /^[a-z0-9]+$/.test(typed)
    ? listFolders(accountsDir(home)).filter((slug) => {
        const readable = slug.split('--')[0] ?? '';
        return readable.includes(typed) || readable.length >= MAX_READABLE_SLUG;
      })
    : undefined;
  for (const folder of await readSummaries(home, only)) {
    const last = folder.sessions.at(-1);
    if (!last) continue;
    out.push({
      name: last.account,
      latest:
        folder.sessions
          .map((s) => s.updated)
          .sort()
          .at(-1) ?? '',
      sessions: folder.sessions.length,
      unfinished: folder.sessions.filter((s) => s.status === 'in_progress').length,
      folder,
    });
  }
  return out.sort((a, b) => b.latest.localeCompare(a.latest) || a.name.localeCompare(b.name));
}

/**
 * No name given: the rep picks an account on a terminal, typing to narrow the list (most recently
 * active first); `resume` lists the accounts with an unfinished session, `start` offers a new one
 * too. A script must name the account.
 */
async function pickAccount(
  home: string,
  ask: LookupOptions & { interactive: boolean },
): Promise<{ name: string; isNew: boolean }> {
  const command = ask.command ?? 'prep';
  if (!ask.interactive) {
    throw new UsageError(
      `name the account, e.g. journey ${command} "Acme, Inc." (journey accounts lists them; at a terminal, journey ${command} alone lets you pick one)`,
    );
  }
  const all = await knownAccounts(home);
  const known = command === 'resume' ? all.filter((a) => a.unfinished > 0) : all;
  const prompts = await import('../ui/prompts.js');
  if (known.length === 0) {
    if (ask.orNew) return { name: await prompts.askLine('The new account’s name', ''), isNew: true };
    throw new UserError(
      command === 'resume'
        ? `no account in ${safeText(home)} has an unfinished session: start one with journey start`
        : `no accounts yet in ${safeText(home)}: journey start "Acme, Inc." makes one`,
    );
  }
  type Picked = { name: string; isNew: boolean };
  const choice = (a: KnownAccount) => ({
    name: a.name,
    value: { name: a.name, isNew: false } as Picked,
    description: `last activity ${a.latest.slice(0, 10)} · ${a.sessions} session${a.sessions === 1 ? '' : 's'}${a.unfinished > 0 ? ` · ${a.unfinished} unfinished` : ''}`,
  });
  const names = known.map((a) => a.name);
  const find = (term: string) => {
    const typed = term.trim();
    if (typed === '') return known.map(choice);
    const matching = namesMatching(typed, names);
    const shown = matching.length > 0 ? matching : nearNames(typed, names);
    const choices = shown.flatMap((n) => known.filter((a) => a.name === n).map(choice));
    if (ask.orNew && !names.some((n) => accountKey(n) === accountKey(typed)) && accountKey(typed) !== '') {
      choices.push({
        name: `A new account "${typed}"`,
        value: { name: typed, isNew: true },
        description: 'no session with this account yet',
      });
    }
    return choices;
  };
  const verb =
    command === 'resume'
      ? 'Resume which account?'
      : ask.orNew
        ? 'Start with which account? (type a new name to add one)'
        : 'Which account?';
  return prompts.searchOne(verb, find);
}
