// The interview's rules as pure steps over a session: which question comes next, and how answers,
// skips and notes change the record. The runner drives these; it holds no rules of its own.

import type { QuestionBank } from '../bank/bank.js';
import { type ConditionContext, ConditionRuntimeError } from '../bank/conditions.js';
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

/**
 * Which questions of a run are open, kept up to date as answers change. An answer re-evaluates only
 * the conditions that read it (and the follow-ups under them), and the next question, a question's
 * position and whether an answer closed another are counted, not searched for: a run costs in
 * proportion to its answers, not answers × questions. The same rules as isOpen, nextQuestion and
 * recordAnswer, which stay the reference (and what code outside a run uses).
 */
export class OpenQuestions {
  readonly #bank: QuestionBank;
  readonly #background: Background;
  readonly #index = new Map<string, number>();
  /** For an answer id, the questions whose openness reads it (follow-ups read their parent's). */
  readonly #dependents = new Map<string, number[]>();
  /** Questions whose conditions may read any answer: re-evaluated after every one. */
  readonly #readsAny: number[] = [];
  readonly #open: Uint8Array;
  readonly #done: Uint8Array;
  /** Why each closed question is closed, when a condition failed (its own or a parent's). */
  readonly #errors: (readonly ConditionRuntimeError[])[];
  /** Questions whose failure nextQuestion would report and next() has not yet. */
  readonly #unreported = new Set<number>();
  /** Answered or skipped questions whose condition no longer holds: the next answer drops them. */
  readonly #closedDone = new Set<number>();
  readonly #openCount: Counts;
  readonly #waiting: Counts;
  #entries: readonly Entry[] = [];
  #answers: Record<string, AnswerValue> = {};
  #heard: Record<string, string[]> = {};
  #heardVersion = 0;
  #entryById = new Map<string, Entry>();
  #placeById = new Map<string, number>();
  /** Questions with more than one entry (a hand-edited file): their changes take a fresh count. */
  #duplicated = new Set<string>();
  #roles = new Map<string, number>();
  #context: ConditionContext;

  constructor(bank: QuestionBank, background: Background = NO_BACKGROUND) {
    this.#bank = bank;
    this.#background = background;
    const n = bank.all.length;
    this.#open = new Uint8Array(n);
    this.#done = new Uint8Array(n);
    this.#errors = Array.from({ length: n }, () => NO_ERRORS);
    this.#openCount = new Counts(n);
    this.#waiting = new Counts(n);
    this.#context = { ...background, answers: this.#answers };
    const reads: (readonly string[])[] = [];
    const any: boolean[] = [];
    bank.all.forEach((q, i) => {
      this.#index.set(q.id, i);
      const condition = bank.conditions.get(q.id);
      const parent = q.parent === undefined ? undefined : this.#index.get(q.parent);
      const own = condition ? condition.reads : [];
      any[i] = own === undefined || (parent !== undefined && (any[parent] ?? false));
      reads[i] = [
        ...(own ?? []),
        ...(q.parent === undefined ? [] : [q.parent]),
        ...(parent === undefined ? [] : (reads[parent] ?? [])),
      ];
      if (any[i]) this.#readsAny.push(i);
      for (const id of new Set(reads[i])) {
        const list = this.#dependents.get(id);
        if (list) list.push(i);
        else this.#dependents.set(id, [i]);
      }
    });
  }

  /** This session's answers by question id: the live record, to read at once and not keep. */
  get answers(): Readonly<Record<string, AnswerValue>> {
    return this.#answers;
  }

  /** Cue ids the rep ticked, by question id (live, like answers), and a number that moves when they change. */
  get heard(): { cues: Readonly<Record<string, string[]>>; version: number } {
    return { cues: this.#heard, version: this.#heardVersion };
  }

  isOpen(q: Question): boolean {
    const i = this.#index.get(q.id);
    return i === undefined ? isOpen(this.#bank, q, this.#answers, this.#background) : this.#open[i] === 1;
  }

  isDone(id: string): boolean {
    return this.#entryById.has(id);
  }

  /** The session's (first) entry for a question, as entryFor finds it. */
  entryOf(id: string): Entry | undefined {
    return this.#entryById.get(id);
  }

  /** The session's entries for a question, in order: one, unless its file was edited by hand. */
  entriesOf(id: string): readonly Entry[] {
    if (this.#duplicated.has(id)) return this.#entries.filter((e) => e.question === id);
    const entry = this.#entryById.get(id);
    return entry ? [entry] : [];
  }

  /** Whether some question has more than one entry. */
  get hasDuplicates(): boolean {
    return this.#duplicated.size > 0;
  }

  /** Whether an entry of this session with the role holds an answer. */
  roleAnswered(role: string): boolean {
    return (this.#roles.get(role) ?? 0) > 0;
  }

  /** nextQuestion, for the session this tracks. */
  next(session: Session, onError?: (error: ConditionRuntimeError) => void): Question | undefined {
    this.sync(session);
    const next = this.#waiting.first();
    if (onError && this.#unreported.size > 0) {
      // A failure is reported where nextQuestion meets it, on a question before the next one; once
      // is enough, as a session records each warning once.
      for (const i of [...this.#unreported].sort((a, b) => a - b)) {
        if (next >= 0 && i >= next) break;
        if (this.#done[i] === 1) continue;
        this.#unreported.delete(i);
        for (const error of this.#errors[i] ?? NO_ERRORS) onError(error);
      }
    }
    return next < 0 ? undefined : this.#bank.all[next];
  }

  /** Where a question stands among the open ones (1-based), how many are open, and whether there is one before it. */
  placeOf(session: Session, q: Question): { position: number; total: number; canGoBack: boolean } {
    this.sync(session);
    const i = this.#index.get(q.id);
    const index = i !== undefined && this.#open[i] === 1 ? this.#openCount.before(i) : -1;
    const place = this.#placeById.get(q.id);
    return {
      position: index < 0 ? session.entries.length + 1 : index + 1,
      total: Math.max(this.#openCount.total, index + 1),
      canGoBack: place === undefined ? session.entries.length > 0 : place > 0,
    };
  }

  /** recordAnswer, for the session this tracks. */
  record(
    session: Session,
    q: Question,
    value: AnswerValue | undefined,
    now: Date,
    heard: readonly string[] = [],
  ): Session {
    this.sync(session);
    const entry = makeEntry(q, value, now, heard);
    if (this.#duplicated.has(q.id)) {
      // The reference rules, then a fresh count.
      const next = recordAnswer(this.#bank, session, q, value, now, this.#background, heard);
      this.sync(next);
      return next;
    }
    const place = this.#placeById.get(q.id);
    let entries: Entry[];
    if (place === undefined) {
      entries = [...session.entries, entry];
      this.#placeById.set(q.id, entries.length - 1);
    } else {
      entries = session.entries.map((e, i) => (i === place ? entry : e));
    }
    this.#entries = entries;
    this.#put(entry);
    this.#refresh([q.id]);
    // Answers that no longer apply leave, round by round, as dropClosed does.
    while (this.#closedDone.size > 0) {
      const closed = new Set([...this.#closedDone].map((i) => this.#bank.all[i]?.id));
      entries = entries.filter((e) => !closed.has(e.question));
      this.#entries = entries;
      this.#placeById = firstPlaces(entries);
      for (const id of closed) if (id !== undefined) this.#remove(id);
      this.#refresh([...closed].filter((id): id is string => id !== undefined));
    }
    return touch(session, now, entries);
  }

  /** Follows the session: nothing to do when its entries are the ones this saw last, else a fresh count. */
  sync(session: Pick<Session, 'entries'>): void {
    if (session.entries === this.#entries) return;
    const { entries } = session;
    this.#entries = entries;
    // As answersOf, heardIn and entryFor read them: the last answer, the last cues, the first entry.
    this.#answers = answersOf(session);
    this.#context = { ...this.#background, answers: this.#answers };
    this.#heard = heardOf(entries);
    this.#heardVersion++;
    this.#placeById = firstPlaces(entries);
    this.#entryById = new Map([...this.#placeById].map(([id, i]) => [id, entries[i] as Entry]));
    this.#duplicated = new Set(
      entries.flatMap((e, i) => (this.#placeById.get(e.question) === i ? [] : [e.question])),
    );
    this.#roles = new Map();
    for (const e of this.#entryById.values()) this.#countRole(e, 1);
    this.#done.fill(0);
    this.#closedDone.clear();
    this.#waiting.clear();
    for (const id of this.#entryById.keys()) {
      const i = this.#index.get(id);
      if (i !== undefined) this.#done[i] = 1;
    }
    this.#bank.all.forEach((_, i) => {
      this.#evaluate(i);
    });
  }

  /** Takes an entry into the answers, heard cues and done questions, in place of its question's. */
  #put(entry: Entry): void {
    const before = this.#entryById.get(entry.question);
    if (before) this.#countRole(before, -1);
    this.#countRole(entry, 1);
    this.#entryById.set(entry.question, entry);
    if (entry.answer !== undefined) this.#answers[entry.question] = entry.answer;
    else delete this.#answers[entry.question];
    if ((before?.heard?.length ?? 0) > 0 || (entry.heard?.length ?? 0) > 0) {
      if (entry.heard && entry.heard.length > 0) this.#heard[entry.question] = entry.heard;
      else delete this.#heard[entry.question];
      this.#heardVersion++;
    }
    const i = this.#index.get(entry.question);
    if (i !== undefined) this.#setDone(i, true);
  }

  #remove(id: string): void {
    const before = this.#entryById.get(id);
    if (before) this.#countRole(before, -1);
    this.#entryById.delete(id);
    delete this.#answers[id];
    if (before?.heard && before.heard.length > 0) {
      delete this.#heard[id];
      this.#heardVersion++;
    }
    const i = this.#index.get(id);
    if (i !== undefined) this.#setDone(i, false);
  }

  #countRole(entry: Entry, delta: number): void {
    if (entry.role && entry.answer !== undefined)
      this.#roles.set(entry.role, (this.#roles.get(entry.role) ?? 0) + delta);
  }

  /** Re-evaluates the questions that read these answers, parents before their follow-ups. */
  #refresh(changed: readonly string[]): void {
    const dirty = new Set(this.#readsAny);
    for (const id of changed) for (const i of this.#dependents.get(id) ?? []) dirty.add(i);
    for (const i of [...dirty].sort((a, b) => a - b)) this.#evaluate(i);
  }

  #evaluate(i: number): void {
    const { open, errors } = this.#openness(i);
    if ((this.#open[i] === 1) !== open) {
      this.#open[i] = open ? 1 : 0;
      this.#openCount.add(i, open ? 1 : -1);
    }
    if (errors.length === 0) this.#unreported.delete(i);
    else if (errors !== this.#errors[i]) this.#unreported.add(i);
    this.#errors[i] = errors;
    this.#track(i);
  }

  /** isOpen for the i-th question, from its parent's state (already current) and its own condition. */
  #openness(i: number): { open: boolean; errors: readonly ConditionRuntimeError[] } {
    const q = this.#bank.all[i] as Question;
    if (q.parent !== undefined) {
      if (this.#answers[q.parent] === undefined) return CLOSED;
      const parent = this.#index.get(q.parent);
      if (parent !== undefined && this.#open[parent] !== 1) {
        return { open: false, errors: this.#errors[parent] ?? NO_ERRORS };
      }
    }
    const condition = this.#bank.conditions.get(q.id);
    if (!condition) return OPEN;
    try {
      return condition(this.#context) ? OPEN : CLOSED;
    } catch (error) {
      if (!(error instanceof ConditionRuntimeError)) throw error;
      return { open: false, errors: [error] };
    }
  }

  #setDone(i: number, done: boolean): void {
    this.#done[i] = done ? 1 : 0;
    this.#track(i);
  }

  /** Keeps the counts of open questions still to ask and of answered ones that closed. */
  #track(i: number): void {
    const open = this.#open[i] === 1;
    const done = this.#done[i] === 1;
    this.#waiting.set(i, open && !done ? 1 : 0);
    if (done && !open) this.#closedDone.add(i);
    else this.#closedDone.delete(i);
  }
}

const NO_ERRORS: readonly ConditionRuntimeError[] = [];

/** Where each question's first entry is. */
function firstPlaces(entries: readonly Entry[]): Map<string, number> {
  const places = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!places.has(e.question)) places.set(e.question, i);
  });
  return places;
}

/** Cue ids ticked, by question id (as heardIn in previous.ts reads them). */
function heardOf(entries: readonly Entry[]): Record<string, string[]> {
  const heard: Record<string, string[]> = {};
  for (const e of entries) if (e.heard && e.heard.length > 0) heard[e.question] = e.heard;
  return heard;
}
const OPEN = { open: true, errors: NO_ERRORS };
const CLOSED = { open: false, errors: NO_ERRORS };

/** Counts of 0/1 flags over the bank's order (a Fenwick tree): set, count before, find the first. */
class Counts {
  readonly #tree: Int32Array;
  readonly #flags: Uint8Array;
  #total = 0;

  constructor(size: number) {
    this.#tree = new Int32Array(size + 1);
    this.#flags = new Uint8Array(size);
  }

  get total(): number {
    return this.#total;
  }

  set(i: number, flag: 0 | 1): void {
    if (this.#flags[i] !== flag) this.add(i, flag === 1 ? 1 : -1);
  }

  add(i: number, delta: number): void {
    this.#flags[i] = (this.#flags[i] ?? 0) + delta;
    this.#total += delta;
    for (let k = i + 1; k < this.#tree.length; k += k & -k) this.#tree[k] = (this.#tree[k] ?? 0) + delta;
  }

  /** How many flags are set before the i-th. */
  before(i: number): number {
    let sum = 0;
    for (let k = i; k > 0; k -= k & -k) sum += this.#tree[k] ?? 0;
    return sum;
  }

  /** The first index whose flag is set, or -1. */
  first(): number {
    if (this.#total === 0) return -1;
    let at = 0;
    let step = 1;
    while (step * 2 < this.#tree.length) step *= 2;
    for (; step > 0; step >>= 1) {
      const k = at + step;
      if (k < this.#tree.length && (this.#tree[k] ?? 0) < 1) at = k;
    }
    return at;
  }

  clear(): void {
    this.#tree.fill(0);
    this.#flags.fill(0);
    this.#total = 0;
  }
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
  const fromDate = (id: string | undefined) => {
    const v = id ? background.previous[id] : undefined;
    return typeof v === 'string' ? v : undefined;
  };
  // Every earlier value: a check-in that recorded only its actual does not forget the baseline,
  // target, direction or date the first one set.
  const values = (background.history?.[q.id] ?? (earlier === undefined ? [] : [earlier])).flatMap((v) =>
    typeof v === 'number' ? [{ actual: v }] : isMeasureValue(v) ? [v] : [],
  );
  const state = measureState(values);
  const by = [...values].reverse().find((v) => v.by !== undefined)?.by ?? fromDate(q.byFrom);
  return {
    baseline: state.baseline ?? fromNumber(q.baselineFrom),
    target: state.target ?? fromNumber(q.targetFrom),
    direction: q.direction ?? state.direction ?? undefined,
    ...(by ? { by } : {}),
  };
}

/** The first time a measure is taken, what was already known goes into the record with it. */
export function completeMeasure(q: Question, value: AnswerValue, background: Background): AnswerValue {
  if (q.type !== 'measure' || !isMeasureValue(value)) return value;
  if (isMeasureValue(background.previous[q.id])) return value;
  const known = knownMeasure(q, background);
  const merged: MeasureValue = { ...value };
  for (const key of ['baseline', 'target', 'direction', 'by'] as const) {
    if (merged[key] === undefined && known[key] !== undefined) Object.assign(merged, { [key]: known[key] });
  }
  return merged;
}
