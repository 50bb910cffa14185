// `journey due`: customers whose Results-loop check-in is due or overdue, most overdue first.

import { roleIndex } from '../bank/outline.js';
import { UsageError } from '../errors.js';
import { cadenceDays, parseCadence } from '../journey/cadence.js';
import { dueList } from '../journey/due.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { loadAllAccounts } from '../store/load-account.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface DueOptions extends GlobalOptions {
  within?: string | undefined;
  json: boolean;
  ics?: string | undefined;
}

export async function due(options: DueOptions): Promise<void> {
  const home = findHome(options).dir;
  const within = options.within ? withinDays(options.within) : 0;
  const today = new Date().toISOString().slice(0, 10);
  const accounts = await loadAllAccounts(home);
  for (const problem of accounts.flatMap((a) => a.problems)) output.err(`warning: ${problem}`);
  const roles = roleIndex(await catalogOutlines(home));
  const inputs = accounts.map((a) => ({ account: a.name, sessions: a.sessions, records: a.records, roles }));
  const items = dueList(inputs, today, within);
  if (options.ics) {
    const { writeCalendar } = await import('../store/calendar.js');
    // The calendar holds every customer's next check-in, due or not, so it stays complete.
    const path = await writeCalendar(options.ics, options.cwd, dueList(inputs, today, 100_000));
    output.err(`Wrote the check-in calendar to ${path}.`);
  }
  if (options.json) {
    output.json({ today, within, due: items });
    return;
  }
  if (items.length === 0) {
    output.out(within > 0 ? `No check-ins due within ${options.within}.` : 'No check-ins due.');
    return;
  }
  const { renderDue } = await import('../ui/render-due.js');
  output.out(renderDue(items));
}

function withinDays(text: string): number {
  try {
    return cadenceDays(parseCadence(text));
  } catch {
    throw new UsageError(`--within takes a period such as 7d, 2w or 1m, not "${text}"`);
  }
}
