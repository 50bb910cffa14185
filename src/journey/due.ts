// Which customers are due a Results-loop check-in: the last check-in (or the close) plus the cadence.
import { latestClose } from './background.js';
import { addCadence, daysBetween, parseCadence } from './cadence.js';
import { flagViews, openFlags } from './flags.js';
import { type MeasureLine, measureLines } from './measures.js';
import type { AccountRecord } from './records.js';
import type { Session } from './session.js';

export interface DueItem {
  account: string;
  /** The close the cadence comes from. */
  customerSince: string;
  every: string;
  lastCheckIn: string | null;
  next: string;
  /** Days past the due date; negative while it is still ahead. */
  overdueDays: number;
  openFlags: number;
  /** What was getting in the way at the last check-in. */
  problems: string[];
  behindTarget: MeasureLine[];
}

export interface DueInput {
  account: string;
  sessions: readonly Session[];
  records: readonly AccountRecord[];
}

export function dueItem(input: DueInput, today: string): DueItem | undefined {
  const close = latestClose(input.records);
  if (close?.kind !== 'won') return undefined;
  const cadence = parseCadence(close.every);
  const lastResults = input.sessions.filter((s) => s.loop === 'results').at(-1);
  const lastCheckIn = lastResults?.started.slice(0, 10) ?? null;
  const from = lastCheckIn && lastCheckIn > close.on ? lastCheckIn : close.on;
  const next = addCadence(from, cadence);
  const problems = lastResults?.entries.find((e) => e.question === 'problems_now')?.answer;
  return {
    account: input.account,
    customerSince: close.on,
    every: cadence.text,
    lastCheckIn,
    next,
    overdueDays: daysBetween(next, today),
    openFlags: openFlags(
      flagViews(
        input.sessions,
        input.records.filter((r) => r.kind === 'flag_resolved'),
      ),
    ).length,
    problems: Array.isArray(problems) ? problems : [],
    behindTarget: measureLines(input.sessions).filter((m) => m.behind),
  };
}

/** Customers due within `withinDays` of today (or overdue), most overdue first. */
export function dueList(accounts: readonly DueInput[], today: string, withinDays: number): DueItem[] {
  return accounts
    .flatMap((a) => dueItem(a, today) ?? [])
    .filter((item) => item.overdueDays >= -withinDays)
    .sort((a, b) => b.overdueDays - a.overdueDays || (a.account < b.account ? -1 : 1));
}
