// A quick check of a session's shape, for the sessions journey writes: what zod's SessionSchema
// (session-schema.ts) makes of them (the same values, keys in the schema's order, the defaults filled
// in; the very maps and lists read where nothing changes, where zod's are copies), without zod's
// cost (a fifth of a first index build's time over a team's sessions). Anything it is not sure of
// (a wrong value, a key this release does not know) is undefined: the schema then decides, words
// every problem, and keeps the unknown keys. test/unit/session-shape.test.ts keeps the two in step.
// Enum values, literals and patterns are read from the schema itself. For parseSession
// (store/session-file.ts) to try before the schema.
import type { z } from 'zod';
import { type Check, finite, isMap, NO } from './quick-check.js';
import type { Session } from './session.js';
import {
  EntrySchema,
  EvidenceSchema,
  FlagSchema,
  isoDate,
  isoTime,
  JudgementSchema,
  MeasureValueSchema,
  NoteSchema,
  ResolvedSchema,
  RevisitSchema,
  SessionSchema,
  ShiftSchema,
  TipSchema,
  WarningSchema,
} from './session-schema.js';

const anyText: Check = (v) => (typeof v === 'string' ? v : NO);
const text: Check = (v) => (typeof v === 'string' && v.length > 0 ? v : NO);
/** z.number().int(): a safe integer. */
const whole: Check = (v) => (Number.isSafeInteger(v) ? v : NO);
/** The values of a zod enum or literal (through optional), as the schema holds them. */
function valuesOf(schema: z.core.$ZodType): Check {
  const values = schema._zod.values;
  return (v) => (values?.has(v as never) ? v : NO);
}

/** A text matching the pattern of a zod string format or regex check; none found: left to the schema. */
function matching(schema: z.core.$ZodType): Check {
  const pattern = patternOf(schema);
  return (v) => {
    if (typeof v !== 'string' || !pattern) return NO;
    pattern.lastIndex = 0;
    return pattern.test(v) ? v : NO;
  };
}

function patternOf(schema: z.core.$ZodType): RegExp | undefined {
  const def = schema._zod.def as { pattern?: unknown; checks?: { _zod: { def: { pattern?: unknown } } }[] };
  if (def.pattern instanceof RegExp) return def.pattern;
  const patterns = (def.checks ?? []).map((c) => c._zod.def.pattern).filter((p) => p instanceof RegExp);
  return patterns.length === 1 ? (patterns[0] as RegExp) : undefined;
}

/** A schema's inner one, through optional (and default). */
const inner = (schema: z.core.$ZodType): z.core.$ZodType =>
  (schema._zod.def as { innerType?: z.core.$ZodType }).innerType ?? schema;

/**
 * A map to fill, from the start, for a map read that is not a plain object (one without a prototype,
 * say): zod's copy is one. Undefined for a plain one, kept unless a value changes.
 */
const ownMap = (v: object): Record<string, unknown> | undefined =>
  Object.getPrototypeOf(v) === Object.prototype ? undefined : {};

/** A list of items each checked; the very list read unless an item changed (zod's is a copy). */
function list(item: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return NO;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const checked = item(v[i]);
      if (checked === NO) return NO;
      if (checked !== v[i]) out ??= v.slice(0, i);
      out?.push(checked);
    }
    return out ?? v;
  };
}

/** z.record(z.string(), value); the very map read unless a value changed. */
function record(value: Check): Check {
  return (v) => {
    if (!isMap(v)) return NO;
    let out = ownMap(v);
    for (const key of Object.keys(v)) {
      const checked = value(v[key]);
      if (checked === NO) return NO;
      if (checked !== v[key]) out ??= { ...v };
      if (out) out[key] = checked;
    }
    return out ?? v;
  };
}

/** How a map's key is read: required, optional, or an empty list where it is absent. */
type Need = 'required' | 'optional' | 'list' | 'unknown';

/** What the schema of a map's key asks of it (a default other than an empty list is left to zod). */
function needOf(schema: z.core.$ZodType): Need {
  const def = schema._zod.def as { type: string; defaultValue?: unknown };
  if (def.type === 'optional') return 'optional';
  if (def.type !== 'default') return 'required';
  const fallback = def.defaultValue;
  return Array.isArray(fallback) && fallback.length === 0 ? 'list' : 'unknown';
}

/**
 * A map of the schema's keys, in its order, each value checked (`checks` names every key of the
 * schema, no more, no fewer), an empty list given where a key with that default is absent. A key
 * the schema does not know is left to it: it keeps it, and it is noted. The very map read, unless
 * a value changed, a default was given or its keys are in another order: then a copy in the
 * schema's order, as zod's (building a copy of every map was most of this check's time).
 */
function map<Shape extends z.core.$ZodLooseShape>(
  schema: { shape: Shape },
  checks: { [Key in keyof Shape]: Check },
): Check {
  const fields = Object.keys(schema.shape).map((key) => ({
    key,
    check: checks[key as keyof Shape],
    need: needOf(schema.shape[key] as z.core.$ZodType),
  }));
  const known = new Set(fields.map((f) => f.key));
  /** A copy of the first `count` fields of a map read so far unchanged. */
  const copy = (v: Record<string, unknown>, count: number) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const { key } = fields[i] as (typeof fields)[number];
      if (v[key] !== undefined) out[key] = v[key];
    }
    return out;
  };
  return (v) => {
    if (!isMap(v)) return NO;
    const keys = Object.keys(v);
    for (const key of keys) if (!known.has(key)) return NO;
    let out = ownMap(v);
    let next = 0; // the place of the next key read, in the map's own order
    for (let i = 0; i < fields.length; i++) {
      const { key, check, need } = fields[i] as (typeof fields)[number];
      if (need === 'unknown') return NO;
      const value = v[key];
      if (value === undefined) {
        if (Object.hasOwn(v, key) || need === 'required') return NO;
        if (need === 'list') {
          out ??= copy(v, i);
          out[key] = [];
        }
        continue;
      }
      const checked = check(value);
      if (checked === NO) return NO;
      if (!out && (checked !== value || keys[next] !== key)) out = copy(v, i);
      next++;
      if (out) out[key] = checked;
    }
    return out ?? v;
  };
}

const time = matching(isoTime);

const measureValue = map(MeasureValueSchema, {
  actual: finite,
  baseline: finite,
  target: finite,
  direction: valuesOf(inner(MeasureValueSchema.shape.direction)),
  by: matching(isoDate),
});

/** zod's union of a text, a number, a boolean, a list of texts and a measure, tried in that order. */
const answer: Check = (v) => {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return finite(v);
  return Array.isArray(v) ? list(anyText)(v) : measureValue(v);
};

const bankRef = map(RevisitSchema.shape.bank, { id: text, version: whole, hash: text, title: text });

const entry = map(EntrySchema, {
  question: text,
  ask: text,
  type: valuesOf(EntrySchema.shape.type),
  unit: anyText,
  labels: record(anyText),
  role: valuesOf(inner(EntrySchema.shape.role)),
  tracks: valuesOf(inner(EntrySchema.shape.tracks)),
  answer,
  skipped: valuesOf(inner(EntrySchema.shape.skipped)),
  heard: list(text),
  at: time,
});

const evidence = map(EvidenceSchema, {
  question: text,
  ask: text,
  before: answer,
  after: answer,
  labels: record(anyText),
});

const flag = map(FlagSchema, {
  id: matching(FlagSchema.shape.id),
  rule: text,
  message: text,
  evidence: list(evidence),
  revisit: list(anyText),
  decision: valuesOf(FlagSchema.shape.decision),
  basis: record(answer),
  at: time,
});

const sessionFields = map(SessionSchema, {
  format: valuesOf(SessionSchema.shape.format),
  id: matching(SessionSchema.shape.id),
  account: text,
  loop: valuesOf(SessionSchema.shape.loop),
  bank: bankRef,
  contact: text,
  deal: text,
  rep: text,
  quick: valuesOf(inner(SessionSchema.shape.quick)),
  status: valuesOf(SessionSchema.shape.status),
  started: time,
  updated: time,
  completed: time,
  entries: list(entry),
  notes: list(map(NoteSchema, { text, question: anyText, at: time })),
  flags: list(flag),
  tips: list(map(TipSchema, { rule: text, text, basis: record(answer), at: time })),
  shifts: list(map(ShiftSchema, { question: text, ask: text, before: answer, after: answer, at: time })),
  revisits: list(map(RevisitSchema, { flag: text, bank: bankRef, entries: list(entry), at: time })),
  resolved: list(map(ResolvedSchema, { flag: text, how: valuesOf(ResolvedSchema.shape.how), at: time })),
  judgements: list(
    map(JudgementSchema, {
      question: text,
      before: answer,
      after: answer,
      verdict: valuesOf(JudgementSchema.shape.verdict),
      at: time,
    }),
  ),
  warnings: list(map(WarningSchema, { text, at: time })),
});

/** What SessionSchema makes of a session's YAML when it surely accepts it; undefined: ask the schema. */
export function quickSessionShape(value: unknown): Session | undefined {
  const checked = sessionFields(value);
  return checked === NO ? undefined : (checked as Session);
}
