// `journey start <account>`: a new session in the loop asked for, or the natural next one for the
// deal it is about.
import { resolve } from 'node:path';
import { findAccount } from '../app/account-lookup.js';
import { atTerminal, findDeal } from '../app/deal-choice.js';
import { offerNewDeal } from '../app/new-deal.js';
import { recordSession, sessionContext, warnUnreadableBanks, withSessionLock } from '../app/session-run.js';
import { syncBeforeCall } from '../app/sync-first.js';
import { chooseBank, looksLikePath } from '../bank/catalog.js';
import { dealField, dealLabel } from '../journey/deals.js';
import { nextLoopOf } from '../journey/next-loop.js';
import { newSession, sessionId } from '../journey/session.js';
import type { Loop } from '../model/loop.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { bankShelf } from '../store/bank-shelf.js';
import { loadCheckedCatalog } from '../store/checked-banks.js';
import { sessionPathIn } from '../store/paths.js';
import { whoIsRep } from '../store/rep.js';
import { checkAccountFolder, newSessionSuffix } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface StartOptions extends GlobalOptions {
  /** As typed; none: a picker on a terminal, a usage error for a script. */
  account?: string | undefined;
  /** A new account even when its name is close to one that exists ("acme" beside "Acme, Inc."). */
  new?: boolean | undefined;
  loop?: Loop | undefined;
  bank?: string | undefined;
  /** The deal within the account; else its only open deal (or a picker, or a new first deal). */
  deal?: string | undefined;
  /** Core questions only (and the follow-ups their answers open). */
  quick?: boolean | undefined;
  contact?: string | undefined;
  answers?: string | undefined;
  /** Take the new session's lock even from a live holder (only a clash of session ids could hold it). */
  stealLock?: boolean | undefined;
}

export async function start(options: StartOptions): Promise<void> {
  const home = findHome(options).dir;
  const interactive = atTerminal(options.answers);
  await syncBeforeCall(home, { terminal: interactive, now: new Date() });
  // Who the rep is may take a git process or two: asked now, it answers while the run reads and
  // checks the account and the banks (a failure is still met where the rep is needed).
  const rep = whoIsRep(home);
  rep.catch(() => undefined);
  const account = await findAccount(home, options.account, {
    orNew: true,
    isNew: options.new,
    interactive,
    command: 'start',
  });
  // Something in the way of the account's folder fails now, not after the last answer.
  checkAccountFolder(account.dir, account.name);
  const { deal, deals } = await findDeal(account, {
    named: options.deal,
    interactive,
    command: `journey start ${shellQuote(account.name)}`,
  });
  const now = new Date();

  const suggestion =
    options.loop || options.bank ? undefined : nextLoopOf(deal, await catalogOutlines(home), now);
  const shelf = await bankShelf(home);
  // The run's catalog (what chooseBank and the session's context read) from the banks checked before.
  await loadCheckedCatalog(home, shelf);
  const chosen = await chooseBank({
    loop: options.loop ?? suggestion?.loop,
    bank: options.bank,
    cwd: options.cwd,
    shelf,
  });
  const { quickBank } = await import('../bank/quick.js');
  const bank = options.quick ? quickBank(chosen) : chosen;
  await warnUnreadableBanks(shelf);

  const { capitalise, renderLoopChoice, style } = await import('../ui/render.js');
  const { wrapToTerminal } = await import('../ui/layout.js');
  // Prose for the rep, wrapped between words to the terminal.
  const say = (text: string) =>
    (options.answers === undefined ? output.out : output.err)(wrapToTerminal(text));
  const label = dealLabel(deal, deals);
  const about = `${safeText(account.name)}${label ? ` (deal: ${safeText(label)})` : ''}`;
  if (suggestion) say(renderLoopChoice(bank.loop, suggestion.reason, bank.title, label));
  else say(style.title(`${capitalise(bank.loop)} loop with ${about}: ${safeText(bank.title)}`));
  if (options.quick) {
    say(style.dim(`A short call: the ${bank.questions.length} core questions and the follow-ups they open.`));
  }
  if (deal.sessions.some((s) => s.status === 'in_progress')) {
    say(
      style.dim(
        `(${about} has an unfinished session; journey resume ${shellQuote(account.name)}${label ? ` --deal ${shellQuote(label)}` : ''} continues it.)`,
      ),
    );
  }

  const session = newSession({
    id: sessionId(bank.loop, now, newSessionSuffix()),
    account: account.name,
    ...dealField(deal),
    rep: await rep,
    bank,
    contact: options.contact?.trim() || undefined,
    now,
  });
  if (options.quick) session.quick = true;
  const file = sessionPathIn(account.dir, session.id);
  const ended = await withSessionLock(
    { home, session, command: 'start', steal: options.stealLock },
    async (lock) =>
      recordSession({
        home,
        bank,
        // A bank given as a file must be given again to resume: the hint names it.
        resumeBank:
          options.bank !== undefined && looksLikePath(options.bank)
            ? resolve(options.cwd, options.bank)
            : undefined,
        ...(await sessionContext(shelf, bank, deal, deal.sessions, now)),
        session,
        file,
        isNew: true,
        lock,
        answers: options.answers,
        cwd: options.cwd,
      }),
  );
  await offerNewDeal({ home, account, session: ended, interactive });
}
