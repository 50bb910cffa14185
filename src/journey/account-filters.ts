// Which accounts a listing keeps: by stage (from the session summaries alone), and by what only whole
// sessions tell: an open loop-back flag, a Results check-in due, a rep who ran one of its sessions.
// Filters combine with AND. Pure: the command reads the accounts and passes today in.
import type { Account, Stage } from '../model/account.js';
import { dealLabel, dealsOf, flagsByDeal } from './deals.js';
import { dueItem } from './due.js';
import type { RoleIndex } from './roles.js';
import { foldText } from './search.js';

export interface AccountFilters {
  stage?: Stage | undefined;
  /** At least one open loop-back flag. */
  openFlags?: boolean | undefined;
  /** A Results-loop check-in due today or overdue. */
  due?: boolean | undefined;
  /** A session run by this rep. */
  rep?: string | undefined;
}

/** Whether any filter needs the accounts' whole sessions (not only their summaries). */
export function needsSessions(filters: AccountFilters): boolean {
  return !!filters.openFlags || !!filters.due || filters.rep !== undefined;
}

/** The filters in words, for "no account matches …". */
export function describeFilters(filters: AccountFilters): string {
  return [
    filters.stage ? `stage ${filters.stage}` : '',
    filters.openFlags ? 'open loop-back flags' : '',
    filters.due ? 'a check-in due' : '',
    filters.rep !== undefined ? `rep "${filters.rep}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Whether a session's `rep:` is the rep typed: case and accents aside, every typed word begins a word
 * of the name ("dana", "Dana Ruiz" and "ruiz" all find "Dana Ruiz"; "dan" does not find "Jordan").
 */
export function repMatches(rep: string | undefined, typed: string): boolean {
  if (!rep) return false;
  const names = foldText(rep)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const wanted = foldText(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (wanted.length === 0) return false;
  return wanted.every((w) => names.some((n) => n.startsWith(w)));
}

/** Whether an account (its whole history) passes the filters that need sessions. */
export function historyMatches(
  account: Account,
  filters: AccountFilters,
  today: string,
  roles?: RoleIndex,
): boolean {
  if (filters.rep !== undefined) {
    const typed = filters.rep;
    if (!account.sessions.some((s) => repMatches(s.rep, typed))) return false;
  }
  if (filters.openFlags && !flagsByDeal(account).some((v) => v.status === 'open')) return false;
  if (filters.due) {
    const deals = dealsOf(account);
    const due = deals.some((d) => {
      const item = dueItem(
        { account: account.name, deal: dealLabel(d, deals.length) || undefined, ...pick(d), roles },
        today,
      );
      return item !== undefined && item.overdueDays >= 0;
    });
    if (!due) return false;
  }
  return true;
}

const pick = (d: Account) => ({ sessions: d.sessions, records: d.records });
