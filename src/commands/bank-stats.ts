// `journey bank stats [<bank>]`: how a bank's questions and rules do in real calls, from every session
// recorded with it: what a trainer learns which questions work from. Reads the data folder one
// account at a time.

import { sinceOption } from '../app/since.js';
import { UserError } from '../errors.js';
import {
  addAccountToBankStats,
  type BankShape,
  bankStatsReport,
  newBankStatsTally,
} from '../journey/bank-stats.js';
import { closest } from '../model/suggest.js';
import { bankShelf } from '../store/bank-shelf.js';
import { eachAccount } from '../store/load-account.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankStatsOptions extends GlobalOptions {
  /** A bank id (or a bank file, for its id); none: every bank seen in sessions. */
  bank?: string | undefined;
  /** Only sessions on or after this date (YYYY-MM-DD). */
  since?: string | undefined;
  json: boolean;
}

export async function bankStats(options: BankStatsOptions): Promise<void> {
  const since = sinceOption(options.since);
  const home = findHome(options).dir;
  const shelf = await bankShelf(home);
  const { findBank, loadCatalog, looksLikePath } = await import('../bank/catalog.js');
  // The banks in use tell a choice from an "other" answer, and give the questions' order.
  const banks = new Map<string, BankShape>(
    (await loadCatalog(shelf)).entries.map((e) => [e.bank.id, e.bank]),
  );
  let only = options.bank;
  if (only !== undefined && looksLikePath(only)) {
    const file = await findBank(only, options.cwd, shelf);
    banks.set(file.id, file);
    only = file.id;
  }
  const tally = newBankStatsTally({ since, only, shelf: banks });
  for await (const account of eachAccount(home)) {
    for (const problem of account.problems) output.err(`warning: ${safeText(problem)}`);
    addAccountToBankStats(tally, account);
  }
  if (only !== undefined && !banks.has(only) && !tally.seen.has(only)) {
    const known = [...new Set([...banks.keys(), ...tally.seen])].sort();
    const near = closest(only, known);
    throw new UserError(
      `no bank with id "${safeText(only)}" on the shelf or in any session${near ? `; did you mean "${safeText(near)}"?` : ''} (banks: ${safeText(known.join(', '))})`,
    );
  }
  const report = bankStatsReport(tally);
  if (options.json) {
    output.json(report);
    return;
  }
  if (report.banks.length === 0) {
    output.out(
      `No sessions recorded${since ? ` since ${safeText(since)}` : ''} in ${safeText(home)}: no bank stats yet.`,
    );
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(report)]);
  const { renderBankStats } = await import('../ui/render-bank-stats.js');
  output.out(renderBankStats(report));
}
