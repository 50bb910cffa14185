// Deals within an account: each of the seed's journeys (a first purchase, an expansion after a win)
// with its own loops, problem statement, flags, stage, success plan and check-ins. A session or record
// names its deal; one that names none belongs to the account's first deal, so data folders written
// before deals keep working unchanged.
import type { Account, Stage } from '../model/account.js';
import { normaliseText } from '../model/compare.js';
import type { AccountRecord, DealOpened } from '../model/records.js';
import type { Session } from '../model/session.js';
import { stageOf } from './background.js';
import { accountFlags, type FlagView } from './flags.js';

/** The key of the account's first deal: what sessions and records without a `deal:` belong to. */
export const FIRST_DEAL = '';

/** What the first deal is called when an account has other deals too. */
export const FIRST_DEAL_NAME = 'first deal';

/**
 * A deal name as a key: case, spacing and punctuation do not make another deal ("E.U. Rollout" is
 * "EU rollout"). A name of symbols alone ("🚀🚀", "!!!") is its own deal, never the first one.
 */
export function dealKey(name: string | undefined): string {
  if (name === undefined) return FIRST_DEAL;
  const key = normaliseText(name).replace(/[^\p{L}\p{N}\p{M}]+/gu, '');
  return key || `~${name.normalize('NFC').trim()}`;
}

/** One deal of an account: an account-like history, filtered to the deal. */
export interface Deal extends Account {
  key: string;
  /** The deal's name as first written (the account's name for the first deal). */
  deal: string;
  stage: Stage;
}

/** The deals of an account, in the order they started. */
export function dealsOf(account: Account): Deal[] {
  const keys: string[] = [];
  const names = new Map<string, string>();
  const note = (name: string | undefined) => {
    const key = dealKey(name);
    if (!names.has(key)) {
      keys.push(key);
      names.set(key, name ?? FIRST_DEAL_NAME);
    }
  };
  for (const session of account.sessions) note(session.deal);
  for (const record of account.records) if (record.kind !== 'flag_resolved') note(recordDeal(record));
  return keys.map((key) => dealView(account, key, names.get(key) ?? FIRST_DEAL_NAME));
}

/** A deal of an account by key (an empty history when the account has no such deal yet). */
export function dealView(account: Account, key: string, name: string): Deal {
  const sessions = account.sessions.filter((s) => dealKey(s.deal) === key);
  // A resolution names its flag, and flag ids are unique in the account: every deal sees them all.
  const records = account.records.filter((r) => r.kind === 'flag_resolved' || dealKey(recordDeal(r)) === key);
  return { name: account.name, key, deal: name, sessions, records, stage: stageOf(sessions, records) };
}

function recordDeal(record: AccountRecord): string | undefined {
  return record.deal;
}

/** A deal opened for a need before its first conversation: where it came from. */
export function dealOrigin(deal: Pick<Deal, 'records'>): DealOpened | undefined {
  return deal.records.find((r): r is DealOpened => r.kind === 'deal_opened');
}

/** Deals still in play: every deal but the lost ones. */
export function openDeals(deals: readonly Deal[]): Deal[] {
  return deals.filter((d) => d.stage !== 'lost');
}

export type DealChoice = { kind: 'deal'; deal: Deal; isNew: boolean } | { kind: 'choose'; deals: Deal[] };

/**
 * The deal a command works on. Named: that deal, or a new one. Not named: the only open deal, the
 * only deal even when lost, the first deal of a new account; several open deals (or several deals,
 * all lost) are for the rep to choose (a picker on a terminal, a usage error for a script).
 */
export function chooseDeal(account: Account, named: string | undefined): DealChoice {
  const deals = dealsOf(account);
  if (named !== undefined) {
    const key = dealKey(named);
    const found = deals.find(
      (d) => d.key === key || (key === dealKey(FIRST_DEAL_NAME) && d.key === FIRST_DEAL),
    );
    return found
      ? { kind: 'deal', deal: found, isNew: false }
      : { kind: 'deal', deal: dealView(account, key, named.trim()), isNew: true };
  }
  if (deals.length === 0)
    return { kind: 'deal', deal: dealView(account, FIRST_DEAL, FIRST_DEAL_NAME), isNew: true };
  const open = openDeals(deals);
  if (open.length === 1) return { kind: 'deal', deal: open[0] as Deal, isNew: false };
  if (open.length === 0 && deals.length === 1) return { kind: 'deal', deal: deals[0] as Deal, isNew: false };
  // Every deal lost: the rep says which one a call (or a new win) is about.
  return { kind: 'choose', deals: open.length > 0 ? open : deals };
}

/** How a deal is named to the rep: nothing for an account with one deal. */
export function dealLabel(deal: Pick<Deal, 'deal' | 'key'>, deals: number): string {
  return deals > 1 || deal.key !== FIRST_DEAL ? deal.deal : '';
}

/** The `deal:` a new session or record of this deal carries (none for the first deal). */
export function dealField(deal: Pick<Deal, 'key' | 'deal'>): { deal?: string } {
  return deal.key === FIRST_DEAL ? {} : { deal: deal.deal };
}

/** Sessions of one deal, for code that works on sessions alone. */
export function sessionsOfDeal(sessions: readonly Session[], key: string): Session[] {
  return sessions.filter((s) => dealKey(s.deal) === key);
}

/**
 * "No", "nothing", "not this year", "we're fine": answers to the new-need question that name no
 * need. The default Results bank's `new_need` rule reads answers the same way (a test keeps them in
 * step).
 */
const NO_NEED =
  /^\W*(no|none|nope|nothing|not really|not now|not right now|not at the moment|not this year|not yet|n\/a|all good|we'?re (fine|good|ok)|we are (fine|good|ok)|(honestly|really),? (no|nothing|none))\b/i;

export function namesANeed(answer: unknown): answer is string {
  return typeof answer === 'string' && /[\p{L}\p{N}]/u.test(answer) && !NO_NEED.test(answer);
}

/** Words a spoken answer opens with that say nothing about the need. */
const FILLER =
  /^(?:(?:honestly|well|so|also|and|yes|yeah|actually|i think|we think|maybe|probably),?\s+|(?:the|a|an|our|we need|we want)\s+)+/i;

/**
 * A first name for a deal opened for a need: its subject, the words before the first verb-like
 * break or punctuation, at most five words ("Vendor contract renewals are tracked in email" →
 * "Vendor contract renewals").
 */
export function dealNameFor(need: string): string {
  const text = need.replace(/\s+/g, ' ').trim().replace(FILLER, '');
  const clause =
    text.split(
      /[.,;:!?()\u2013\u2014]| (?:is|are|was|were|has|have|takes?|keeps?|that|which|because|where|when|so) /i,
    )[0] ?? text;
  const words = clause.trim().split(' ').slice(0, 5).join(' ');
  const name = words || text.split(' ').slice(0, 5).join(' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Every loop-back flag of an account, deal by deal: a Knowledge session restates its own deal's
 * problem, never another's. Each view names its deal when the account has more than one. The flags
 * a merged history's review raised (`flag_raised` records) are their evidence session's deal's.
 */
export function flagsByDeal(account: Account): FlagView[] {
  const deals = dealsOf(account);
  return deals.flatMap((deal) => {
    const label = dealLabel(deal, deals.length) || null;
    return accountFlags(deal).map((view) => ({ ...view, deal: label }));
  });
}
