// `journey accounts`: every account in the data folder, its deals, and where each conversation stands.

import type { AccountFilters } from '../journey/account-filters.js';
import { FIRST_DEAL_NAME } from '../journey/deals.js';
import { factsMatch, type ListingFacts, rolesKey } from '../journey/listing-facts.js';
import type { AccountSummary, Stage } from '../model/account.js';
import { indexedAccounts } from '../store/listing-index.js';
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
  const filters: AccountFilters = {
    stage: options.stage,
    openFlags: options.openFlags,
    due: options.due,
    rep: options.rep,
  };
  // The due filter needs each customer deal's check-in, found by role: the banks say which question.
  const roles = filters.due ? await roleKeyed(home) : undefined;
  const list: { summary: AccountSummary; facts: ListingFacts }[] = [];
  const recordProblems: string[] = [];
  for await (const a of indexedAccounts(home, roles)) {
    // Folders' problems (sorted in each) first, then the records' ones, as ever.
    for (const problem of [...a.problems].sort()) output.err(`warning: ${safeText(problem)}`);
    recordProblems.push(...a.recordProblems);
    if (a.facts) list.push({ summary: a.facts.summary, facts: a.facts });
  }
  for (const problem of recordProblems) output.err(`warning: ${safeText(problem)}`);
  list.sort((a, b) => byRecentContact(a.summary, b.summary));
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== false);
  const today = new Date().toISOString().slice(0, 10);
  const shown = list
    .filter(
      (a) =>
        !filtered ||
        ((!filters.stage || a.summary.stage === filters.stage) && factsMatch(a.facts, filters, today)),
    )
    .map((a) => a.summary);
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

/** The role index of the banks in use, with its key (facts worked out with another are stale). */
async function roleKeyed(home: string) {
  const [{ catalogOutlines }, { roleIndex }] = await Promise.all([
    import('../store/bank-outlines.js'),
    import('../bank/outline.js'),
  ]);
  const index = roleIndex(await catalogOutlines(home));
  return { key: rolesKey(index), index };
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
