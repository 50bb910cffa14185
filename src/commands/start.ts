// `journey start <account>`: a new session in the loop asked for, or the natural next one.
import { chooseBank } from '../bank/catalog.js';
import type { Loop } from '../journey/loop.js';
import { suggestLoop } from '../journey/next-loop.js';
import { newSession, sessionId } from '../journey/session.js';
import { newSessionSuffix, readAccount } from '../store/sessions.js';
import { checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';
import { interview } from './interview.js';

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
  const records = await readAccount(home, typed);
  for (const problem of records.problems) output.err(`warning: ${problem}`);
  // The name as first recorded wins, so "acme inc" keeps filing under "Acme, Inc.".
  const account = records.sessions.at(-1)?.account ?? typed;

  const suggestion = options.loop || options.bank ? undefined : suggestLoop(records.sessions);
  const bank = await chooseBank({
    loop: options.loop ?? suggestion?.loop,
    bank: options.bank,
    cwd: options.cwd,
  });
  const unfinished = records.sessions.filter((s) => s.status === 'in_progress');
  const { capitalise, renderLoopChoice, shellQuote, style } = await import('../ui/render.js');
  const say = options.answers === undefined ? output.out : output.err;
  if (suggestion) say(renderLoopChoice(bank.loop, suggestion.reason, bank.title));
  else say(style.title(`${capitalise(bank.loop)} loop with ${account}: ${bank.title}`));
  if (unfinished.length > 0) {
    say(
      style.dim(
        `(${account} has an unfinished session; journey resume ${shellQuote(account)} continues it.)`,
      ),
    );
  }

  const now = new Date();
  const session = newSession({
    id: sessionId(bank.loop, now, newSessionSuffix()),
    account,
    bank,
    contact: options.contact?.trim() || undefined,
    now,
  });
  await interview({ home, bank, session, isNew: true, answers: options.answers, cwd: options.cwd });
}
