// `journey prep <account>`: the pre-call briefing.
import { type BankOutline, catalogOutlines } from '../bank/outline.js';
import { LOOPS, type Loop } from '../journey/loop.js';
import { buildPrep } from '../journey/prep.js';
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
  const outlines = await catalogOutlines(home);
  // For each loop, the bank the account last used there when it is still installed, else the built-in one.
  const banks = Object.fromEntries(
    LOOPS.map((loop) => {
      const last = account.sessions.filter((s) => s.loop === loop).at(-1)?.bank.id;
      const inLoop = outlines.filter((o) => o.loop === loop);
      return [loop, inLoop.find((o) => o.id === last) ?? inLoop[0]];
    }),
  ) as Record<Loop, BankOutline | undefined>;
  const briefing = buildPrep({
    account: account.name,
    sessions: account.sessions,
    resolutions: resolutionsOf(account),
    records: account.records,
    banks,
    now: new Date(),
  });
  if (options.json) {
    output.json(briefing);
    return;
  }
  const { renderPrep } = await import('../ui/render-prep.js');
  output.out(renderPrep(briefing, options.verbose));
}
