// "Previous" for a question is the newest answer to it before this one: earlier in this session
// (re-evaluations included) first, then earlier sessions. Rules, shift detection and re-asked
// questions all compare with it, so an unchanged answer never counts as new again.
import type { ConditionContext } from '../bank/conditions.js';
import type { AnswerValue } from '../model/answer.js';
import type { Entry, Session } from '../model/session.js';
import { allEntries, type Background } from './background.js';
import { answersOf, type OpenQuestions } from './interview.js';

/** This session's answered entries, its own and its re-evaluations', oldest first. */
function answeredInSession(session: Session): Entry[] {
  return allEntries(session)
    .filter((e) => e.answer !== undefined)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The newest answer to `question` given before `before` (an ISO time), or at all when not given.
 * With the run's open questions, the session's own entry is looked up rather than searched for.
 */
export function newestAnswer(
  session: Session,
  background: Background,
  question: string,
  before?: string,
  open?: OpenQuestions,
): AnswerValue | undefined {
  // The last of the session's answers in time order (entries before re-evaluations on a tie).
  let newest: Entry | undefined;
  const consider = (e: Entry | undefined) => {
    if (!e || e.question !== question || e.answer === undefined) return;
    if (before !== undefined && !(e.at < before)) return;
    if (!newest || !(e.at < newest.at)) newest = e;
  };
  if (open) {
    open.sync(session);
    for (const e of open.entriesOf(question)) consider(e);
  } else {
    for (const e of session.entries) consider(e);
  }
  for (const r of session.revisits) for (const e of r.entries) consider(e);
  return newest?.answer ?? background.previous[question];
}

/**
 * What conditions read during a session: its answers, and for each question the newest answer
 * before the current one (for a question this session has not asked, the newest one at all).
 */
export function conditionContext(
  session: Session,
  background: Background,
  open?: OpenQuestions,
): ConditionContext {
  if (open) return trackedContext(session, background, open);
  const answers = answersOf(session);
  const current = new Map(session.entries.filter((e) => e.answer !== undefined).map((e) => [e.question, e]));
  const { previous, history } = earlierInSession(session, background, (id) => current.get(id));
  return {
    answers,
    previous,
    account: background.account,
    heard: heardIn(session),
    history,
    contacts: contactsOf(session, background),
    today: background.today,
    since: background.since,
  };
}

/** Earlier answers with this session's own before the current ones (`current`: a question's last answered entry). */
function earlierInSession(
  session: Session,
  background: Background,
  current: (id: string) => Entry | undefined,
): { previous: Record<string, AnswerValue>; history: Record<string, AnswerValue[]> } {
  const previous: Record<string, AnswerValue> = { ...background.previous };
  const history: Record<string, AnswerValue[]> = {};
  for (const [id, list] of Object.entries(background.history ?? {})) history[id] = [...list];
  const mineOf = new Map<string, Entry | undefined>();
  const mine = (id: string) => {
    if (!mineOf.has(id)) mineOf.set(id, current(id));
    return mineOf.get(id);
  };
  for (const e of answeredInSession(session)) {
    const now = mine(e.question);
    if (now === e || (now && e.at >= now.at) || e.answer === undefined) continue;
    previous[e.question] = e.answer;
    // In-session answers before the current one join the history (a re-evaluation's, say).
    history[e.question] = [...(history[e.question] ?? []), e.answer];
  }
  return { previous, history };
}

/** The context of a run, built from what its open questions keep and reused while nothing it holds changed. */
const tracked = new WeakMap<OpenQuestions, { key: unknown[]; context: ConditionContext }>();

function trackedContext(session: Session, background: Background, open: OpenQuestions): ConditionContext {
  open.sync(session);
  // With one entry per question, only answers given while re-evaluating can precede a current one.
  const revisited = session.revisits.some((r) => r.entries.some((e) => e.answer !== undefined));
  const questions = revisited
    ? [...new Set(session.revisits.flatMap((r) => r.entries.map((e) => e.question)))]
    : [];
  const currentOf = (id: string) => open.entriesOf(id).findLast((e) => e.answer !== undefined);
  const key = [background, session.revisits, session.contact, ...questions.map(currentOf)];
  const last = tracked.get(open);
  if (
    !open.hasDuplicates &&
    last &&
    last.key.length === key.length &&
    last.key.every((v, i) => v === key[i])
  ) {
    return { ...last.context, answers: open.answers, heard: open.heard.cues };
  }
  const { previous, history } =
    revisited || open.hasDuplicates
      ? earlierInSession(session, background, currentOf)
      : { previous: background.previous, history: background.history ?? {} };
  const context: ConditionContext = {
    answers: open.answers,
    previous,
    account: background.account,
    heard: open.heard.cues,
    history,
    contacts: contactsOf(session, background),
    today: background.today,
    since: background.since,
  };
  tracked.set(open, { key, context });
  return context;
}

function contactsOf(session: Session, background: Background): string[] {
  return [...(background.contacts ?? []), ...(session.contact ? [session.contact] : [])];
}

/** Cue ids the rep ticked, by question id. */
export function heardIn(session: Pick<Session, 'entries'>): Record<string, string[]> {
  const heard: Record<string, string[]> = {};
  for (const e of session.entries) if (e.heard && e.heard.length > 0) heard[e.question] = e.heard;
  return heard;
}
