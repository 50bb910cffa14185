// Conflicting closes and names in a merged history: two reps closing one deal differently, or
// spelling an account or a deal differently. Reported with the rule journey applies, when the pull
// brought the disagreement.
import type { Account } from '../model/account.js';
import type { AccountRecord, Lost, Won } from '../model/records.js';
import { latestClose } from './background.js';
import { parseCadence } from './cadence.js';
import { type Deal, dealKey, dealLabel } from './deals.js';

/** What the conflicts are read from: the merged account, what arrived, and what this clone is sending. */
export interface ConflictInput {
  account: Account;
  arrived: { sessions: readonly string[]; records: readonly AccountRecord[] };
  local?: { records: readonly AccountRecord[] } | undefined;
}

/** A close (won or lost) as a conflict report names it. */
export interface CloseRef {
  kind: 'won' | 'lost';
  on: string;
  /** A won's cadence, as recorded. */
  every?: string | undefined;
  at: string;
  rep: string | null;
  arrived: boolean;
}

export type MergeConflict =
  | {
      /** Won and lost records of one deal that disagree: the one recorded last (its `at`) decides. */
      kind: 'close';
      deal: string | null;
      closes: CloseRef[];
      rule: 'latest_close';
      applied: CloseRef;
    }
  | {
      /** Sessions that spell the account differently: lists and briefings show the newest session's. */
      kind: 'account_name';
      spellings: { name: string; sessions: number; arrived: boolean }[];
      rule: 'newest_session';
      applied: string;
    }
  | {
      /** Sessions and records that spell one deal differently: journey shows it as first written. */
      kind: 'deal_name';
      spellings: { name: string; sessions: number; arrived: boolean }[];
      rule: 'first_written';
      applied: string;
    };

export function conflictsOf(input: ConflictInput, deals: readonly Deal[]): MergeConflict[] {
  const arrived = new Set(input.arrived.sessions);
  const conflicts: MergeConflict[] = [];
  const names = spellings(
    input.account.sessions.map((s) => ({ name: s.account, arrived: arrived.has(s.id), session: true })),
  );
  const newest = input.account.sessions.at(-1)?.account;
  if (names && newest !== undefined) {
    conflicts.push({ kind: 'account_name', spellings: names, rule: 'newest_session', applied: newest });
  }
  for (const deal of deals) {
    const label = dealLabel(deal, deals.length) || null;
    const close = closeConflict(input, deal, label);
    if (close) conflicts.push(close);
    if (deal.key === dealKey(undefined)) continue;
    const dealNames = spellings([
      ...deal.sessions.flatMap((s) =>
        s.deal ? [{ name: s.deal, arrived: arrived.has(s.id), session: true }] : [],
      ),
      ...deal.records.flatMap((r) =>
        r.kind !== 'flag_resolved' && r.deal
          ? [{ name: r.deal, arrived: input.arrived.records.includes(r), session: false }]
          : [],
      ),
    ]);
    if (dealNames)
      conflicts.push({ kind: 'deal_name', spellings: dealNames, rule: 'first_written', applied: deal.deal });
  }
  return conflicts;
}

/**
 * The spellings of one name, when they differ because of the pull: a spelling arrived that no file
 * here had (nothing when every file spells it alike, or when the difference was there before).
 */
function spellings(
  uses: readonly { name: string; arrived: boolean; session: boolean }[],
): { name: string; sessions: number; arrived: boolean }[] | undefined {
  const byName = new Map<string, { name: string; sessions: number; arrived: boolean }>();
  for (const use of uses) {
    const found = byName.get(use.name) ?? { name: use.name, sessions: 0, arrived: false };
    found.sessions += use.session ? 1 : 0;
    found.arrived ||= use.arrived;
    byName.set(use.name, found);
  }
  const all = [...byName.values()];
  const here = new Set(uses.filter((u) => !u.arrived).map((u) => u.name));
  const brought = uses.some((u) => u.arrived && !here.has(u.name));
  return all.length >= 2 && brought ? all : undefined;
}

/**
 * Closes of one deal that disagree (a won and a lost; two wons with other dates or cadences), one of
 * them arrived, recorded independently: the other one is this clone's own unpushed record, or the
 * close next to it in time, by another rep (so the rep whose close was shared first hears of it too).
 */
const DAY_MS = 24 * 60 * 60 * 1000;

function closeConflict(input: ConflictInput, deal: Deal, label: string | null): MergeConflict | undefined {
  const closes = deal.records
    .filter((r): r is Won | Lost => r.kind === 'won' || r.kind === 'lost')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const arrived = (r: Won | Lost) => input.arrived.records.includes(r);
  const local = input.local?.records;
  const involved = new Set<Won | Lost>();
  closes.forEach((a, i) => {
    if (!arrived(a)) return;
    // This clone's own unpushed close was made apart from it. So, most likely, was the close next to
    // it in time by another rep: when this clone's part is known, only one made within a day (two
    // reps closing the same deal, one of them before the other's sync); a later one is a change.
    const independent = (b: Won | Lost, adjacent: boolean) => {
      if (!arrived(b) && local?.includes(b)) return true;
      const apart = a.rep === undefined || b.rep === undefined || a.rep !== b.rep;
      const near = !local || Math.abs(Date.parse(a.at) - Date.parse(b.at)) <= DAY_MS;
      return adjacent && apart && near;
    };
    closes.forEach((b, j) => {
      if (b === a || !disagree(a, b) || !independent(b, Math.abs(i - j) === 1)) return;
      involved.add(a);
      involved.add(b);
    });
  });
  if (involved.size === 0) return undefined;
  const applied = latestClose(closes) as Won | Lost;
  const ref = (r: Won | Lost): CloseRef => ({
    kind: r.kind,
    on: r.on,
    ...(r.kind === 'won' ? { every: r.every } : {}),
    at: r.at,
    rep: r.rep ?? null,
    arrived: arrived(r),
  });
  return {
    kind: 'close',
    deal: label,
    closes: closes.filter((r) => involved.has(r)).map(ref),
    rule: 'latest_close',
    applied: ref(applied),
  };
}

function disagree(a: Won | Lost, b: Won | Lost): boolean {
  if (a.kind !== b.kind) return true;
  if (a.kind === 'lost' || b.kind === 'lost') return false;
  return a.on !== b.on || !sameCadence(a.every, b.every);
}

function sameCadence(a: string, b: string): boolean {
  try {
    const x = parseCadence(a);
    const y = parseCadence(b);
    return x.days === y.days && x.months === y.months;
  } catch {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  }
}
