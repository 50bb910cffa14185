// `journey due`: customers (one line per deal) whose Results-loop check-in is due or overdue, most
// overdue first.

import { roleIndex } from '../bank/outline.js';
import { UsageError } from '../errors.js';
import { cadenceDays, parseCadence } from '../journey/cadence.js';
import { type DueFact, dueListOf, dueOn } from '../journey/due.js';
import { rolesKey } from '../journey/listing-facts.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { indexedAccounts, inFolderOrder } from '../store/listing-index.js';
import { outputFile } from '../store/output-target.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface DueOptions extends GlobalOptions {
  within?: string | undefined;
  json: boolean;
  /** The calendar file, `-` for stdout. */
  ics?: string | undefined;
}

/** How far ahead a calendar looks: every customer's next check-in, however far off. */
const CALENDAR_DAYS = 100_000;

export async function due(options: DueOptions): Promise<void> {
  const home = findHome(options).dir;
  const within = options.within ? withinDays(options.within) : 0;
  // Where the calendar goes is checked before anything is read: a bad --ics fails at once.
  if (options.ics === '-' && options.json)
    throw new UsageError(
      '--ics - prints the calendar on stdout: drop --json, or write the calendar to a file',
    );
  const ics = options.ics === undefined ? undefined : outputFile(options.ics, options.cwd, '--ics');
  const today = new Date().toISOString().slice(0, 10);
  const index = roleIndex(await catalogOutlines(home));
  // Each customer deal's check-in comes from the session index: worked out again only for an
  // account whose files changed (or with banks that place a role elsewhere).
  // Only what can be shown is kept, account by account: the deals due within the window (or, for a
  // calendar, every upcoming check-in) and the accounts with those or with problems to warn of.
  const kept = ics ? Math.max(within, CALENDAR_DAYS) : within;
  const indexed: { order: number; problems: string[]; deals: DueFact[] }[] = [];
  for await (const a of indexedAccounts(home, { key: rolesKey(index), index })) {
    const problems = [...a.problems, ...a.recordProblems];
    const deals = (a.facts?.due?.deals ?? []).filter((d) => dueOn(d, today).overdueDays >= -kept);
    if (deals.length > 0 || problems.length > 0) indexed.push({ order: a.order, problems, deals });
  }
  // Accounts come from the index shard by shard: put back in folder order.
  const facts: DueFact[] = [];
  for (const a of inFolderOrder(indexed)) {
    for (const problem of a.problems) output.err(`warning: ${safeText(problem)}`);
    facts.push(...a.deals);
  }
  const items = dueListOf(facts, today, within);
  if (ics) {
    const { calendarText, writeCalendar } = await import('../store/calendar.js');
    // The calendar holds every customer's next check-in, due or not, so it stays complete.
    const upcoming = dueListOf(facts, today, CALENDAR_DAYS);
    if (ics.kind === 'stdout') {
      // The calendar is the output: the list of what is due would only corrupt it.
      output.write(calendarText(upcoming));
      return;
    }
    await writeCalendar(ics.path, upcoming);
    output.err(`Wrote the check-in calendar to ${safeText(ics.path)}.`);
  }
  if (options.json) {
    output.json({ today, within, due: items });
    return;
  }
  if (items.length === 0) {
    output.out(
      within > 0 ? `No check-ins due within ${safeText(options.within ?? '')}.` : 'No check-ins due.',
    );
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(items)]);
  const { renderDue } = await import('../ui/render-due.js');
  output.out(renderDue(items));
}

function withinDays(text: string): number {
  try {
    return cadenceDays(parseCadence(text));
  } catch {
    throw new UsageError(`--within takes a period such as 7d, 2w or 1m, not "${safeText(text)}"`);
  }
}
