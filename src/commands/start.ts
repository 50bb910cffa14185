// `journey start <account>`: a new session in the loop asked for, or the natural next one.
import { findAccount } from '../app/account-lookup.js';
import { recordSession, sessionContext, warnUnreadableBanks, withSessionLock } from '../app/session-run.js';
import { chooseBank } from '../bank/catalog.js';
import { stageOf } from '../journey/background.js';
import { openFlagsOf } from '../journey/flags.js';
import { suggestLoop } from '../journey/next-loop.js';
import { newSession, sessionId } from '../journey/session.js';
import type { Loop } from '../model/loop.js';
import { bankShelf } from '../store/bank-shelf.js';
import { sessionPathIn } from '../store/paths.js';
import { checkAccountFolder, newSessionSuffix } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface StartOptions extends GlobalOptions {
  account: string;
  loop?: Loop | undefined;
  bank?: string | undefined;
  contact?: string | undefined;
  answers?: string | undefined;
  /** Take the new session's lock even from a live holder (only a clash of session ids could hold it). */
  stealLock?: boolean | undefined;
}

export async function start(options: StartOptions): Promise<void> {
  const home = findHome(options).dir;
  const account = await findAccount(home, options.account, { orNew: true });
  // Something in the way of the account's folder fails now, not after the last answer.
  checkAccountFolder(account.dir, account.name);
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
  await warnUnreadableBanks(shelf);

  const { capitalise, renderLoopChoice, shellQuote, style } = await import('../ui/render.js');
  const say = options.answers === undefined ? output.out : output.err;
  if (suggestion) say(renderLoopChoice(bank.loop, suggestion.reason, bank.title));
  else
    say(style.title(`${capitalise(bank.loop)} loop with ${safeText(account.name)}: ${safeText(bank.title)}`));
  if (account.sessions.some((s) => s.status === 'in_progress')) {
    say(
      style.dim(
        `(${safeText(account.name)} has an unfinished session; journey resume ${shellQuote(account.name)} continues it.)`,
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
  const file = sessionPathIn(account.dir, session.id);
  await withSessionLock({ home, session, command: 'start', steal: options.stealLock }, async (lock) => {
    await recordSession({
      home,
      bank,
      ...(await sessionContext(shelf, bank, account, account.sessions, now)),
      session,
      file,
      isNew: true,
      lock,
      answers: options.answers,
      cwd: options.cwd,
    });
  });
}
