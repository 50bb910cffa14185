// What counts as a valid answer to each question type, and its normal form.
import { dateProblem, looseIsoDate } from './dates.js';
import type { Choice, Question } from './question.js';
import { scaleRange } from './question.js';

/** A measure taken at a check-in: the actual value, and (the first time) its baseline and target. */
export interface MeasureValue {
  actual?: number | undefined;
  baseline?: number | undefined;
  target?: number | undefined;
  direction?: 'higher' | 'lower' | undefined;
  /** When the target should be reached (YYYY-MM-DD): the end of its trajectory. */
  by?: string | undefined;
}

export type AnswerValue = string | number | boolean | string[] | MeasureValue;

export function isMeasureValue(value: unknown): value is MeasureValue {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; reason: string };

/**
 * How big an answer or a note can be: far beyond what a call produces, small enough that every
 * command stays fast and a session file stays readable.
 */
export const ANSWER_LIMITS = {
  /** A text or long answer, or a choice's own words. */
  textChars: 20_000,
  /** Items of a list or multi answer, and characters in each. */
  listItems: 500,
  itemChars: 500,
  /** A note (or a flag's text) taken during a call. */
  noteChars: 20_000,
} as const;

const MAX_ANSWER_CHARS = ANSWER_LIMITS.textChars;

const fail = (reason: string): AnswerCheck => ({ ok: false, reason });
const pass = (value: AnswerValue): AnswerCheck => ({ ok: true, value });

/** Checks an answer given as data (a scripted answers file) or already typed by a prompt. */
export function checkAnswer(q: Question, input: unknown): AnswerCheck {
  if (input === null || input === undefined) return fail('no answer given');
  switch (q.type) {
    case 'text':
    case 'long':
      return checkText(q, input);
    case 'choice':
      return typeof input === 'string' ? checkChoice(q, input) : fail('expected one of the choices, as text');
    case 'multi':
      return checkMulti(q, input);
    case 'list':
      return checkList(q, input);
    case 'confirm':
      return checkConfirm(input);
    case 'number':
      return checkNumber(q, input);
    case 'scale':
      return checkScale(q, input);
    case 'date':
      return typeof input === 'string' ? checkDate(input) : fail('expected a date as YYYY-MM-DD');
    case 'measure':
      return checkMeasure(q, input);
  }
}

const MEASURE_KEYS = ['actual', 'baseline', 'target', 'direction', 'by'];

/** A number (the actual value) or a map of actual, baseline, target and direction. */
function checkMeasure(q: Question, input: unknown): AnswerCheck {
  if (!isMeasureValue(input)) {
    const actual = readNumber(input, q.unit);
    return actual === undefined
      ? fail(`expected a number${q.unit ? ` (in ${q.unit})` : ''} or a map of actual, baseline, target`)
      : pass({ actual });
  }
  const raw = input as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((k) => !MEASURE_KEYS.includes(k));
  if (unknown.length > 0)
    return fail(`unknown key "${unknown[0]}" (a measure has: ${MEASURE_KEYS.join(', ')})`);
  const value: MeasureValue = {};
  for (const key of ['actual', 'baseline', 'target'] as const) {
    if (raw[key] === undefined) continue;
    const n = readNumber(raw[key], q.unit);
    if (n === undefined) return fail(`"${key}" should be a number`);
    value[key] = n;
  }
  if (raw.direction !== undefined) {
    if (raw.direction !== 'higher' && raw.direction !== 'lower')
      return fail('"direction" is higher or lower');
    value.direction = raw.direction;
  }
  if (raw.by !== undefined) {
    const problem = typeof raw.by === 'string' ? dateProblem(raw.by.trim()) : 'expected a date as YYYY-MM-DD';
    if (problem) return fail(`"by": ${problem}`);
    value.by = (raw.by as string).trim();
  }
  if (Object.keys(value).length === 0) return fail('no actual, baseline or target given');
  return pass(value);
}

function checkText(q: Question, input: unknown): AnswerCheck {
  if (typeof input === 'number' || typeof input === 'boolean') input = String(input);
  if (typeof input !== 'string') return fail('expected text');
  const value = q.type === 'long' ? input.replace(/\r\n?/g, '\n').trim() : input.trim();
  if (value === '') return fail('the answer is empty');
  if (value.length > MAX_ANSWER_CHARS)
    return fail(`the answer is longer than ${MAX_ANSWER_CHARS} characters`);
  if (q.type === 'text' && /[\r\n]/.test(value)) return fail('a text answer is one line');
  return pass(value);
}

function matchChoice(choices: readonly Choice[], input: string): Choice | undefined {
  const wanted = input.trim().toLowerCase();
  return choices.find((c) => c.id.toLowerCase() === wanted || c.label.toLowerCase() === wanted);
}

function choiceList(q: Question): string {
  return q.choices.map((c) => c.id).join(', ');
}

function checkChoice(q: Question, input: string): AnswerCheck {
  const choice = matchChoice(q.choices, input);
  if (choice) return pass(choice.id);
  if (q.other && input.trim() !== '') return checkText({ ...q, type: 'text' }, input);
  return fail(`"${input}" is not one of: ${choiceList(q)}`);
}

function checkMulti(q: Question, input: unknown): AnswerCheck {
  const items = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(items)) return fail('expected a list of choices');
  const tooMany = listSizeProblem(items.length);
  if (tooMany) return fail(tooMany);
  const picked = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') return fail('expected each choice as text');
    const one = checkChoice(q, item);
    if (!one.ok) return one;
    picked.add(one.value as string);
  }
  if (picked.size === 0 && q.required) return fail('the question is required: pick at least one choice');
  return pass([...picked]);
}

function checkList(q: Question, input: unknown): AnswerCheck {
  const items = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(items)) return fail('expected a list of items');
  const tooMany = listSizeProblem(items.length);
  if (tooMany) return fail(tooMany);
  const out = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (typeof item !== 'string' && typeof item !== 'number') return fail('expected each item as text');
    const text = String(item).trim();
    if (/[\r\n]/.test(text)) return fail('each item is one line');
    if (text.length > ANSWER_LIMITS.itemChars)
      return fail(`item ${i + 1} is longer than ${ANSWER_LIMITS.itemChars} characters: keep each item short`);
    if (text !== '') out.add(text);
  }
  if (out.size === 0 && q.required)
    return fail('the question is required: give at least one item that is not blank');
  return pass([...out]);
}

function listSizeProblem(count: number): string | undefined {
  return count > ANSWER_LIMITS.listItems
    ? `a list answer has at most ${ANSWER_LIMITS.listItems} items (this one has ${count})`
    : undefined;
}

/**
 * Why an answer is too big to record, or undefined: the limits alone, for answers that come from a
 * prompt rather than through checkAnswer.
 */
export function answerSizeProblem(value: AnswerValue): string | undefined {
  if (typeof value === 'string' && value.length > ANSWER_LIMITS.textChars)
    return `the answer is longer than ${ANSWER_LIMITS.textChars} characters`;
  if (!Array.isArray(value)) return undefined;
  const long = value.findIndex((item) => item.length > ANSWER_LIMITS.itemChars);
  return (
    listSizeProblem(value.length) ??
    (long < 0 ? undefined : `item ${long + 1} is longer than ${ANSWER_LIMITS.itemChars} characters`)
  );
}

/** Why a note (or a flag's text) is too long to keep, or undefined. */
export function noteProblem(text: string): string | undefined {
  return text.length > ANSWER_LIMITS.noteChars
    ? `a note is at most ${ANSWER_LIMITS.noteChars} characters (this one has ${text.length})`
    : undefined;
}

const YES = ['y', 'yes', 'true'];
const NO = ['n', 'no', 'false'];

function checkConfirm(input: unknown): AnswerCheck {
  if (typeof input === 'boolean') return pass(input);
  if (typeof input === 'string') {
    const word = input.trim().toLowerCase();
    if (YES.includes(word)) return pass(true);
    if (NO.includes(word)) return pass(false);
  }
  return fail('expected yes or no');
}

/**
 * Reads a number as a rep types it: 1200, "1,200", "1_200", "12.5", "$85,000", "€1.2m", "12k",
 * "about 40k", "USD 5,000", and the question's unit after the number ("45 days", "1 day").
 * k, m and bn multiply by a thousand, a million and a billion; the result is exact for what is typed
 * (1.1m is 1100000, not 1100000.0000000002).
 */
export function readNumber(input: unknown, unit?: string): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input !== 'string') return undefined;
  let text = input.trim().replace(/\s+/g, ' ');
  text = text.replace(/^(?:about|around|approx(?:imately|\.)?|roughly|circa|ca\.|~|≈)\s*/i, '');
  if (unit) text = withoutUnit(text, unit);
  text = text.replace(/^(?:[A-Z]{3}\s?)?[$€£¥₹]?\s?|\s?(?:[$€£¥₹]|\b[A-Z]{3})$/g, '');
  text = text.replace(/^([-+]?)[$€£¥₹]/, '$1');
  text = text.replace(/(?<=\d)[,_'](?=\d{3}(?!\d))/g, '');
  const match = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s?(k|m|mm|bn|b)?$/i.exec(text);
  if (!match) return undefined;
  const [, digits = '', suffix = ''] = match;
  const shift = { '': 0, k: 3, m: 6, mm: 6, b: 9, bn: 9 }[suffix.toLowerCase()] ?? 0;
  if (shift > 0 && /e/i.test(digits)) return undefined;
  const value = Number(shift > 0 ? `${digits}e${shift}` : digits);
  return Number.isFinite(value) ? value : undefined;
}

/** "45 days" less its unit "days"; "1 day" too (the unit's singular). */
function withoutUnit(text: string, unit: string): string {
  const lower = text.toLowerCase();
  for (const form of [unit, unit.replace(/s$/i, '')]) {
    if (form && lower.endsWith(form.toLowerCase()) && /[\d\s.kmb]$/i.test(text.slice(0, -form.length)))
      return text.slice(0, -form.length).trim();
  }
  return text;
}

function checkNumber(q: Question, input: unknown): AnswerCheck {
  const value = readNumber(input, q.unit);
  if (value === undefined) return fail(`expected a number${q.unit ? ` (in ${q.unit})` : ''}`);
  if (q.min !== undefined && value < q.min) return fail(`must be at least ${q.min}`);
  if (q.max !== undefined && value > q.max) return fail(`must be at most ${q.max}`);
  return pass(value);
}

function checkScale(q: Question, input: unknown): AnswerCheck {
  const { min, max } = scaleRange(q);
  const value = readNumber(input);
  if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
    return fail(`expected a whole number from ${min} to ${max}`);
  }
  return pass(value);
}

/** A date as YYYY-MM-DD; a month or day of one digit is filled in (2026-1-5 is 2026-01-05). */
function checkDate(input: string): AnswerCheck {
  const text = looseIsoDate(input.trim()) ?? input.trim();
  const problem = dateProblem(text);
  return problem ? fail(problem) : pass(text);
}

/** An answer as one line of text, for summaries and defaults. */
export function formatAnswer(q: Pick<Question, 'type' | 'unit' | 'choices'>, value: AnswerValue): string {
  if (Array.isArray(value)) return value.map((v) => labelOf(q, v)).join(', ') || '(none)';
  if (isMeasureValue(value)) return formatMeasure(value, q.unit);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return q.unit ? `${value} ${q.unit}` : String(value);
  return q.type === 'choice' ? labelOf(q, value) : value;
}

function labelOf(q: Pick<Question, 'choices'>, id: string): string {
  return q.choices.find((c) => c.id === id)?.label ?? id;
}

export function formatMeasure(value: MeasureValue, unit?: string): string {
  const u = unit ? ` ${unit}` : '';
  const parts = [
    value.actual !== undefined ? `${value.actual}${u}` : 'no actual yet',
    value.baseline !== undefined ? `baseline ${value.baseline}` : '',
    value.target !== undefined ? `target ${value.target}` : '',
    value.direction ? `${value.direction} is better` : '',
  ].filter(Boolean);
  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join(', ')})` : (parts[0] ?? '');
}
