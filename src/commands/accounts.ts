// `journey accounts`: every account in the data folder, its deals, and where each conversation stands.

import { join } from 'node:path';
import { summariseAccount } from '../journey/listing.js';
import type { AccountSummary } from '../model/account.js';
import { accountsDir } from '../store/paths.js';
import { readRecordsIn } from '../store/records.js';
import { readSummaries } from '../store/session-index.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface AccountsOptions extends GlobalOptions {
  json: boolean;
}

export async function accounts(options: AccountsOptions): Promise<void> {
  const home = findHome(options).dir;
  const folders = await readSummaries(home);
  for (const problem of folders.flatMap((f) => f.problems)) output.err(`warning: ${safeText(problem)}`);
  const list: AccountSummary[] = [];
  for (const f of folders) {
    // Closes (won, lost) live in each account's records folder; most accounts have none.
    const { records, problems } =
      f.sessions.length > 0 && f.hasRecords
        ? await readRecordsIn(join(accountsDir(home), f.slug))
        : { records: [], problems: [] };
    for (const problem of problems) output.err(`warning: ${safeText(problem)}`);
    const summary = summariseAccount(f.slug, f.sessions, records);
    if (summary) list.push(summary);
  }
  list.sort(byRecentContact);
  if (options.json) {
    output.json(list);
    return;
  }
  if (list.length === 0) {
    output.out(`No accounts yet in ${safeText(home)}. Start one with: journey start "<account name>"`);
    return;
  }
  const { renderTable } = await import('../ui/render.js');
  output.out(
    renderTable({
      head: ['ACCOUNT', 'STAGE', 'DEALS', 'LAST LOOP', 'SESSIONS', 'LAST CONTACT', 'UNFINISHED'],
      rows: list.map((a) => [
        a.name,
        a.stage,
        dealsCell(a),
        a.lastLoop ?? '-',
        String(a.sessions),
        a.lastContact ?? '-',
        a.unfinished > 0 ? String(a.unfinished) : '-',
      ]),
    }),
  );
}

/** One deal: nothing to say; several: how many are open (not lost) of how many. */
function dealsCell(a: AccountSummary): string {
  if (a.deals.length <= 1) return '-';
  const open = a.deals.filter((d) => d.stage !== 'lost').length;
  return open === a.deals.length ? String(open) : `${open} open of ${a.deals.length}`;
}

/** Most recent contact first, then by name (plain comparison: localeCompare costs milliseconds here). */
function byRecentContact(a: AccountSummary, b: AccountSummary): number {
  const ka = a.lastContact ?? '';
  const kb = b.lastContact ?? '';
  if (ka !== kb) return ka < kb ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
