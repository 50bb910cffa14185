// What an account brings to a new session: its previous answers and the facts about it so far.

import type { ConditionContext } from '../bank/conditions.js';
import type { AccountFacts, Stage } from '../model/account.js';
import type { AnswerValue } from '../model/answer.js';
import type { AccountRecord, Lost, Won } from '../model/records.js';
import type { Entry, Session } from '../model/session.js';
import { type FlagView, openFlagsOf, withRaisedFlags } from './flags.js';

/** The answers a rule read when it fired, by question id. */
export type Basis = Readonly<Record<string, AnswerValue>>;

export interface Background extends Omit<ConditionContext, 'answers' | 'heard'> {
  /**
   * For each rule that fired in an earlier session, the answers it read the last time (null when it
   * fired before journey kept them): a rule fires again only once they change.
   */
  fired?: ReadonlyMap<string, Basis | null> | undefined;
  /** The account's loop-back flags still open before this session. */
  open?: readonly FlagView[] | undefined;
  /** When each question was last answered before this session. */
  answeredAt?: Readonly<Record<string, string>> | undefined;
  /** Every move of a tracked answer recorded before this session (the problem's history). */
  moves?: readonly ProblemMove[] | undefined;
}

/** A tracked answer that moved, and when. */
export interface ProblemMove {
  question: string;
  at: string;
}

/** Moves of tracked answers a session recorded: Knowledge-loop shifts and shift flags elsewhere. */
export function movesIn(session: Pick<Session, 'shifts' | 'flags'>): ProblemMove[] {
  return [
    ...session.shifts.map((s) => ({ question: s.question, at: s.at })),
    ...session.flags.flatMap((f) =>
      f.rule === 'shift' && f.evidence[0] ? [{ question: f.evidence[0].question, at: f.at }] : [],
    ),
  ];
}

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
  const close = latestClose(records);
  const firstResults = earlier.find((s) => s.loop === 'results');
  const since = close?.kind === 'won' ? close.on : firstResults?.started.slice(0, 10);
  return {
    previous: latestAnswers(earlier),
    history: answerHistory(earlier),
    answeredAt: answeredAt(earlier),
    // Loop-backs a merged history raised count as fired and moved, like the session's own.
    moves: withRaisedFlags(earlier, records).flatMap(movesIn),
    contacts: earlier.flatMap((s) => (s.contact ? [s.contact] : [])),
    today: now.toISOString().slice(0, 10),
    ...(since ? { since } : {}),
    account: facts,
    fired: firedRules(withRaisedFlags(earlier, records)),
    open: openFlagsOf({ sessions: earlier, records }),
  };
}

/** When each question was last answered across these sessions. */
function answeredAt(sessions: readonly Session[]): Record<string, string> {
  const at: Record<string, string> = {};
  for (const e of sessions.flatMap(allEntries)) {
    if (e.answer !== undefined && (at[e.question] ?? '') < e.at) at[e.question] = e.at;
  }
  return at;
}

/** Every answer to each question id across these sessions, oldest first. */
export function answerHistory(sessions: readonly Session[]): Record<string, AnswerValue[]> {
  const entries = sessions.flatMap(allEntries).filter((e) => e.answer !== undefined);
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const history: Record<string, AnswerValue[]> = {};
  for (const e of entries)
    if (e.answer !== undefined) history[e.question] = [...(history[e.question] ?? []), e.answer];
  return history;
}

/** The latest basis each rule fired with, across these sessions (oldest first). */
export function firedRules(sessions: readonly Session[]): Map<string, Basis | null> {
  const fired = new Map<string, Basis | null>();
  for (const session of sessions) {
    for (const item of [...session.tips, ...session.flags].sort((a, b) => (a.at < b.at ? -1 : 1))) {
      fired.set(item.rule, item.basis ?? null);
    }
  }
  return fired;
}
