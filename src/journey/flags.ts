// The life of a loop-back flag: raised in a session, then resolved by re-evaluating the problem on
// the spot, by a later Knowledge session that restates the problem, or by hand. Derived, never stored.
import type { AccountRecord, FlagResolved } from '../model/records.js';
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

/** Every flag of an account's sessions (oldest first) with its status. */
export function flagViews(sessions: readonly Session[], resolutions: readonly FlagResolved[]): FlagView[] {
  // Sessions recorded before restatements were kept resolved every earlier flag when they completed.
  const restatements = sessions.filter((s) => s.resolved === undefined && restatesProblem(s));
  const labels = choiceLabels(sessions);
  return sessions.flatMap((session) =>
    session.flags.map((flag) => {
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
      };
    }),
  );
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

/** Every loop-back flag of an account, open or resolved, oldest first. */
export function accountFlags(account: AccountHistory): FlagView[] {
  return flagViews(account.sessions, resolutionsOf(account.records));
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
