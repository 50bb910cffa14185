// `journey prep <account>`: the pre-call briefing, for one deal of the account.
import { findAccount } from '../app/account-lookup.js';
import { atTerminal, dealToShow, findDeal } from '../app/deal-choice.js';
import { syncBeforeCall } from '../app/sync-first.js';
import { bankInUse } from '../journey/bank-in-use.js';
import { dealLabel, dealOrigin, dealsOf } from '../journey/deals.js';
import { buildPrep } from '../journey/prep.js';
import { LOOPS } from '../model/loop.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { output } from '../ui/output.js';
import { shellQuote } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface PrepOptions extends GlobalOptions {
  /** As typed; none: a picker on a terminal, a usage error for a script. */
  account?: string | undefined;
  /** The deal to brief; else the only open deal, or the open deal with the latest contact. */
  deal?: string | undefined;
  json: boolean;
  verbose: boolean;
}

export async function prep(options: PrepOptions): Promise<void> {
  const home = findHome(options).dir;
  await syncBeforeCall(home, { terminal: !options.json && atTerminal(undefined), now: new Date() });
  const account = await findAccount(home, options.account, { command: 'prep' });
  const command = `journey prep ${shellQuote(account.name)}`;
  // At a terminal, several open deals are a choice for the rep; a script gets the latest one.
  const { deal, deals } =
    !options.json && atTerminal(undefined)
      ? await findDeal(account, { named: options.deal, interactive: true, existing: true, command })
      : dealToShow(account, options.deal);
  const outlines = await catalogOutlines(home);
  const banks = Object.fromEntries(LOOPS.map((loop) => [loop, bankInUse(deal.sessions, loop, outlines)]));
  const origin = dealOrigin(deal);
  const briefing = buildPrep({
    account: deal,
    deal: dealLabel(deal, deals) || undefined,
    deals:
      deals > 1
        ? dealsOf(account).map((d) => ({
            name: d.deal,
            stage: d.stage,
            sessions: d.sessions.length,
            lastContact: d.sessions.at(-1)?.updated.slice(0, 10) ?? null,
            current: d.key === deal.key,
          }))
        : [],
    openedFor: origin ? { need: origin.need ?? null, on: origin.at.slice(0, 10) } : undefined,
    banks,
    outlines,
    now: new Date(),
  });
  if (options.json) {
    output.json(briefing);
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(briefing)]);
  const { renderPrep } = await import('../ui/render-prep.js');
  output.out(renderPrep(briefing, options.verbose));
}
