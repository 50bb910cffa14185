// What listings need of an account (`accounts` and its filters, `flags`, `due`), worked out once from
// its whole history and kept in the session index, so a listing over thousands of accounts opens no
// session file while nothing changed. Pure: the store decides when the facts are stale.
import type { Account, AccountSummary } from '../model/account.js';
import { hash64 } from '../model/text-hash.js';
import { repMatches } from './account-filters.js';
import { lastBankOf } from './bank-in-use.js';
import { dealLabel, dealsOf, flagsByDeal } from './deals.js';
import { type DueFact, dueFact, dueOn } from './due.js';
import type { FlagView } from './flags.js';
import { summariseAccount, summariseSession } from './listing.js';
import type { RoleIndex } from './roles.js';

export interface ListingFacts {
  summary: AccountSummary;
  /** The reps named by its sessions, each once, in the order first seen. */
  reps: string[];
  /** The bank its latest Knowledge session used (what `flags` shows revisit questions from). */
  knowledgeBank: string | null;
  /** Every loop-back flag, deal by deal (flagsByDeal), without the revisit questions' wording. */
  flags: FlagView[];
  /** Each customer deal's check-in, worked out with the role index of that key (see rolesKey). */
  due?: { roles: string; deals: DueFact[] } | undefined;
}

/**
 * A role index as a key: facts worked out with another one are worked out again. A 64-bit hash of
 * it, not the index itself: every account of the listing index keeps it (a few hundred bytes each).
 */
export function rolesKey(roles: RoleIndex): string {
  return hash64(JSON.stringify([...roles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** An account's listing facts; undefined for an account without a session. */
export function listingFacts(
  slug: string,
  account: Account,
  roles?: { key: string; index: RoleIndex },
): ListingFacts | undefined {
  const summary = summariseAccount(slug, account.sessions.map(summariseSession), account.records);
  if (!summary) return undefined;
  const reps = [...new Set(account.sessions.flatMap((s) => (s.rep ? [s.rep] : [])))];
  return {
    summary,
    reps,
    knowledgeBank: lastBankOf(account.sessions, 'knowledge'),
    flags: flagsByDeal(account),
    ...(roles ? { due: { roles: roles.key, deals: dueFacts(account, roles.index) } } : {}),
  };
}

/** The check-in of each customer deal (one item per deal, as `journey due` lists them). */
export function dueFacts(account: Account, roles: RoleIndex | undefined): DueFact[] {
  const deals = dealsOf(account);
  return deals.flatMap(
    (d) =>
      dueFact({
        account: account.name,
        deal: dealLabel(d, deals.length) || undefined,
        sessions: d.sessions,
        records: d.records,
        roles,
      }) ?? [],
  );
}

/** historyMatches (journey/account-filters.ts) from the facts: the same answer without the sessions. */
export function factsMatch(
  facts: ListingFacts,
  filters: { openFlags?: boolean | undefined; due?: boolean | undefined; rep?: string | undefined },
  today: string,
): boolean {
  const typed = filters.rep;
  if (typed !== undefined && !facts.reps.some((rep) => repMatches(rep, typed))) return false;
  if (filters.openFlags && !facts.flags.some((v) => v.status === 'open')) return false;
  if (filters.due && !(facts.due?.deals ?? []).some((d) => dueOn(d, today).overdueDays >= 0)) return false;
  return true;
}
