// `journey start <account>`: a new session in the loop asked for, or the natural next one.
import { findAccount } from '../app/account-lookup.js';
import { recordSession, sessionContext } from '../app/session-run.js';
import { chooseBank } from '../bank/catalog.js';
import { stageOf } from '../journey/background.js';
import { openFlagsOf } from '../journey/flags.js';
import { suggestLoop } from '../journey/next-loop.js';
import { newSession, sessionId } from '../journey/session.js';
import type { Loop } from '../model/loop.js';
import { bankShelf } from '../store/bank-shelf.js';
import { newSessionSuffix } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface StartOptions extends GlobalOptions {
  account: string;
  loop?: Loop | undefined;
  bank?: string | undefined;
  contact?: string | undefined;
  answers?: string | undefined;
}

export async function start(options: StartOptions): Promise<void> {
  const home = findHome(options).dir;
  const account = await findAccount(home, options.account, { orNew: true });
  const now = new Date();

  const suggestion =
    options.loop || options.bank
      ? undefined
      : suggestLoop(
          account.sessions,
          openFlagsOf(account).length,
          stageOf(account.sessions, account.records),
        );
  const shelf = await bankShelf(home);
  const bank = await chooseBank({
    loop: options.loop ?? suggestion?.loop,
    bank: options.bank,
    cwd: options.cwd,
    shelf,
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
  await recordSession({
    home,
    bank,
    ...(await sessionContext(shelf, bank, account, account.sessions, now)),
    session,
    isNew: true,
    answers: options.answers,
    cwd: options.cwd,
  });
}
