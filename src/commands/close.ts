// `journey won` and `journey lost`: append-only records of a close. A later call changes the
// cadence or re-opens the account; history is never rewritten.
import { findAccount } from '../app/account-lookup.js';
import { atTerminal, findDeal } from '../app/deal-choice.js';
import { UsageError } from '../errors.js';
import { latestClose } from '../journey/background.js';
import {
  addCadence,
  type Cadence,
  cadencePhrase,
  DEFAULT_CADENCE,
  parseCadence,
} from '../journey/cadence.js';
import { type Deal, dealField, dealLabel } from '../journey/deals.js';
import type { RecordBy } from '../journey/records.js';
import { lostRecord, wonRecord } from '../journey/records.js';
import type { Account } from '../model/account.js';
import { dateProblem } from '../model/dates.js';
import { writeRecord } from '../store/records.js';
import { whoIsRep } from '../store/rep.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface WonOptions extends GlobalOptions {
  account: string;
  /** The deal that closed; else the account's only open deal. */
  deal?: string | undefined;
  on?: string | undefined;
  every?: string | undefined;
}

export interface LostOptions extends GlobalOptions {
  account: string;
  deal?: string | undefined;
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
  const account = await findAccount(home, options.account);
  const { by, about, deal } = await closing(home, account, options.deal, 'won');
  const check = `check in ${safeText(cadencePhrase(cadence.text))}`;
  // The same close again says so and writes nothing (exit 0: what was asked for is already on
  // record); a new date or cadence is a new record, as before.
  const last = latestClose(deal.records);
  if (last?.kind === 'won' && last.on === on && sameCadence(last.every, cadence)) {
    output.out(`${about} is already a customer since ${on} (${check}); nothing written.`);
    return;
  }
  await writeRecord(home, wonRecord(account.name, on, cadence.text, now, by), now);
  output.out(`${about} is a customer since ${on}: ${check}, first on ${addCadence(on, cadence)}.`);
}

function sameCadence(recorded: string, cadence: Cadence): boolean {
  try {
    const before = parseCadence(recorded);
    return before.days === cadence.days && before.months === cadence.months;
  } catch {
    return false;
  }
}

/** The deal a close is about, and who records it. */
async function closing(
  home: string,
  account: Account,
  named: string | undefined,
  command: 'won' | 'lost',
): Promise<{ by: RecordBy; about: string; deal: Deal }> {
  const { deal, deals } = await findDeal(account, {
    named,
    interactive: atTerminal(undefined),
    existing: true,
    command: `journey ${command} ${shellQuote(account.name)}`,
  });
  const label = dealLabel(deal, deals);
  return {
    by: { ...dealField(deal), rep: await whoIsRep(home) },
    about: `${safeText(account.name)}${label ? ` (deal: ${safeText(label)})` : ''}`,
    deal,
  };
}

export async function lost(options: LostOptions): Promise<void> {
  const home = findHome(options).dir;
  const now = new Date();
  const on = checkDate(options.on, now);
  const account = await findAccount(home, options.account);
  const { by, about, deal } = await closing(home, account, options.deal, 'lost');
  const reason = options.reason?.trim();
  // Lost twice is still lost: say since when and write nothing (exit 0, as for a flag resolved twice).
  const last = latestClose(deal.records);
  if (last?.kind === 'lost') {
    const why = last.reason ? ` (${safeText(last.reason)})` : '';
    output.out(
      `${about} is already lost since ${safeText(last.on)}${why}; nothing written. journey won re-opens it.`,
    );
    return;
  }
  await writeRecord(home, lostRecord(account.name, on, reason || undefined, now, by), now);
  output.out(
    `${about} recorded as lost on ${on}${reason ? ` (${safeText(reason)})` : ''}: no check-ins. journey won re-opens it.`,
  );
}
