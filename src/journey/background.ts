// What an account brings to a new session: its previous answers and the facts about it so far.

import type { ConditionContext } from '../bank/conditions.js';
import type { AccountFacts, Stage } from '../model/account.js';
import type { AnswerValue } from '../model/answer.js';
import type { AccountRecord, Lost, Won } from '../model/records.js';
import type { Entry, Session } from '../model/session.js';

export type Background = Omit<ConditionContext, 'answers'>;

export const NO_BACKGROUND: Background = {
  previous: {},
  account: { loops: [], sessions: 0, days_since_last_contact: -1, stage: 'prospect' },
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every answered entry of a session, its own and those given while re-evaluating the problem. */
export function allEntries(session: Session): Entry[] {
  return [...session.entries, ...session.revisits.flatMap((r) => r.entries)];
}

/** The latest answer to each question id across these sessions, whatever the bank. */
export function latestAnswers(sessions: readonly Session[]): Record<string, AnswerValue> {
  const entries = sessions.flatMap(allEntries).filter((e) => e.answer !== undefined);
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const latest: Record<string, AnswerValue> = {};
  for (const e of entries) if (e.answer !== undefined) latest[e.question] = e.answer;
  return latest;
}

/**
 * Where the account stands: the latest close (won or lost) decides; without one, an account with
 * Results-loop sessions is a customer, any other a prospect.
 */
export function stageOf(
  sessions: readonly Pick<Session, 'loop'>[],
  records: readonly AccountRecord[] = [],
): Stage {
  const close = latestClose(records);
  if (close) return close.kind === 'won' ? 'customer' : 'lost';
  return sessions.some((s) => s.loop === 'results') ? 'customer' : 'prospect';
}

/** The latest won or lost record: a later call re-opens or changes the cadence without rewriting history. */
export function latestClose(records: readonly AccountRecord[]): Won | Lost | undefined {
  const closes = records.filter((r): r is Won | Lost => r.kind === 'won' || r.kind === 'lost');
  return closes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).at(-1);
}

/** The background for a session, from the account's other (earlier) sessions. */
export function backgroundFor(
  earlier: readonly Session[],
  now: Date,
  records: readonly AccountRecord[] = [],
): Background {
  const last = earlier.at(-1);
  const facts: AccountFacts = {
    loops: earlier.map((s) => s.loop),
    sessions: earlier.length,
    days_since_last_contact: last
      ? Math.max(0, Math.floor((now.getTime() - Date.parse(last.updated)) / DAY_MS))
      : -1,
    stage: stageOf(earlier, records),
  };
  return { previous: latestAnswers(earlier), account: facts };
}
