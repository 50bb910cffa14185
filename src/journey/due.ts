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

export function dueItem(input: DueInput, today: string): DueItem | undefined {
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
    overdueDays: daysBetween(next, today),
    openFlags: openFlagsOf(input).length,
    problems: Array.isArray(problems) ? problems : [],
    behindTarget: measureLines(input.sessions).filter((m) => m.behind),
  };
}

/** Customers due within `withinDays` of today (or overdue), most overdue first. */
export function dueList(accounts: readonly DueInput[], today: string, withinDays: number): DueItem[] {
  return accounts
    .flatMap((a) => dueItem(a, today) ?? [])
    .filter((item) => item.overdueDays >= -withinDays)
    .sort(
      (a, b) =>
        b.overdueDays - a.overdueDays ||
        (a.account < b.account ? -1 : a.account > b.account ? 1 : 0) ||
        ((a.deal ?? '') < (b.deal ?? '') ? -1 : 1),
    );
}
