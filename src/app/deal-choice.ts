// Which deal of an account a command works on: the one named with --deal, else the account's only
// open deal; several open deals are for the rep to choose on a terminal, and a usage error for a
// script, which must say --deal.
import { UsageError } from '../errors.js';
import { chooseDeal, type Deal, dealKey, dealsOf, FIRST_DEAL_NAME } from '../journey/deals.js';
import type { Account } from '../model/account.js';
import type { Session } from '../model/session.js';
import { nearestNames } from '../model/suggest.js';
import { output } from '../ui/output.js';
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
    throw noSuchDeal(account, ask.named);
  }
  if (choice.kind === 'deal') {
    if (choice.isNew && ask.named !== undefined) await checkNewName(account, ask.named, ask.interactive);
    return { deal: choice.deal, isNew: choice.isNew, deals: count + (choice.isNew ? 1 : 0) };
  }
  const names = choice.deals.map((d) => d.deal);
  const which = choice.deals.some((d) => d.stage !== 'lost') ? 'open deals' : 'deals, all lost';
  if (!ask.interactive) {
    throw new UsageError(
      `${safeText(account.name)} has ${names.length} ${which} (${listNames(names)}): say which with ${ask.command} --deal ${shellQuote(names[0] ?? FIRST_DEAL_NAME)}`,
    );
  }
  const { pickOne } = await import('../ui/prompts.js');
  const deal = await pickOne(
    `${account.name} has ${names.length} ${which}. Which one is this about?`,
    choice.deals.map((d) => ({ name: `${d.deal} (${d.stage}, ${plural(d.sessions.length)})`, value: d })),
  );
  return { deal, isNew: false, deals: count };
}

/** Deal names for a one-line message: quoted as JSON strings, the first five and how many more. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => safeText(JSON.stringify(n)));
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

function plural(n: number): string {
  return n === 1 ? '1 session' : `${n} sessions`;
}

/** Whether the rep can be asked on this terminal (no --answers file, a terminal both ways). */
export function atTerminal(answers: string | undefined): boolean {
  return answers === undefined && process.stdin.isTTY === true && process.stdout.isTTY === true;
}

/** The error for a deal the account does not have, naming the deals it has. */
export function noSuchDeal(account: Account, named: string): UsageError {
  const names = dealsOf(account).map((d) => d.deal);
  return new UsageError(
    `${safeText(account.name)} has no deal ${safeText(JSON.stringify(named))}${names.length > 0 ? `; its deals: ${listNames(names)}` : ''}`,
  );
}

/**
 * A new deal whose name is close to one the account has ("EU rolout" beside "EU rollout") is
 * likely a typo: a rep at a terminal confirms it; a script is warned, and the deal is opened.
 */
async function checkNewName(account: Account, named: string, interactive: boolean): Promise<void> {
  const near = nearestNames(
    named,
    dealsOf(account).map((d) => d.deal),
  );
  const [closest] = near;
  if (closest === undefined) return;
  if (!interactive) {
    output.err(
      `warning: opening a new deal ${safeText(JSON.stringify(named.trim()))} beside ${safeText(JSON.stringify(closest))}; if you meant that one, say --deal ${shellQuote(closest)}`,
    );
    return;
  }
  const { confirmOnTerminal } = await import('../ui/prompts.js');
  const open = await confirmOnTerminal(
    `${account.name} has a deal called "${closest}". Open a new deal "${named.trim()}" anyway?`,
    false,
  );
  if (!open)
    throw new UsageError(`nothing recorded: to work on that deal, say --deal ${shellQuote(closest)}`);
}

/**
 * The deal a briefing or a listing is about, without asking: the one named (it must exist), else
 * the only open deal, else the open deal with the latest contact. Reading never needs a picker.
 */
export function dealToShow(account: Account, named: string | undefined): DealFound {
  const deals = dealsOf(account);
  if (named !== undefined) {
    const choice = chooseDeal(account, named);
    if (choice.kind === 'deal' && !choice.isNew)
      return { deal: choice.deal, isNew: false, deals: deals.length };
    throw noSuchDeal(account, named);
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
  return [session, record].sort().at(-1) ?? '';
}

/**
 * The newest unfinished session of the account (of the named deal, which must exist) and its file,
 * for resume and discard; undefined when there is none.
 */
export function newestUnfinished(
  account: Account & { files: ReadonlyMap<string, string> },
  named: string | undefined,
): { session: Session; file: string } | undefined {
  const key = named === undefined ? undefined : dealKey(named);
  if (named !== undefined && !dealsOf(account).some((d) => d.key === key)) throw noSuchDeal(account, named);
  const session = account.sessions
    .filter((s) => s.status === 'in_progress' && (key === undefined || dealKey(s.deal) === key))
    .at(-1);
  const file = session && account.files.get(session.id);
  return session && file ? { session, file } : undefined;
}
