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
  // Accounts come from the index shard by shard: gathered, then put back in folder order. A table
  // keeps each account's cells alone, not its summary: a folder of 5,000 accounts holds 5,000 rows.
  const list: { order: number; summary: AccountSummary }[] = [];
  const rows: Row[] = [];
  const warned: { order: number; problems: string[]; recordProblems: string[] }[] = [];
  for await (const a of indexedAccounts(home, roles)) {
    if (a.problems.length > 0 || a.recordProblems.length > 0) warned.push(a);
    if (!a.facts || !shows(a.facts)) continue;
    if (options.json) list.push({ order: a.order, summary: a.facts.summary });
    else rows.push(rowOf(a.order, a.facts.summary));
  }
  // Folders' problems (sorted in each) first, then the records' ones, as ever.
  for (const a of inFolderOrder(warned)) {
    for (const problem of [...a.problems].sort()) output.err(`warning: ${safeText(problem)}`);
  }
  for (const a of warned) {
    for (const problem of a.recordProblems) output.err(`warning: ${safeText(problem)}`);
  }
  if (options.json) {
    output.json(
      inFolderOrder(list)
        .map((a) => a.summary)
        .sort(byRecentContact),
    );
    return;
  }
  if (rows.length === 0) {
    if (filtered) {
      const { describeFilters } = await import('../journey/account-filters.js');
      output.out(`No account matches: ${safeText(describeFilters(filters))}.`);
    } else {
      output.out(`No accounts yet in ${safeText(home)}. Start one with: journey start "<account name>"`);
    }
    return;
  }
  const shown = inFolderOrder(rows).sort(byRecentContact);
  // The name is the one cell of the table a person typed.
  await (await import('../ui/layout.js')).widthsReady(shown.map((r) => r.name));
  const { renderTable } = await import('../ui/render.js');
  output.out(
    renderTable({
      head: ['ACCOUNT', 'STAGE', 'DEALS', 'LAST LOOP', 'SESSIONS', 'LAST CONTACT', 'UNFINISHED'],
      rows: shown.map((r) => r.cells),
    }),
  );
}

/** An account's row of the table, with what it is ordered by. */
interface Row {
  order: number;
  name: string;
  lastContact: string | null;
  cells: string[];
}

function rowOf(order: number, a: AccountSummary): Row {
  const cells = [
    a.name,
    a.stage,
    dealsCell(a),
    a.lastLoop ?? '-',
    String(a.sessions),
    a.lastContact ?? '-',
    a.unfinished > 0 ? String(a.unfinished) : '-',
  ];
  return { order, name: a.name, lastContact: a.lastContact, cells };
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

type Sorted = Pick<AccountSummary, 'name' | 'lastContact'>;

/** Most recent contact first, then by name (plain comparison: localeCompare costs milliseconds here). */
function byRecentContact(a: Sorted, b: Sorted): number {
  const ka = a.lastContact ?? '';
  const kb = b.lastContact ?? '';
  if (ka !== kb) return ka < kb ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
