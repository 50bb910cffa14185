// The problem statement's history: every version the prospect agreed to, oldest first, and how the
// problem's definition moved along the way.
import type { AnswerValue } from '../model/answer.js';
import { sameAnswer } from '../model/compare.js';
import type { Session } from '../model/session.js';
import { allEntries } from './background.js';

export interface StatementVersion {
  text: string;
  at: string;
  session: string;
}

export interface ProblemChange {
  question: string;
  ask: string;
  before: AnswerValue;
  after: AnswerValue;
  at: string;
  session: string;
}

/** Versions of the problem statement; a re-typed statement that says the same is not a new version. */
export function statementHistory(sessions: readonly Session[]): StatementVersion[] {
  const versions: StatementVersion[] = [];
  const candidates = sessions.flatMap((s) =>
    allEntries(s)
      .filter((e) => e.role === 'problem_statement' && typeof e.answer === 'string')
      .map((e) => ({ text: e.answer as string, at: e.at, session: s.id })),
  );
  candidates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const c of candidates) {
    const last = versions.at(-1);
    if (last && sameAnswer(last.text, c.text)) continue;
    versions.push(c);
  }
  return versions;
}

/** Shifts recorded while re-evaluating the problem, oldest first. */
export function problemChanges(sessions: readonly Session[]): ProblemChange[] {
  return sessions
    .flatMap((s) => s.shifts.map((shift) => ({ ...shift, session: s.id })))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
