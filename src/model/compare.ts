// When two answers mean the same thing, and when a new answer materially moves the problem.
import { type AnswerValue, isMeasureValue } from './answer.js';
import type { QuestionType } from './question.js';
import { contentWords, textSimilarity } from './similarity.js';

/** Case, white space and punctuation do not change what an answer says. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Names that mean the same in list answers: normalised alias → normalised canonical name. */
export type Aliases = ReadonlyMap<string, string>;

/** A list item as compared: normalised, then the name its alias stands for. */
export function canonicalItem(item: string, aliases?: Aliases): string {
  const normal = normaliseText(item);
  return aliases?.get(normal) ?? normal;
}

function items(value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

/**
 * Items of `now` that `before` did not have, in `now`'s order: compared as normalised text, with
 * `aliases` mapping each name to the one it stands for ("CFO" and "Finance" when the bank says so).
 */
export function addedItems(
  now: AnswerValue | undefined,
  before: AnswerValue | undefined,
  aliases?: Aliases,
): string[] {
  if (now === undefined || before === undefined) return [];
  const olds = items(before);
  const old = new Set(olds.map((item) => canonicalItem(item, aliases)));
  const oldWords = new Set(olds.map(wordsKey));
  // The same content words ("for the superintendents" and "for superintendents") are the same item.
  return items(now).filter((item) => !old.has(canonicalItem(item, aliases)) && !oldWords.has(wordsKey(item)));
}

/** An item's content words (stop words dropped, stems, any order), as a key; empty items never match. */
function wordsKey(item: string): string {
  const words = [...new Set(contentWords(item))].sort();
  return words.length === 0 ? `\u0000${item}` : words.join(' ');
}

export function removedItems(
  now: AnswerValue | undefined,
  before: AnswerValue | undefined,
  aliases?: Aliases,
): string[] {
  return addedItems(before, now, aliases);
}

/** The same answer, allowing for case, spacing, punctuation, the order of list items and aliases. */
export function sameAnswer(a: AnswerValue, b: AnswerValue, aliases?: Aliases): boolean {
  if (isMeasureValue(a) || isMeasureValue(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return addedItems(a, b, aliases).length === 0 && removedItems(a, b, aliases).length === 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return normaliseText(String(a)) === normaliseText(String(b));
}

export const DEFAULT_SHIFT_THRESHOLD = 0.2;

/**
 * Default for a bank's `shift_similarity`: two tracked texts whose textSimilarity is at least this
 * say the same. Chosen on the scenario corpus (test/scenarios/, 55 files): 104 pairs of consecutive
 * answers to a tracked text question, 95 the same (no `shift:<id>` expected) and 9 moved. Pairs
 * classified right by the threshold alone (what a scripted run uses):
 *
 *   threshold   0.30   0.40   0.45   0.50   0.55   0.60
 *   same        95/95  95/95  95/95  95/95  95/95  93/95
 *   moved        3/9    4/9    6/9    6/9    7/9    7/9
 *
 * The lowest "same" pair scores 0.57; 0.5 keeps every healthy rewording the same with a margin
 * (0.55 would leave 0.02). The moved pairs it misses (0.53, 0.60, 0.67) are problem statements
 * that keep their consequence and change their cause: the unsure band catches them.
 */
export const DEFAULT_SHIFT_SIMILARITY = 0.5;

/**
 * How far on either side of `similarity` a text comparison is too close to call: an interactive
 * session asks the rep, who was on the call. On the same corpus, at 0.5:
 *
 *   band    same → asked   moved → asked   moved missed   same flagged
 *   ±0.10      2/95            3/9             2/9           0/95
 *   ±0.15      5/95            4/9             1/9           0/95
 *   ±0.20      9/95            6/9             0/9           0/95
 *   ±0.25     10/95            6/9             0/9           0/95
 *
 * ±0.2 is the narrowest band that leaves no moved pair called the same: a rep is asked about one
 * rewording in ten, and every other pair is decided without a question.
 */
export const SHIFT_UNSURE_BAND = 0.2;

export interface ShiftOptions {
  /** Relative change above which a number moved (0.2 = 20%). */
  threshold: number;
  /** Text similarity (0–1) at or above which two texts say the same. */
  similarity: number;
  aliases?: Aliases | undefined;
  /**
   * The question's type, when known: only text and long answers are compared by similarity; other
   * texts (choice ids, dates) must be equal.
   */
  type?: QuestionType | undefined;
}

/** Whether a tracked answer moved: plainly not, plainly so, or too close to call (texts only). */
export type ShiftVerdict = 'same' | 'unsure' | 'moved';

const DEFAULT_OPTIONS: ShiftOptions = {
  threshold: DEFAULT_SHIFT_THRESHOLD,
  similarity: DEFAULT_SHIFT_SIMILARITY,
};

/**
 * Whether a tracked answer moved enough to re-evaluate the problem. Texts by similarity of their
 * content words: at least `similarity + SHIFT_UNSURE_BAND` (or 1) is the same, below
 * `similarity - SHIFT_UNSURE_BAND` moved, unsure between (on either side of the threshold). Numbers (and a measure's actual) moved by
 * more than the relative threshold; a list with an item added or removed (aliases applied); any
 * other answer that differs.
 */
export function shiftVerdict(before: AnswerValue, after: AnswerValue, options: ShiftOptions): ShiftVerdict {
  if (isMeasureValue(before) || isMeasureValue(after)) {
    // A measure moves with its actual; without one on either side there is nothing to compare.
    const was = isMeasureValue(before) ? before.actual : before;
    const is = isMeasureValue(after) ? after.actual : after;
    if (was === undefined || is === undefined) return 'same';
    return shiftVerdict(was, is, options);
  }
  if (typeof before === 'number' && typeof after === 'number') {
    if (before === 0) return after === 0 ? 'same' : 'moved';
    return Math.abs(after - before) / Math.abs(before) > options.threshold ? 'moved' : 'same';
  }
  if (typeof before === 'string' && typeof after === 'string' && comparesByWords(options.type)) {
    if (normaliseText(before) === normaliseText(after)) return 'same';
    const similarity = textSimilarity(before, after);
    if (similarity >= Math.min(1, options.similarity + SHIFT_UNSURE_BAND)) return 'same';
    if (similarity < options.similarity - SHIFT_UNSURE_BAND) return 'moved';
    return 'unsure';
  }
  return sameAnswer(before, after, options.aliases) ? 'same' : 'moved';
}

function comparesByWords(type: QuestionType | undefined): boolean {
  return type === undefined || type === 'text' || type === 'long';
}

/**
 * Whether a tracked answer moved, by the thresholds alone (what a scripted run uses: an unsure text
 * is the same when its similarity reaches `similarity`). A number as `options` is the threshold.
 */
export function isMaterialShift(
  before: AnswerValue,
  after: AnswerValue,
  options: ShiftOptions | number = DEFAULT_OPTIONS,
): boolean {
  const o = typeof options === 'number' ? { ...DEFAULT_OPTIONS, threshold: options } : options;
  const verdict = shiftVerdict(before, after, o);
  if (verdict !== 'unsure') return verdict === 'moved';
  return textSimilarity(String(before), String(after)) < o.similarity;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or undefined for anything else. */
function dayNumber(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

/**
 * Where an answer sits on its own scale, to tell whether it went up or down: a number or scale as
 * it is, a measure by its actual, a date by its day (later is higher), a choice by its place in
 * `order` (the choices of a question declared `ordered: true`, first = lowest). Undefined when it
 * has no place (a free "other" answer, a measure without an actual).
 */
export function answerRank(value: AnswerValue | undefined, order?: readonly string[]): number | undefined {
  if (value === undefined) return undefined;
  if (isMeasureValue(value)) return value.actual;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (order) {
    const index = order.indexOf(value);
    return index < 0 ? undefined : index;
  }
  return dayNumber(value);
}

/** The signed relative change from `before` to `now` (0.25 = +25%); 0 when either is missing or before is 0. */
export function relativeChange(before: AnswerValue | undefined, now: AnswerValue | undefined): number {
  const was = isMeasureValue(before) ? before.actual : before;
  const is = isMeasureValue(now) ? now.actual : now;
  if (typeof was !== 'number' || typeof is !== 'number' || was === 0) return 0;
  return (is - was) / Math.abs(was);
}

/** The days a date moved from `before` to `now` (positive = later); 0 when either is not a date. */
export function daysMoved(before: AnswerValue | undefined, now: AnswerValue | undefined): number {
  const was = typeof before === 'string' ? dayNumber(before) : undefined;
  const is = typeof now === 'string' ? dayNumber(now) : undefined;
  return was === undefined || is === undefined ? 0 : Math.round(is - was);
}

/**
 * Items of `now` that `before` had too: what is still there (a problem named again). With a
 * `similarity`, an item said again in other words counts as the same one.
 */
export function keptItems(
  now: AnswerValue | undefined,
  before: AnswerValue | undefined,
  aliases?: Aliases,
  similarity?: number,
): string[] {
  if (now === undefined || before === undefined) return [];
  const oldItems = items(before);
  const old = new Set(oldItems.map((item) => canonicalItem(item, aliases)));
  return items(now).filter(
    (item) =>
      old.has(canonicalItem(item, aliases)) ||
      (similarity !== undefined && oldItems.some((o) => textSimilarity(item, o) >= similarity)),
  );
}

/** How far a number, scale or measure moved: now minus before (0 without both). */
export function difference(before: AnswerValue | undefined, now: AnswerValue | undefined): number {
  const value = (v: AnswerValue | undefined) =>
    typeof v === 'number' ? v : isMeasureValue(v) && typeof v.actual === 'number' ? v.actual : undefined;
  const a = value(before);
  const b = value(now);
  return a === undefined || b === undefined ? 0 : b - a;
}
