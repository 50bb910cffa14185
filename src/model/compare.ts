// When two answers mean the same thing, and when a new answer materially moves the problem.
import { type AnswerValue, isMeasureValue } from './answer.js';

/** Case, white space and punctuation do not change what an answer says. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function items(value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

/** Items of `now` that `before` did not have (compared as normalised text), in `now`'s order. */
export function addedItems(now: AnswerValue | undefined, before: AnswerValue | undefined): string[] {
  if (now === undefined || before === undefined) return [];
  const old = new Set(items(before).map(normaliseText));
  return items(now).filter((item) => !old.has(normaliseText(item)));
}

export function removedItems(now: AnswerValue | undefined, before: AnswerValue | undefined): string[] {
  return addedItems(before, now);
}

/** The same answer, allowing for case, spacing, punctuation and the order of list items. */
export function sameAnswer(a: AnswerValue, b: AnswerValue): boolean {
  if (isMeasureValue(a) || isMeasureValue(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return addedItems(a, b).length === 0 && removedItems(a, b).length === 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return normaliseText(String(a)) === normaliseText(String(b));
}

export const DEFAULT_SHIFT_THRESHOLD = 0.2;

/** Default for a bank's `shift_similarity` (chosen from the scenario corpus in test/scenarios/). */
export const DEFAULT_SHIFT_SIMILARITY = 0.5;

/**
 * Whether a tracked answer moved enough to re-evaluate the problem: different words (not just a
 * re-typed sentence), a number moved by more than the threshold, or an item added or removed.
 */
export function isMaterialShift(
  before: AnswerValue,
  after: AnswerValue,
  threshold = DEFAULT_SHIFT_THRESHOLD,
): boolean {
  if (isMeasureValue(before) && isMeasureValue(after)) {
    if (before.actual === undefined || after.actual === undefined) return false;
    return isMaterialShift(before.actual, after.actual, threshold);
  }
  if (typeof before === 'number' && typeof after === 'number') {
    if (before === 0) return after !== 0;
    return Math.abs(after - before) / Math.abs(before) > threshold;
  }
  return !sameAnswer(before, after);
}
