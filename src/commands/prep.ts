// `journey prep <account>`: the pre-call briefing.
import { findAccount } from '../app/account-lookup.js';
import { bankInUse } from '../journey/bank-in-use.js';
import { buildPrep } from '../journey/prep.js';
import { LOOPS } from '../model/loop.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface PrepOptions extends GlobalOptions {
  account: string;
  json: boolean;
  verbose: boolean;
}

export async function prep(options: PrepOptions): Promise<void> {
  const home = findHome(options).dir;
  const account = await findAccount(home, options.account);
  const outlines = await catalogOutlines(home);
  const banks = Object.fromEntries(LOOPS.map((loop) => [loop, bankInUse(account.sessions, loop, outlines)]));
  const briefing = buildPrep({ account, banks, now: new Date() });
  if (options.json) {
    output.json(briefing);
    return;
  }
  const { renderPrep } = await import('../ui/render-prep.js');
  output.out(renderPrep(briefing, options.verbose));
}
