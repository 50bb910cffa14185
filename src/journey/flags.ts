// The life of a loop-back flag: raised in a session (or, for a shared data folder, by the review of
// what a pull brought, with a session as its evidence: a `flag_raised` record), then resolved by
// re-evaluating the problem on the spot, by a later Knowledge session that restates the problem, or
// by hand. Derived, never stored.
import type { AccountRecord, FlagRaised, FlagResolved } from '../model/records.js';
import type { Flag, Session } from '../model/session.js';

export type Resolution =
  | { how: 'reevaluated'; session: string; at: string }
  | { how: 'restated'; session: string; at: string }
  | { how: 'knowledge_session'; session: string; at: string }
  | { how: 'by_hand'; note?: string | undefined; at: string };

export interface FlagView {
  flag: Flag;
  account: string;
  /** The deal of the session that raised it, when the account has several (see flagsByDeal). */
  deal?: string | null | undefined;
  /** The session that raised it. */
  session: { id: string; loop: Session['loop']; started: string; deal?: string | undefined };
  status: 'open' | 'resolved';
  resolution?: Resolution | undefined;
  /** The questions to revisit as the Knowledge bank asks them, by id, when the bank is known. */
  revisitAsks?: Record<string, string> | undefined;
  /**
   * Raised by the review of a merged history (a `flag_raised` record), not by the session itself:
   * when, and by whose journey.
   */
  merged?: { at: string; rep?: string | undefined } | undefined;
}

/** The views with the Knowledge questions they would revisit, as the bank asks them. */
export function withRevisitAsks(
  views: readonly FlagView[],
  knowledge: { questions: readonly { id: string; ask: string }[] } | undefined,
): FlagView[] {
  if (!knowledge) return [...views];
  const asks = new Map(knowledge.questions.map((q) => [q.id, q.ask]));
  return views.map((view) => {
    const found = view.flag.revisit.flatMap((id) => {
      const ask = asks.get(id);
      return ask === undefined ? [] : [[id, ask] as const];
    });
    return found.length > 0 ? { ...view, revisitAsks: Object.fromEntries(found) } : view;
  });
}

/** A Knowledge session that finished with the problem statement answered: a re-evaluated problem. */
export function restatesProblem(session: Session): boolean {
  return (
    session.loop === 'knowledge' &&
    session.status === 'complete' &&
    session.entries.some((e) => e.role === 'problem_statement' && e.answer !== undefined)
  );
}

/**
 * Every flag of an account's sessions (oldest first) with its status: each session's own, then those
 * the review of a merged history raised with it as evidence (`flag_raised` records among `records`;
 * copies of one flag made by two clones count once). `records` may be the account's records, or
 * only its `flag_resolved` ones.
 */
export function flagViews(sessions: readonly Session[], records: readonly AccountRecord[]): FlagView[] {
  const resolutions = resolutionsOf(records);
  const raised = raisedFlagsBySession(records);
  // Sessions recorded before restatements were kept resolved every earlier flag when they completed.
  const restatements = sessions.filter((s) => s.resolved === undefined && restatesProblem(s));
  const labels = choiceLabels(sessions);
  return sessions.flatMap((session) => {
    const own = session.flags.map((flag) => ({ flag, merged: undefined }));
    const ids = new Set(session.flags.map((f) => f.id));
    const merged = (raised.get(session.id) ?? [])
      .filter((r) => !ids.has(r.flag.id))
      .map((r) => ({ flag: r.flag, merged: { at: r.at, ...(r.rep ? { rep: r.rep } : {}) } }));
    return [...own, ...merged].map(({ flag, merged }) => {
      const resolution = resolve(flag, session, sessions, restatements, resolutions);
      return {
        flag: labelled(flag, labels),
        account: session.account,
        session: {
          id: session.id,
          loop: session.loop,
          started: session.started,
          ...(session.deal ? { deal: session.deal } : {}),
        },
        status: resolution ? ('resolved' as const) : ('open' as const),
        ...(resolution ? { resolution } : {}),
        ...(merged ? { merged } : {}),
      };
    });
  });
}

/**
 * The `flag_raised` records by the session they name as evidence, oldest first, one per flag id:
 * every clone that reviews the same merged history raises a flag under the same id, so copies of
 * it (each clone wrote its own file) are one flag; the earliest copy speaks for it.
 */
export function raisedFlagsBySession(records: readonly AccountRecord[]): Map<string, FlagRaised[]> {
  const raised = records
    .filter((r): r is FlagRaised => r.kind === 'flag_raised')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.flag.id < b.flag.id ? -1 : 0));
  const seen = new Set<string>();
  const bySession = new Map<string, FlagRaised[]>();
  for (const record of raised) {
    if (seen.has(record.flag.id)) continue;
    seen.add(record.flag.id);
    bySession.set(record.session, [...(bySession.get(record.session) ?? []), record]);
  }
  for (const list of bySession.values()) list.sort((a, b) => (a.flag.at < b.flag.at ? -1 : 1));
  return bySession;
}

/**
 * The sessions with the flags merged-history reviews raised on them added to their own, as if each
 * session had raised them: what rules fired (a rule fires again only once its answers change) and
 * which tracked answers moved read the same for a flag either way.
 */
export function withRaisedFlags(sessions: readonly Session[], records: readonly AccountRecord[]): Session[] {
  const raised = raisedFlagsBySession(records);
  if (raised.size === 0) return [...sessions];
  return sessions.map((session) => {
    const extra = (raised.get(session.id) ?? []).filter(
      (r) => !session.flags.some((f) => f.id === r.flag.id),
    );
    return extra.length === 0
      ? session
      : { ...session, flags: [...session.flags, ...extra.map((r) => r.flag)] };
  });
}

/** Question id → choice id → label, from every entry that kept its labels. */
function choiceLabels(sessions: readonly Session[]): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const session of sessions) {
    for (const entry of [...session.entries, ...session.revisits.flatMap((r) => r.entries)]) {
      if (entry.labels) labels.set(entry.question, { ...labels.get(entry.question), ...entry.labels });
    }
  }
  return labels;
}

/**
 * A flag whose evidence names choices by id, with their labels: flags raised before evidence kept
 * labels take them from the entries that gave those answers.
 */
function labelled(flag: Flag, labels: ReadonlyMap<string, Record<string, string>>): Flag {
  if (!flag.evidence.some((e) => !e.labels && labels.has(e.question))) return flag;
  return {
    ...flag,
    evidence: flag.evidence.map((e) => {
      const known = labels.get(e.question);
      if (e.labels || !known) return e;
      const ids = [e.before, e.after].flatMap((v) =>
        typeof v === 'string' ? [v] : Array.isArray(v) ? v : [],
      );
      const found = Object.fromEntries(
        ids.filter((id) => known[id] !== undefined).map((id) => [id, known[id] as string]),
      );
      return Object.keys(found).length > 0 ? { ...e, labels: found } : e;
    }),
  };
}

function resolve(
  flag: Flag,
  session: Session,
  sessions: readonly Session[],
  restatements: readonly Session[],
  resolutions: readonly FlagResolved[],
): Resolution | undefined {
  const found: Resolution[] = [];
  if (flag.decision === 'reevaluated') {
    const revisit = session.revisits.find((r) => r.flag === flag.id);
    found.push({ how: 'reevaluated', session: session.id, at: revisit?.at ?? flag.at });
  }
  for (const s of sessions) {
    const restated = s.resolved?.find((r) => r.flag === flag.id);
    if (restated) found.push({ how: 'restated', session: s.id, at: restated.at });
  }
  const later = restatements.find((k) => k.id !== session.id && (k.completed ?? '') > flag.at);
  if (later?.completed) found.push({ how: 'knowledge_session', session: later.id, at: later.completed });
  for (const r of resolutions) {
    if (r.flag === flag.id) found.push({ how: 'by_hand', ...(r.note ? { note: r.note } : {}), at: r.at });
  }
  found.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return found[0];
}

export function openFlags(views: readonly FlagView[]): FlagView[] {
  return views.filter((v) => v.status === 'open');
}

/** What flags are derived from: an account's sessions and records. */
export interface AccountHistory {
  sessions: readonly Session[];
  records: readonly AccountRecord[];
}

/** Flags resolved by hand: the account's `flag_resolved` records. */
export function resolutionsOf(records: readonly AccountRecord[]): FlagResolved[] {
  return records.filter((r): r is FlagResolved => r.kind === 'flag_resolved');
}

/** Every loop-back flag of an account, open or resolved, oldest first (merged-history reviews' too). */
export function accountFlags(account: AccountHistory): FlagView[] {
  return flagViews(account.sessions, account.records);
}

/** The loop-back flags of an account that are still open. */
export function openFlagsOf(account: AccountHistory): FlagView[] {
  return openFlags(accountFlags(account));
}

/** Where a flag came from, in words: the rep, a tracked answer that moved, or a bank rule. */
export function flagSource(flag: Pick<Flag, 'rule'>): string {
  if (flag.rule === 'manual') return 'raised by the rep';
  if (flag.rule === 'shift') return 'a tracked answer moved';
  return `rule ${flag.rule}`;
}
