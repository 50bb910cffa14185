// `journey accounts`: every account in the data folder, its deals, and where each conversation stands.

import type { AccountFilters } from '../journey/account-filters.js';
import { FIRST_DEAL_NAME } from '../journey/deals.js';
import { factsMatch, type ListingFacts, rolesKey } from '../journey/listing-facts.js';
import type { AccountSummary, Stage } from '../model/account.js';
import { indexedAccounts, inFolderOrder } from '../store/listing-index.js';
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
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== false);
  const today = new Date().toISOString().slice(0, 10);
  const shows = (facts: ListingFacts) =>
    !filtered ||
    ((!filters.stage || facts.summary.stage === filters.stage) && factsMatch(facts, filters, today));
  // Accounts come from the index shard by shard: gathered, then put back in folder order.
  const list: { order: number; summary: AccountSummary }[] = [];
  const warned: { order: number; problems: string[]; recordProblems: string[] }[] = [];
  for await (const a of indexedAccounts(home, roles)) {
    if (a.problems.length > 0 || a.recordProblems.length > 0) warned.push(a);
    if (a.facts && shows(a.facts)) list.push({ order: a.order, summary: a.facts.summary });
  }
  // Folders' problems (sorted in each) first, then the records' ones, as ever.
  for (const a of inFolderOrder(warned)) {
    for (const problem of [...a.problems].sort()) output.err(`warning: ${safeText(problem)}`);
  }
  for (const a of warned) {
    for (const problem of a.recordProblems) output.err(`warning: ${safeText(problem)}`);
  }
  const shown = inFolderOrder(list)
    .map((a) => a.summary)
    .sort(byRecentContact);
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
