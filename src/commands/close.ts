// `journey won` and `journey lost`: append-only records of a close. A later call changes the
// cadence or re-opens the account; history is never rewritten.
import { findAccount } from '../app/account-lookup.js';
import { UsageError } from '../errors.js';
import { addCadence, DEFAULT_CADENCE, parseCadence } from '../journey/cadence.js';
import { lostRecord, wonRecord } from '../journey/records.js';
import { dateProblem } from '../model/dates.js';
import { writeRecord } from '../store/records.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface WonOptions extends GlobalOptions {
  account: string;
  on?: string | undefined;
  every?: string | undefined;
}

export interface LostOptions extends GlobalOptions {
  account: string;
  on?: string | undefined;
  reason?: string | undefined;
}

function checkDate(on: string | undefined, now: Date): string {
  if (on === undefined) return now.toISOString().slice(0, 10);
  const problem = dateProblem(on);
  if (problem) throw new UsageError(`--on takes a date as YYYY-MM-DD: ${problem}`);
  return on;
}

export async function won(options: WonOptions): Promise<void> {
  const home = findHome(options).dir;
  const now = new Date();
  const on = checkDate(options.on, now);
  let every = options.every;
  if (every === undefined) {
    const { readConfig } = await import('../store/config.js');
    every = (await readConfig(home)).check_in_every ?? DEFAULT_CADENCE;
  }
  const cadence = parseCadence(every);
  const { name } = await findAccount(home, options.account);
  await writeRecord(home, wonRecord(name, on, cadence.text, now), now);
  output.out(
    `${safeText(name)} is a customer since ${on}: check in every ${safeText(cadence.text)}, first on ${addCadence(on, cadence)}.`,
  );
}

export async function lost(options: LostOptions): Promise<void> {
  const home = findHome(options).dir;
  const now = new Date();
  const on = checkDate(options.on, now);
  const { name } = await findAccount(home, options.account);
  const reason = options.reason?.trim();
  await writeRecord(home, lostRecord(name, on, reason || undefined, now), now);
  output.out(
    `${safeText(name)} recorded as lost on ${on}${reason ? ` (${safeText(reason)})` : ''}: no check-ins. journey won re-opens it.`,
  );
}
