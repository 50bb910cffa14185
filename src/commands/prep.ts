// `journey prep <account>`: the pre-call briefing.

import type { QuestionBank } from '../bank/bank.js';
import { builtinForLoop, findBank } from '../bank/catalog.js';
import type { Loop } from '../journey/loop.js';
import { buildPrep } from '../journey/prep.js';
import type { Session } from '../journey/session.js';
import { loadAccount, resolutionsOf } from '../store/account.js';
import { checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions, unknownAccount } from './context.js';

export interface PrepOptions extends GlobalOptions {
  account: string;
  json: boolean;
  verbose: boolean;
}

export async function prep(options: PrepOptions): Promise<void> {
  const name = checkAccountName(options.account);
  const home = findHome(options).dir;
  const account = await loadAccount(home, name);
  for (const problem of account.problems) output.err(`warning: ${problem}`);
  if (account.sessions.length === 0) throw await unknownAccount(home, name);
  const briefing = buildPrep({
    account: account.name,
    sessions: account.sessions,
    resolutions: resolutionsOf(account),
    banks: {
      knowledge: await bankFor('knowledge', account.sessions, options.cwd),
      options: await bankFor('options', account.sessions, options.cwd),
      results: await bankFor('results', account.sessions, options.cwd),
    },
    now: new Date(),
  });
  if (options.json) {
    output.json(briefing);
    return;
  }
  const { renderPrep } = await import('../ui/render-prep.js');
  output.out(renderPrep(briefing, options.verbose));
}

/** The bank the account last used in a loop, when it is still available; else the built-in one. */
async function bankFor(
  loop: Loop,
  sessions: readonly Session[],
  cwd: string,
): Promise<QuestionBank | undefined> {
  const last = sessions.filter((s) => s.loop === loop).at(-1)?.bank.id;
  if (last) {
    const found = await findBank(last, cwd).catch(() => undefined);
    if (found?.loop === loop) return found;
  }
  return builtinForLoop(loop).catch(() => undefined);
}
