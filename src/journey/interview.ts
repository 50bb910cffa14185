// The interview's rules as pure steps over a session: which question comes next, and how answers,
// skips and notes change the record. The runner drives these; it holds no rules of its own.

import type { QuestionBank } from '../bank/bank.js';
import { ConditionRuntimeError } from '../bank/conditions.js';
import { type AnswerValue, isMeasureValue, type MeasureValue } from '../model/answer.js';
import { measureState } from '../model/measures.js';
import type { Question } from '../model/question.js';
import type { Entry, Session } from '../model/session.js';
import { type Background, NO_BACKGROUND } from './background.js';

/** The answers given so far, by question id (skipped questions have none). */
export function answersOf(session: Pick<Session, 'entries'>): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const e of session.entries) if (e.answer !== undefined) answers[e.question] = e.answer;
  return answers;
}

/**
 * A question is open when its `when` holds and, for a follow-up, its parent was answered (not skipped)
 * and is itself open.
 */
export function isOpen(
  bank: QuestionBank,
  q: Question,
  answers: Record<string, AnswerValue>,
  background: Background = NO_BACKGROUND,
  onError?: (error: ConditionRuntimeError) => void,
): boolean {
  if (q.parent !== undefined) {
    if (answers[q.parent] === undefined) return false;
    const parent = bank.byId.get(q.parent);
    if (parent && !isOpen(bank, parent, answers, background, onError)) return false;
  }
  const condition = bank.conditions.get(q.id);
  if (!condition) return true;
  try {
    return condition({ ...background, answers });
  } catch (error) {
    // A condition that fails at run time does not hold; the runner records why (onError).
    if (!(error instanceof ConditionRuntimeError)) throw error;
    onError?.(error);
    return false;
  }
}

/** The first open question, in bank order, not yet answered or skipped; undefined when done. */
export function nextQuestion(
  bank: QuestionBank,
  session: Session,
  background: Background = NO_BACKGROUND,
  onError?: (error: ConditionRuntimeError) => void,
): Question | undefined {
  const answers = answersOf(session);
  const done = new Set(session.entries.map((e) => e.question));
  return bank.all.find((q) => !done.has(q.id) && isOpen(bank, q, answers, background, onError));
}

/** The question asked before `current` (or before the next new one, when `current` is undefined). */
export function questionBefore(session: Session, current: string | undefined): string | undefined {
  const index =
    current === undefined ? session.entries.length : session.entries.findIndex((e) => e.question === current);
  return index > 0 ? session.entries[index - 1]?.question : undefined;
}

export function entryFor(session: Session, questionId: string): Entry | undefined {
  return session.entries.find((e) => e.question === questionId);
}

function touch(session: Session, now: Date, entries: Entry[]): Session {
  return { ...session, entries, updated: now.toISOString() };
}

function entryBase(q: Question): Pick<Entry, 'question' | 'ask' | 'type' | 'unit' | 'role' | 'tracks'> {
  return {
    question: q.id,
    ask: q.ask,
    type: q.type,
    ...(q.unit ? { unit: q.unit } : {}),
    ...(q.role ? { role: q.role } : {}),
    ...(q.tracks ? { tracks: q.tracks } : {}),
  };
}

/** An entry for an answer (or a skip, when value is undefined), as recorded in a session. */
export function makeEntry(
  q: Question,
  value: AnswerValue | undefined,
  now: Date,
  heard: readonly string[] = [],
): Entry {
  if (value === undefined) return { ...entryBase(q), skipped: true, at: now.toISOString() };
  const labels = labelsFor(q, value);
  return {
    ...entryBase(q),
    ...(labels ? { labels } : {}),
    answer: value,
    ...(heard.length > 0 ? { heard: [...heard] } : {}),
    at: now.toISOString(),
  };
}

function labelsFor(q: Question, value: AnswerValue): Record<string, string> | undefined {
  if (q.type !== 'choice' && q.type !== 'multi') return undefined;
  const picked = Array.isArray(value) ? value : [String(value)];
  const labels: Record<string, string> = {};
  for (const c of q.choices) if (picked.includes(c.id) && c.label !== c.id) labels[c.id] = c.label;
  return Object.keys(labels).length > 0 ? labels : undefined;
}

/**
 * Records (or replaces) an answer, or a skip when value is undefined, then drops answers to
 * questions that no longer apply.
 */
export function recordAnswer(
  bank: QuestionBank,
  session: Session,
  q: Question,
  value: AnswerValue | undefined,
  now: Date,
  background: Background = NO_BACKGROUND,
  heard: readonly string[] = [],
): Session {
  const entries = replaceEntry(session.entries, makeEntry(q, value, now, heard));
  return dropClosed(bank, touch(session, now, entries), background);
}

export function replaceEntry(entries: readonly Entry[], entry: Entry): Entry[] {
  const index = entries.findIndex((e) => e.question === entry.question);
  if (index < 0) return [...entries, entry];
  return entries.map((e, i) => (i === index ? entry : e));
}

/** After a rep goes back and changes an answer, follow-ups that no longer apply leave the record. */
function dropClosed(bank: QuestionBank, session: Session, background: Background): Session {
  const { byId } = bank;
  let entries = session.entries;
  for (;;) {
    const answers = answersOf({ entries });
    const kept = entries.filter((e) => {
      const q = byId.get(e.question);
      return !q || isOpen(bank, q, answers, background);
    });
    if (kept.length === entries.length) break;
    entries = kept;
  }
  return entries === session.entries ? session : { ...session, entries };
}

export function addNote(session: Session, text: string, questionId: string | undefined, now: Date): Session {
  const note = { text, ...(questionId ? { question: questionId } : {}), at: now.toISOString() };
  return { ...session, notes: [...session.notes, note], updated: now.toISOString() };
}

export function completeSession(session: Session, now: Date): Session {
  const at = now.toISOString();
  return { ...session, status: 'complete', updated: at, completed: at };
}

/** Required questions that were open but skipped: what the rep still has to find out. */
export function missingRequired(
  bank: QuestionBank,
  session: Session,
  background: Background = NO_BACKGROUND,
): Question[] {
  const answers = answersOf(session);
  return bank.all.filter(
    (q) => q.required && answers[q.id] === undefined && isOpen(bank, q, answers, background),
  );
}

/**
 * What is already known of a measure before it is taken: its baseline, target and direction from
 * earlier check-ins, else from the Knowledge answers the bank names, else from the bank.
 */
export function knownMeasure(q: Question, background: Background): MeasureValue {
  const earlier = background.previous[q.id];
  const fromNumber = (id: string | undefined) => {
    const v = id ? background.previous[id] : undefined;
    return typeof v === 'number' ? v : undefined;
  };
  const state = measureState(isMeasureValue(earlier) ? [earlier] : []);
  return {
    baseline: state.baseline ?? fromNumber(q.baselineFrom),
    target: state.target ?? fromNumber(q.targetFrom),
    direction: q.direction ?? state.direction ?? undefined,
  };
}

/** The first time a measure is taken, what was already known goes into the record with it. */
export function completeMeasure(q: Question, value: AnswerValue, background: Background): AnswerValue {
  if (q.type !== 'measure' || !isMeasureValue(value)) return value;
  if (isMeasureValue(background.previous[q.id])) return value;
  const known = knownMeasure(q, background);
  const merged: MeasureValue = { ...value };
  for (const key of ['baseline', 'target', 'direction'] as const) {
    if (merged[key] === undefined && known[key] !== undefined) Object.assign(merged, { [key]: known[key] });
  }
  return merged;
}
