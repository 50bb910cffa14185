// `journey start <account>`: a new session in the loop asked for, or the natural next one.
import { chooseBank } from '../bank/catalog.js';
import { stageOf } from '../journey/background.js';
import { flagViews, openFlags } from '../journey/flags.js';
import type { Loop } from '../journey/loop.js';
import { suggestLoop } from '../journey/next-loop.js';
import { newSession, sessionId } from '../journey/session.js';
import { loadAccount, resolutionsOf } from '../store/account.js';
import { newSessionSuffix } from '../store/sessions.js';
import { checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';
import { accountContext, interview } from './interview.js';

export interface StartOptions extends GlobalOptions {
  account: string;
  loop?: Loop | undefined;
  bank?: string | undefined;
  contact?: string | undefined;
  answers?: string | undefined;
}

export async function start(options: StartOptions): Promise<void> {
  const typed = checkAccountName(options.account);
  const home = findHome(options).dir;
  const account = await loadAccount(home, typed);
  for (const problem of account.problems) output.err(`warning: ${problem}`);
  const open = openFlags(flagViews(account.sessions, resolutionsOf(account)));
  const now = new Date();

  const suggestion =
    options.loop || options.bank
      ? undefined
      : suggestLoop(account.sessions, open.length, stageOf(account.sessions, account.records));
  const bank = await chooseBank({
    loop: options.loop ?? suggestion?.loop,
    bank: options.bank,
    cwd: options.cwd,
    home,
  });

  const { capitalise, renderLoopChoice, shellQuote, style } = await import('../ui/render.js');
  const say = options.answers === undefined ? output.out : output.err;
  if (suggestion) say(renderLoopChoice(bank.loop, suggestion.reason, bank.title));
  else say(style.title(`${capitalise(bank.loop)} loop with ${account.name}: ${bank.title}`));
  if (account.sessions.some((s) => s.status === 'in_progress')) {
    say(
      style.dim(
        `(${account.name} has an unfinished session; journey resume ${shellQuote(account.name)} continues it.)`,
      ),
    );
  }

  const session = newSession({
    id: sessionId(bank.loop, now, newSessionSuffix()),
    account: account.name,
    bank,
    contact: options.contact?.trim() || undefined,
    now,
  });
  await interview({
    home,
    bank,
    ...(await accountContext(home, bank, account.sessions, account, now)),
    session,
    isNew: true,
    answers: options.answers,
    cwd: options.cwd,
  });
}
