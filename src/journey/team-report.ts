// The top-down view a sales manager drives the journey from: per rep, the calls they ran and where,
// the loop-backs their calls raised and what became of them, what is going stale (open flags older
// than a week, check-ins overdue), and the deals they won and lost. Folded account by account into
// running totals, so a data folder of any size is read one account at a time. Pure: today is passed in.
import type { Account } from '../model/account.js';
import { LOOPS, type Loop } from '../model/loop.js';
import type { Lost, Won } from '../model/records.js';
import type { Session } from '../model/session.js';
import { repMatches } from './account-filters.js';
import { latestClose } from './background.js';
import { daysBetween } from './cadence.js';
import { type Deal, dealLabel, dealsOf, flagsByDeal } from './deals.js';
import { dueItem } from './due.js';
import type { Resolution } from './flags.js';
import type { RoleIndex } from './roles.js';
import { foldText } from './search.js';

/** The format of `team report --json`; raised when a field changes meaning or goes away. */
export const TEAM_REPORT_FORMAT = 1;

/** How sessions and records without a `rep:` (files written before reps were kept) are grouped. */
export const NO_REP = '(no rep recorded)';

/** An open flag raised more than this many days ago is stale: nobody has gone back to the problem. */
export const STALE_FLAG_DAYS = 7;

export type ResolutionKind = Resolution['how'];
const RESOLUTION_KINDS: readonly ResolutionKind[] = [
  'reevaluated',
  'restated',
  'knowledge_session',
  'by_hand',
];

export interface StaleFlag {
  flag: string;
  account: string;
  /** The deal, when the account has several (null: its only deal). */
  deal: string | null;
  /** The day it was raised (YYYY-MM-DD). */
  raised: string;
  /** Days since it was raised. */
  days: number;
  message: string;
}

export interface OverdueCheckIn {
  account: string;
  deal: string | null;
  /** The day the check-in was due (YYYY-MM-DD). */
  due: string;
  overdueDays: number;
}

export interface ClosedDeal {
  account: string;
  deal: string | null;
  /** The close date the record gives (YYYY-MM-DD). */
  on: string;
  /** Why it was lost, when the record says (null for a win, or a loss without a reason). */
  reason: string | null;
}

export interface RepReport {
  /** The rep as sessions and records name them; null for those that name nobody. */
  rep: string | null;
  /** The rep, or "(no rep recorded)". */
  name: string;
  /** Sessions the rep ran (on or after --since). */
  sessions: number;
  /** Accounts with a session the rep ran or a close the rep recorded (on or after --since). */
  accounts: number;
  /** Those sessions by loop. */
  loops: Record<Loop, number>;
  /** Loop-back flags raised in the rep's sessions (on or after --since), and what became of them. */
  loopBacks: {
    raised: number;
    /** Re-evaluated on the spot ("Now"). */
    now: number;
    /** Kept open for later ("Later"). */
    deferred: number;
    /** Resolved so far, by how (see Resolution in journey/flags.ts). */
    resolved: Record<ResolutionKind, number>;
    /** Still open today. */
    open: number;
  };
  /** Flags raised in the rep's sessions, open today and raised more than STALE_FLAG_DAYS ago (any date). */
  staleFlags: StaleFlag[];
  /** Customer deals whose check-in is past due today; the rep who ran the deal's last session (any date). */
  overdueCheckIns: OverdueCheckIn[];
  /** Deals won (close date on or after --since), by the rep who recorded the win. */
  won: ClosedDeal[];
  /** Deals lost (close date on or after --since), by the rep who recorded the loss. */
  lost: ClosedDeal[];
}

export interface TeamReport {
  format: typeof TEAM_REPORT_FORMAT;
  today: string;
  since: string | null;
  staleAfterDays: number;
  reps: RepReport[];
}

interface RepTally extends RepReport {
  /** The account last counted in `accounts`, so an account counts once per rep. */
  lastAccount: number;
}

/** The running totals of a team report, folded account by account. */
export interface TeamTally {
  today: string;
  since: string | undefined;
  roles: RoleIndex | undefined;
  reps: Map<string, RepTally>;
  /** Accounts folded so far. */
  accounts: number;
}

export function newTeamTally(scope: {
  today: string;
  since?: string | undefined;
  roles?: RoleIndex;
}): TeamTally {
  return { today: scope.today, since: scope.since, roles: scope.roles, reps: new Map(), accounts: 0 };
}

/** A rep's name as a key: case, accents and spacing aside ("dana ruiz" is "Dana Ruiz"). */
function repKey(rep: string | undefined): string {
  const name = rep?.trim();
  return name ? foldText(name).replace(/\s+/g, ' ') : '';
}

function repOf(tally: TeamTally, rep: string | undefined): RepTally {
  const key = repKey(rep);
  let found = tally.reps.get(key);
  if (!found) {
    const name = key === '' ? undefined : rep?.trim();
    found = {
      rep: name ?? null,
      name: name ?? NO_REP,
      sessions: 0,
      accounts: 0,
      loops: Object.fromEntries(LOOPS.map((l) => [l, 0])) as Record<Loop, number>,
      loopBacks: {
        raised: 0,
        now: 0,
        deferred: 0,
        resolved: Object.fromEntries(RESOLUTION_KINDS.map((k) => [k, 0])) as Record<ResolutionKind, number>,
        open: 0,
      },
      staleFlags: [],
      overdueCheckIns: [],
      won: [],
      lost: [],
      lastAccount: -1,
    };
    tally.reps.set(key, found);
  }
  return found;
}

const dayOf = (iso: string) => iso.slice(0, 10);

/** Adds one account's history to the totals. */
export function addAccountToTeam(tally: TeamTally, account: Account): void {
  const index = tally.accounts++;
  const inWindow = (day: string) => tally.since === undefined || day >= tally.since;
  const touched = (rep: RepTally) => {
    if (rep.lastAccount === index) return;
    rep.lastAccount = index;
    rep.accounts++;
  };
  const sessions = new Map<string, Session>();
  for (const session of account.sessions) {
    sessions.set(session.id, session);
    const rep = repOf(tally, session.rep);
    if (!inWindow(dayOf(session.started))) continue;
    rep.sessions++;
    rep.loops[session.loop]++;
    touched(rep);
  }
  for (const view of flagsByDeal(account)) {
    // A flag is the rep's whose call raised it (a sync's review names the session it read).
    const rep = repOf(tally, sessions.get(view.session.id)?.rep);
    if (inWindow(dayOf(view.flag.at))) {
      rep.loopBacks.raised++;
      if (view.flag.decision === 'reevaluated') rep.loopBacks.now++;
      else rep.loopBacks.deferred++;
      if (view.resolution) rep.loopBacks.resolved[view.resolution.how]++;
      else rep.loopBacks.open++;
    }
    const days = daysBetween(dayOf(view.flag.at), tally.today);
    if (view.status === 'open' && days > STALE_FLAG_DAYS) {
      rep.staleFlags.push({
        flag: view.flag.id,
        account: account.name,
        deal: view.deal ?? null,
        raised: dayOf(view.flag.at),
        days,
        message: view.flag.message.trim(),
      });
    }
  }
  const deals = dealsOf(account);
  for (const deal of deals) {
    const label = dealLabel(deal, deals.length) || null;
    const close = closeOf(deal);
    const item = dueItem(
      {
        account: account.name,
        deal: label ?? undefined,
        sessions: deal.sessions,
        records: deal.records,
        roles: tally.roles,
      },
      tally.today,
    );
    if (item && item.overdueDays > 0) {
      // The deal's rep: who ran its last call, else who recorded its close.
      const rep = repOf(tally, deal.sessions.at(-1)?.rep ?? close?.rep);
      rep.overdueCheckIns.push({
        account: account.name,
        deal: label,
        due: item.next,
        overdueDays: item.overdueDays,
      });
    }
    if (!close || !inWindow(close.on)) continue;
    const rep = repOf(tally, close.rep);
    touched(rep);
    const closed = {
      account: account.name,
      deal: label,
      on: close.on,
      reason: close.kind === 'lost' ? (close.reason ?? null) : null,
    };
    if (close.kind === 'won') rep.won.push(closed);
    else rep.lost.push(closed);
  }
}

/**
 * The close that decides a deal's stage (stageOf): for a customer, the win that made it one (the
 * first `won` since its last loss: a later `won` only changes the cadence); for a lost deal, the loss.
 * None for a prospect, or a customer recorded before closes were (Results sessions alone).
 */
export function closeOf(deal: Pick<Deal, 'stage' | 'records'>): Won | Lost | undefined {
  if (deal.stage === 'lost') return latestClose(deal.records);
  if (deal.stage !== 'customer') return undefined;
  const closes = deal.records
    .filter((r): r is Won | Lost => r.kind === 'won' || r.kind === 'lost')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lastLoss = closes.findLastIndex((c) => c.kind === 'lost');
  return closes.slice(lastLoss + 1).find((c): c is Won => c.kind === 'won');
}

/** The report: every rep seen, by name, those without a recorded rep last. */
export function buildTeamReport(tally: TeamTally): TeamReport {
  const reps = [...tally.reps.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([, { lastAccount: _, ...rep }]) => ({
      ...rep,
      staleFlags: rep.staleFlags.sort((a, b) => b.days - a.days || cmp(a.account, b.account)),
      overdueCheckIns: rep.overdueCheckIns.sort(
        (a, b) => b.overdueDays - a.overdueDays || cmp(a.account, b.account),
      ),
      won: rep.won.sort((a, b) => cmp(a.on, b.on) || cmp(a.account, b.account)),
      lost: rep.lost.sort((a, b) => cmp(a.on, b.on) || cmp(a.account, b.account)),
    }));
  return {
    format: TEAM_REPORT_FORMAT,
    today: tally.today,
    since: tally.since ?? null,
    staleAfterDays: STALE_FLAG_DAYS,
    reps,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type RepChoice = { kind: 'reps'; reps: RepReport[] } | { kind: 'unknown'; known: string[] };

/**
 * The reps `--rep` names: case and accents aside, every word typed begins a word of the name
 * ("dana" and "ruiz" find "Dana Ruiz"; "dan" finds "Dana Ruiz" and "Dan Lee" both). None: the reps known.
 */
export function repsNamed(report: TeamReport, typed: string): RepChoice {
  const reps = report.reps.filter((r) => r.rep !== null && repMatches(r.rep, typed));
  if (reps.length > 0) return { kind: 'reps', reps };
  return { kind: 'unknown', known: report.reps.flatMap((r) => (r.rep === null ? [] : [r.rep])) };
}
