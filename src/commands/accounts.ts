// `journey accounts`: every account in the data folder, its deals, and where each conversation stands.

import { basename, join } from 'node:path';
import type { AccountFilters } from '../journey/account-filters.js';
import { FIRST_DEAL_NAME } from '../journey/deals.js';
import { summariseAccount } from '../journey/listing.js';
import type { AccountSummary, Stage } from '../model/account.js';
import { accountsDir } from '../store/paths.js';
import { readRecordsIn } from '../store/records.js';
import { readSummaries } from '../store/session-index.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface AccountsOptions extends GlobalOptions {
  json: boolean;
  /** Only accounts at this stage. */
  stage?: Stage | undefined;
  /** Only accounts with an open loop-back flag. */
  openFlags?: boolean | undefined;
  /** Only customers with a Results check-in due today or overdue. */
  due?: boolean | undefined;
  /** Only accounts with a session this rep ran. */
  rep?: string | undefined;
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
  const filters: AccountFilters = {
    stage: options.stage,
    openFlags: options.openFlags,
    due: options.due,
    rep: options.rep,
  };
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== false);
  const shown = filtered ? await filterAccounts(home, list, filters) : list;
  if (options.json) {
    output.json(shown);
    return;
  }
  if (shown.length === 0) {
    if (filtered) {
      const { describeFilters } = await import('../journey/account-filters.js');
      output.out(`No account matches: ${safeText(describeFilters(filters))}.`);
    } else {
      output.out(`No accounts yet in ${safeText(home)}. Start one with: journey start "<account name>"`);
    }
    return;
  }
  await (await import('../ui/layout.js')).widthsReady(shown.map((a) => JSON.stringify(a)));
  const { renderTable } = await import('../ui/render.js');
  output.out(
    renderTable({
      head: ['ACCOUNT', 'STAGE', 'DEALS', 'LAST LOOP', 'SESSIONS', 'LAST CONTACT', 'UNFINISHED'],
      rows: shown.map((a) => [
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

/**
 * The accounts that pass every filter. The stage comes from the summaries; the other filters read
 * whole sessions (through their caches), and only when one of them is asked for: a plain listing
 * never loads the session schema. Problems were reported with the summaries, so not again here.
 */
async function filterAccounts(
  home: string,
  list: AccountSummary[],
  filters: AccountFilters,
): Promise<AccountSummary[]> {
  const byStage = filters.stage ? list.filter((a) => a.stage === filters.stage) : list;
  const { historyMatches, needsSessions } = await import('../journey/account-filters.js');
  if (!needsSessions(filters) || byStage.length === 0) return byStage;
  const [{ loadAllAccounts }, { catalogOutlines }, { roleIndex }] = await Promise.all([
    import('../store/load-account.js'),
    import('../store/bank-outlines.js'),
    import('../bank/outline.js'),
  ]);
  const wanted = new Set(byStage.map((a) => a.slug));
  const histories = new Map(
    (await loadAllAccounts(home)).filter((a) => wanted.has(basename(a.dir))).map((a) => [basename(a.dir), a]),
  );
  const roles = filters.due ? roleIndex(await catalogOutlines(home)) : undefined;
  const today = new Date().toISOString().slice(0, 10);
  return byStage.filter((a) => {
    const history = histories.get(a.slug);
    return history !== undefined && historyMatches(history, filters, today, roles);
  });
}

/** The first deal alone: nothing to say; else how many are open (not lost) of how many. */
function dealsCell(a: AccountSummary): string {
  if (a.deals.length === 0 || (a.deals.length === 1 && a.deals[0]?.name === FIRST_DEAL_NAME)) return '-';
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
