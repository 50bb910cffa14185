// `journey won` and `journey lost`: append-only records of a close. A later call changes the
// cadence or re-opens the account; history is never rewritten.
import { UsageError } from '../errors.js';
import { DEFAULT_CADENCE, parseCadence } from '../journey/cadence.js';
import { loadAccount } from '../store/account.js';
import { writeRecord } from '../store/records.js';
import { checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions, unknownAccount } from './context.js';

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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`))) {
    throw new UsageError(`--on takes a date as YYYY-MM-DD, not "${on}"`);
  }
  return on;
}

async function accountName(home: string, typed: string): Promise<string> {
  const name = checkAccountName(typed);
  const account = await loadAccount(home, name);
  if (account.sessions.length === 0) throw await unknownAccount(home, name);
  return account.name;
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
  const account = await accountName(home, options.account);
  await writeRecord(
    home,
    { format: 1, kind: 'won', account, on, every: cadence.text, at: now.toISOString() },
    now,
  );
  const { addCadence } = await import('../journey/cadence.js');
  output.out(
    `${account} is a customer since ${on}: check in every ${cadence.text}, first on ${addCadence(on, cadence)}.`,
  );
}

export async function lost(options: LostOptions): Promise<void> {
  const home = findHome(options).dir;
  const now = new Date();
  const on = checkDate(options.on, now);
  const account = await accountName(home, options.account);
  const reason = options.reason?.trim();
  await writeRecord(
    home,
    { format: 1, kind: 'lost', account, on, ...(reason ? { reason } : {}), at: now.toISOString() },
    now,
  );
  output.out(
    `${account} recorded as lost on ${on}${reason ? ` (${reason})` : ''}: no check-ins. journey won re-opens it.`,
  );
}
