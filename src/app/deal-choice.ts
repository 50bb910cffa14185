// Which deal of an account a command works on: the one named with --deal, else the account's only
// open deal; several open deals are for the rep to choose on a terminal, and a usage error for a
// script, which must say --deal.
import { UsageError } from '../errors.js';
import { chooseDeal, type Deal, dealsOf, FIRST_DEAL_NAME } from '../journey/deals.js';
import type { Account } from '../model/account.js';
import { safeText, shellQuote } from '../ui/safe-text.js';

export interface DealAsk {
  /** What the rep typed after --deal. */
  named: string | undefined;
  /** True when the rep is at a terminal and may be asked. */
  interactive: boolean;
  /** The command to show in the usage error, e.g. `journey won acme`. */
  command: string;
  /** A named deal must already exist (a close of a deal nobody has talked to is a typo). */
  existing?: boolean | undefined;
}

export interface DealFound {
  deal: Deal;
  /** No session or record names this deal yet. */
  isNew: boolean;
  /** How many deals the account has, this one included. */
  deals: number;
}

export async function findDeal(account: Account, ask: DealAsk): Promise<DealFound> {
  if (ask.named !== undefined && ask.named.trim() === '') {
    throw new UsageError('--deal takes a name, e.g. --deal "EU rollout"');
  }
  const choice = chooseDeal(account, ask.named);
  const count = dealsOf(account).length;
  if (choice.kind === 'deal' && choice.isNew && ask.existing && ask.named !== undefined) {
    const names = dealsOf(account).map((d) => `"${safeText(d.deal)}"`);
    throw new UsageError(
      `${safeText(account.name)} has no deal "${safeText(ask.named)}"${names.length > 0 ? `; its deals: ${names.join(', ')}` : ''}`,
    );
  }
  if (choice.kind === 'deal') {
    return { deal: choice.deal, isNew: choice.isNew, deals: count + (choice.isNew ? 1 : 0) };
  }
  const names = choice.deals.map((d) => d.deal);
  if (!ask.interactive) {
    throw new UsageError(
      `${safeText(account.name)} has ${names.length} open deals (${names.map((n) => `"${safeText(n)}"`).join(', ')}): say which with ${ask.command} --deal ${shellQuote(names[0] ?? FIRST_DEAL_NAME)}`,
    );
  }
  const { pickOne } = await import('../ui/prompts.js');
  const deal = await pickOne(
    `${account.name} has ${names.length} open deals. Which one is this about?`,
    choice.deals.map((d) => ({ name: `${d.deal} (${d.stage}, ${plural(d.sessions.length)})`, value: d })),
  );
  return { deal, isNew: false, deals: count };
}

function plural(n: number): string {
  return n === 1 ? '1 session' : `${n} sessions`;
}

/** Whether the rep can be asked on this terminal (no --answers file, a terminal both ways). */
export function atTerminal(answers: string | undefined): boolean {
  return answers === undefined && process.stdin.isTTY === true && process.stdout.isTTY === true;
}

/**
 * The deal a briefing or a listing is about, without asking: the one named (it must exist), else
 * the only open deal, else the open deal with the latest contact. Reading never needs a picker.
 */
export function dealToShow(account: Account, named: string | undefined, command: string): DealFound {
  const deals = dealsOf(account);
  if (named !== undefined) {
    const choice = chooseDeal(account, named);
    if (choice.kind === 'deal' && !choice.isNew)
      return { deal: choice.deal, isNew: false, deals: deals.length };
    throw new UsageError(
      `${safeText(account.name)} has no deal "${safeText(named)}"; its deals: ${deals.map((d) => `"${safeText(d.deal)}"`).join(', ')} (${command} --deal <name>)`,
    );
  }
  const choice = chooseDeal(account, undefined);
  if (choice.kind === 'deal') return { deal: choice.deal, isNew: choice.isNew, deals: deals.length };
  const latest = [...choice.deals].sort((a, b) => lastTouch(a).localeCompare(lastTouch(b))).at(-1);
  return { deal: latest ?? (choice.deals[0] as Deal), isNew: false, deals: deals.length };
}

function lastTouch(deal: Deal): string {
  const session = deal.sessions.at(-1)?.updated ?? '';
  const record =
    deal.records
      .map((r) => r.at)
      .sort()
      .at(-1) ?? '';
  return session > record ? session : record;
}
