// A quick check of a bank's shape, for the banks that have the common, valid one: what zod's
// BankSchema (schema.ts) makes of them (the same values; its own copy of the maps only where a text
// was trimmed), without zod's cost (a large bank took tens of milliseconds there). Anything it is not sure of (a wrong value, an unknown key, examples) is undefined: the
// schema then decides, and words every problem. test/unit/bank-shape.test.ts keeps the two in step.
import { LOOPS } from '../model/loop.js';
import { QUESTION_TYPES } from '../model/question.js';
import { type Check, finite, isMap, NO } from '../model/quick-check.js';
import { ROLES } from '../model/roles.js';
import type { BankInput } from './schema.js';

const SNAKE_ID = /^[a-z][a-z0-9_]*$/;
const BANK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text: Check = (v) => {
  if (typeof v !== 'string') return NO;
  const trimmed = v.trim();
  return trimmed.length > 0 ? trimmed : NO;
};
const snakeId: Check = (v) => (typeof v === 'string' && SNAKE_ID.test(v) ? v : NO);
const bool: Check = (v) => (typeof v === 'boolean' ? v : NO);
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v) ? v : NO;
/** A number in a range; `whole`: a whole (safe) integer. */
const number =
  (test: (n: number) => boolean, whole = false): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && (!whole || Number.isSafeInteger(v)) && test(v) ? v : NO;

function list(item: Check, min = 0): Check {
  return (v) => {
    if (!Array.isArray(v) || v.length < min) return NO;
    // Copied only when an item changed (a text trimmed): most banks have nothing to change.
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const checked = item(v[i]);
      if (checked === NO) return NO;
      if (checked !== v[i]) {
        out ??= v.slice(0, i);
        out[i] = checked;
      } else if (out) out[i] = checked;
    }
    return out ?? v;
  };
}

/** A map with these keys only, `required` among them (copied only when a value changed). */
function strict(fields: Readonly<Record<string, Check>>, required: readonly string[]): Check {
  return (v) => {
    if (!isMap(v)) return NO;
    for (const key of required) if (!Object.hasOwn(v, key)) return NO;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(v)) {
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!check) return NO;
      const checked = check(v[key]);
      if (checked === NO) return NO;
      if (checked !== v[key]) {
        out ??= { ...v };
        out[key] = checked;
      }
    }
    return out ?? v;
  };
}

/** A text, else a map of these fields (zod's union of the two, tried in that order). */
const textOr =
  (map: Check): Check =>
  (v) =>
    typeof v === 'string' ? text(v) : map(v);

const brief: Check = (v) => {
  if (typeof v === 'boolean') return v;
  const label = text(v);
  return typeof label === 'string' && label.length <= 40 ? label : NO;
};

const QUESTION_FIELDS: Record<string, Check> = {
  id: snakeId,
  ask: text,
  type: oneOf(QUESTION_TYPES),
  why: text,
  listen_for: list(textOr(strict({ id: snakeId, text }, ['id', 'text']))),
  required: bool,
  tags: list(text),
  when: text,
  choices: list(textOr(strict({ id: snakeId, label: text }, ['id', 'label'])), 1),
  other: bool,
  ordered: bool,
  unit: text,
  direction: oneOf(['higher', 'lower']),
  baseline_from: snakeId,
  target_from: snakeId,
  by_from: snakeId,
  min: finite,
  max: finite,
  labels: strict({ min: text, max: text }, []),
  placeholder: text,
  tracks: oneOf(['problem']),
  role: oneOf(ROLES),
  core: bool,
  ask_rep: bool,
  brief,
  follow_ups: (v) => questions(v),
};
const questionFields = strict(QUESTION_FIELDS, ['id', 'ask', 'type']);

/** Keys that apply only to some types of question (schema.ts, checkTypeFields). */
const TYPE_KEYS: readonly [string, (type: unknown) => boolean][] = [
  ['choices', (t) => t === 'choice' || t === 'multi'],
  ['other', (t) => t === 'choice' || t === 'multi'],
  ['ordered', (t) => t === 'choice' || t === 'multi'],
  ['unit', (t) => t === 'number' || t === 'measure'],
  ['direction', (t) => t === 'measure'],
  ['baseline_from', (t) => t === 'measure'],
  ['target_from', (t) => t === 'measure'],
  ['min', (t) => t === 'number' || t === 'scale'],
  ['max', (t) => t === 'number' || t === 'scale'],
  ['labels', (t) => t === 'scale'],
];

function question(v: unknown): unknown {
  const q = questionFields(v);
  if (q === NO) return NO;
  const { type, choices, min, max } = q as Record<string, unknown>;
  if ((type === 'choice' || type === 'multi') && choices === undefined) return NO;
  for (const [key, applies] of TYPE_KEYS) {
    if (!applies(type) && (q as Record<string, unknown>)[key] !== undefined) return NO;
  }
  if (type === 'scale' && [min, max].some((n) => n !== undefined && !Number.isInteger(n))) return NO;
  if (typeof min === 'number' && typeof max === 'number' && min >= max) return NO;
  return q;
}

const questions = list(question);

const ruleFields = strict(
  {
    id: snakeId,
    when: text,
    loop_back: strict({ message: text, revisit: list(snakeId, 1) }, ['message', 'revisit']),
    tip: text,
    every_time: bool,
  },
  ['id', 'when'],
);

function rule(v: unknown): unknown {
  const r = ruleFields(v);
  if (r === NO) return NO;
  const { loop_back, tip } = r as Record<string, unknown>;
  return (loop_back === undefined) === (tip === undefined) ? NO : r;
}

/** Alias lists by canonical name; a name the schema would trim is left to it. */
const aliases: Check = (v) => {
  if (!isMap(v)) return NO;
  const out: Record<string, unknown> = {};
  for (const [name, names] of Object.entries(v)) {
    if (text(name) !== name) return NO;
    const checked = list(text, 1)(names);
    if (checked === NO) return NO;
    out[name] = checked;
  }
  return out;
};

const bankFields = strict(
  {
    id: (v) => (typeof v === 'string' && BANK_ID.test(v) ? v : NO),
    version: number((n) => n > 0, true),
    loop: oneOf(LOOPS),
    title: text,
    description: text,
    shift_threshold: number((n) => n > 0 && n <= 10),
    shift_similarity: number((n) => n >= 0 && n <= 1),
    minutes: number((n) => n > 0 && n <= 480, true),
    seconds_per_question: number((n) => n > 0 && n <= 3600, true),
    aliases,
    questions: list(question, 1),
    rules: list(rule),
    // Examples are left to the schema: their answers take many shapes.
    examples: () => NO,
  },
  ['id', 'version', 'loop', 'title', 'questions'],
);

/** What BankSchema makes of a bank's YAML when it surely accepts it; undefined: ask the schema. */
export function quickBankShape(value: unknown): BankInput | undefined {
  const checked = bankFields(value);
  return checked === NO ? undefined : (checked as BankInput);
}
