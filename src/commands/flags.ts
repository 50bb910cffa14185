// `journey flags`: open loop-back flags across accounts; `journey flags resolve`: close one by hand.
import { UserError } from '../errors.js';
import { type FlagView, flagViews } from '../journey/flags.js';
import { closest } from '../journey/words.js';
import { type AccountData, loadAccount, loadAllAccounts, resolutionsOf } from '../store/account.js';
import { writeRecord } from '../store/records.js';
import { checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions, unknownAccount } from './context.js';

export interface FlagsOptions extends GlobalOptions {
  account?: string | undefined;
  all: boolean;
  json: boolean;
}

export interface ResolveOptions extends GlobalOptions {
  flag: string;
  note?: string | undefined;
}

function viewsOf(accounts: readonly AccountData[]): FlagView[] {
  return accounts.flatMap((account) => {
    for (const problem of account.problems) output.err(`warning: ${problem}`);
    return flagViews(account.sessions, resolutionsOf(account));
  });
}

export async function flags(options: FlagsOptions): Promise<void> {
  const home = findHome(options).dir;
  let accounts: AccountData[];
  if (options.account) {
    const name = checkAccountName(options.account);
    const account = await loadAccount(home, name);
    if (account.sessions.length === 0) throw await unknownAccount(home, name);
    accounts = [account];
  } else {
    accounts = await loadAllAccounts(home);
  }
  const views = viewsOf(accounts).filter((v) => options.all || v.status === 'open');
  if (options.json) {
    output.json({ flags: views });
    return;
  }
  if (views.length === 0) {
    output.out(options.all ? 'No loop-back flags yet.' : 'No open loop-back flags.');
    return;
  }
  const { renderFlagViews } = await import('../ui/render-prep.js');
  output.out(renderFlagViews(views));
}

export async function resolveFlag(options: ResolveOptions): Promise<void> {
  const home = findHome(options).dir;
  const views = viewsOf(await loadAllAccounts(home));
  const view = views.find((v) => v.flag.id === options.flag);
  if (!view) {
    const near = closest(
      options.flag,
      views.map((v) => v.flag.id),
    );
    throw new UserError(
      `no flag "${options.flag}"${near ? `; did you mean "${near}"?` : ' (journey flags lists the open ones)'}`,
    );
  }
  if (view.status === 'resolved') {
    output.out(
      `Flag ${view.flag.id} of ${view.account} is already resolved (${view.resolution?.how.replace('_', ' ')}, ${view.resolution?.at.slice(0, 10)}); nothing written.`,
    );
    return;
  }
  const now = new Date();
  const note = options.note?.trim();
  await writeRecord(
    home,
    {
      format: 1,
      kind: 'flag_resolved',
      account: view.account,
      flag: view.flag.id,
      ...(note ? { note } : {}),
      at: now.toISOString(),
    },
    now,
  );
  output.out(`Resolved flag ${view.flag.id} of ${view.account}: ${view.flag.message.trim()}`);
}
