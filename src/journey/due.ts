// Which customers are due a Results-loop check-in: the date booked with them at the last check-in,
// else the last check-in (or the close) plus the cadence. One item per deal that is a customer.

import { type MeasureLine, measureLines } from '../model/measures.js';
import type { AccountRecord } from '../model/records.js';
import type { Session } from '../model/session.js';
import { latestClose } from './background.js';
import { addCadence, daysBetween, parseCadence } from './cadence.js';
import { openFlagsOf } from './flags.js';
import { entryWithRole, type RoleIndex } from './roles.js';

export interface DueItem {
  account: string;
  /** The deal, when the account has more than one (null: its only deal). */
  deal: string | null;
  /** The close the cadence comes from. */
  customerSince: string;
  every: string;
  lastCheckIn: string | null;
  next: string;
  /** True when `next` is the date booked with the customer at the last check-in, not the cadence. */
  booked: boolean;
  /** Days past the due date; negative while it is still ahead. */
  overdueDays: number;
  openFlags: number;
  /** What was getting in the way at the last check-in. */
  problems: string[];
  behindTarget: MeasureLine[];
}

export interface DueInput {
  account: string;
  /** The deal's name, to show when the account has several. */
  deal?: string | undefined;
  sessions: readonly Session[];
  records: readonly AccountRecord[];
  /** Which bank question held each role, for sessions recorded before entries kept their role. */
  roles?: RoleIndex | undefined;
}

/** A deal's check-in as far as it does not depend on today: a DueItem without `overdueDays`. */
export type DueFact = Omit<DueItem, 'overdueDays'>;

export function dueItem(input: DueInput, today: string): DueItem | undefined {
  const fact = dueFact(input);
  return fact && dueOn(fact, today);
}

/** A check-in as it stands today (the keys in DueItem's order: JSON output keeps it). */
export function dueOn(fact: DueFact, today: string): DueItem {
  return {
    account: fact.account,
    deal: fact.deal,
    customerSince: fact.customerSince,
    every: fact.every,
    lastCheckIn: fact.lastCheckIn,
    next: fact.next,
    booked: fact.booked,
    overdueDays: daysBetween(fact.next, today),
    openFlags: fact.openFlags,
    problems: fact.problems,
    behindTarget: fact.behindTarget,
  };
}

/** What a customer deal's check-in is, from its history alone (undefined: the deal is not won). */
export function dueFact(input: DueInput): DueFact | undefined {
  const close = latestClose(input.records);
  if (close?.kind !== 'won') return undefined;
  const cadence = parseCadence(close.every);
  const lastResults = input.sessions.filter((s) => s.loop === 'results').at(-1);
  const lastCheckIn = lastResults?.started.slice(0, 10) ?? null;
  const from = lastCheckIn && lastCheckIn > close.on ? lastCheckIn : close.on;
  // A date booked at a check-in after the latest close; a close recorded later (won again, a new
  // cadence) starts its own count.
  const booked =
    lastResults && lastResults.updated >= close.at
      ? entryWithRole(lastResults, 'next_check_in', input.roles)?.answer
      : undefined;
  const isBooked = typeof booked === 'string' && booked > from;
  const next = isBooked ? booked : addCadence(from, cadence);
  const problems = lastResults && entryWithRole(lastResults, 'current_problems', input.roles)?.answer;
  return {
    account: input.account,
    deal: input.deal ?? null,
    customerSince: close.on,
    every: cadence.text,
    lastCheckIn,
    next,
    booked: isBooked,
    openFlags: openFlagsOf(input).length,
    problems: Array.isArray(problems) ? problems : [],
    behindTarget: measureLines(input.sessions).filter((m) => m.behind),
  };
}

/** Customers due within `withinDays` of today (or overdue), most overdue first. */
export function dueList(accounts: readonly DueInput[], today: string, withinDays: number): DueItem[] {
  return dueListOf(
    accounts.flatMap((a) => dueFact(a) ?? []),
    today,
    withinDays,
  );
}

/** The same list from check-ins already worked out (the session index keeps them per account). */
export function dueListOf(facts: readonly DueFact[], today: string, withinDays: number): DueItem[] {
  return facts
    .map((fact) => dueOn(fact, today))
    .filter((item) => item.overdueDays >= -withinDays)
    .sort(
      (a, b) =>
        b.overdueDays - a.overdueDays ||
        (a.account < b.account ? -1 : a.account > b.account ? 1 : 0) ||
        ((a.deal ?? '') < (b.deal ?? '') ? -1 : 1),
    );
}
