// "Previous" for a question is the newest answer to it before this one: earlier in this session
// (re-evaluations included) first, then earlier sessions. Rules, shift detection and re-asked
// questions all compare with it, so an unchanged answer never counts as new again.
import type { ConditionContext } from '../bank/conditions.js';
import type { AnswerValue } from '../model/answer.js';
import type { Entry, Session } from '../model/session.js';
import { allEntries, type Background } from './background.js';
import { answersOf } from './interview.js';

/** This session's answered entries, its own and its re-evaluations', oldest first. */
function answeredInSession(session: Session): Entry[] {
  return allEntries(session)
    .filter((e) => e.answer !== undefined)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The newest answer to `question` given before `before` (an ISO time), or at all when not given. */
export function newestAnswer(
  session: Session,
  background: Background,
  question: string,
  before?: string,
): AnswerValue | undefined {
  const inSession = answeredInSession(session).filter(
    (e) => e.question === question && (before === undefined || e.at < before),
  );
  return inSession.at(-1)?.answer ?? background.previous[question];
}

/**
 * What conditions read during a session: its answers, and for each question the newest answer
 * before the current one (for a question this session has not asked, the newest one at all).
 */
export function conditionContext(session: Session, background: Background): ConditionContext {
  const answers = answersOf(session);
  const previous: Record<string, AnswerValue> = { ...background.previous };
  const current = new Map(session.entries.filter((e) => e.answer !== undefined).map((e) => [e.question, e]));
  for (const e of answeredInSession(session)) {
    const mine = current.get(e.question);
    if (mine === e) continue;
    if (mine && e.at >= mine.at) continue;
    if (e.answer !== undefined) previous[e.question] = e.answer;
  }
  // In-session answers before the current one join the history (a re-evaluation's, say).
  const history: Record<string, AnswerValue[]> = {};
  for (const [id, list] of Object.entries(background.history ?? {})) history[id] = [...list];
  for (const e of answeredInSession(session)) {
    const mine = current.get(e.question);
    if (mine === e || (mine && e.at >= mine.at) || e.answer === undefined) continue;
    history[e.question] = [...(history[e.question] ?? []), e.answer];
  }
  return {
    answers,
    previous,
    account: background.account,
    heard: heardIn(session),
    history,
    contacts: [...(background.contacts ?? []), ...(session.contact ? [session.contact] : [])],
    today: background.today,
    since: background.since,
  };
}

/** Cue ids the rep ticked, by question id. */
export function heardIn(session: Pick<Session, 'entries'>): Record<string, string[]> {
  const heard: Record<string, string[]> = {};
  for (const e of session.entries) if (e.heard && e.heard.length > 0) heard[e.question] = e.heard;
  return heard;
}
