// Restating the problem resolves the loop-back flags it answers: every open flag of the account whose
// revisit questions were all answered again in this session (after the flag was raised, for a flag of
// this very session), once the problem statement itself was restated. The session records which.
import type { Flag, Session } from '../model/session.js';
import { allEntries, type Background } from './background.js';

/** The flags this session's restatement resolves that it has not recorded yet. */
export function flagsRestated(session: Session, background: Background): Flag[] {
  const answered = allEntries(session).filter((e) => e.answer !== undefined);
  const restatedAt = answered.filter((e) => e.role === 'problem_statement').map((e) => e.at);
  if (restatedAt.length === 0) return [];
  const done = new Set((session.resolved ?? []).map((r) => r.flag));
  const earlier = (background.open ?? []).map((v) => v.flag);
  const mine = session.flags.filter((f) => f.decision === 'deferred');
  const answeredSince = (id: string, since: string) =>
    answered.some((e) => e.question === id && e.at >= since);
  return [
    ...earlier.filter((f) => f.revisit.every((id) => answeredSince(id, ''))),
    ...mine.filter(
      (f) => restatedAt.some((at) => at >= f.at) && f.revisit.every((id) => answeredSince(id, f.at)),
    ),
  ].filter((f) => !done.has(f.id));
}

export function recordRestatement(session: Session, flags: readonly Flag[], now: Date): Session {
  if (flags.length === 0) return session;
  const at = now.toISOString();
  return {
    ...session,
    resolved: [
      ...(session.resolved ?? []),
      ...flags.map((f) => ({ flag: f.id, how: 'restated' as const, at })),
    ],
    updated: at,
  };
}
