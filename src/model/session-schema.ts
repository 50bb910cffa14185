// A session's file format: the zod schema every session file is read through. Every object is read
// loosely: a key a newer journey added is kept (and ignored), while the keys this release knows are
// checked as strictly as ever.
import { z } from 'zod';
import { SESSION_FORMAT } from './formats.js';
import { looseObject } from './known-keys.js';
import { LOOPS } from './loop.js';
import { QUESTION_TYPES } from './question.js';
import { ROLES } from './roles.js';

/** A moment, as every file journey writes records it. */
export const isoTime = z.iso.datetime({ offset: true });

/** A day, as a measure's `by` records it. */
export const isoDate = z.iso.date();

const measureShape = {
  actual: z.number().optional(),
  baseline: z.number().optional(),
  target: z.number().optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  by: isoDate.optional(),
};

/** A measure in a bank's examples: strict, since a bank is written by hand against this release. */
export const MeasureValueSchema = z.strictObject(measureShape);

/** A measure taken at a check-in, in a session file. */
const SessionMeasureSchema = looseObject(measureShape);

const AnswerValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  SessionMeasureSchema,
]);

export const EntrySchema = looseObject({
  question: z.string().min(1),
  ask: z.string().min(1),
  type: z.enum(QUESTION_TYPES),
  unit: z.string().optional(),
  /** Labels of the chosen choices, so the record reads the same after the bank changes. */
  labels: z.record(z.string(), z.string()).optional(),
  /** Kept from the bank so the problem's history reads the same after the bank changes. */
  role: z.enum(ROLES).optional(),
  tracks: z.literal('problem').optional(),
  answer: AnswerValueSchema.optional(),
  skipped: z.literal(true).optional(),
  /** Cue ids of the question's `listen_for` the rep ticked as heard. */
  heard: z.array(z.string().min(1)).optional(),
  at: isoTime,
});

export const EvidenceSchema = looseObject({
  question: z.string().min(1),
  ask: z.string().min(1),
  before: AnswerValueSchema.optional(),
  after: AnswerValueSchema.optional(),
  /** Labels of the choices in before and after, so evidence reads as the rep chose (absent before it was kept). */
  labels: z.record(z.string(), z.string()).optional(),
});

/** A loop-back flag: new information that should send the prospect back to re-evaluate the problem. */
export const FlagSchema = looseObject({
  id: z.string().regex(/^[a-z0-9]+-[0-9]+$/),
  /** The bank rule that raised it, or `manual` (the rep) or `shift` (a tracked answer moved). */
  rule: z.string().min(1),
  message: z.string().min(1),
  evidence: z.array(EvidenceSchema),
  revisit: z.array(z.string()),
  decision: z.enum(['deferred', 'reevaluated']),
  /** The answers the rule read when it fired: it fires again only once they change. */
  basis: z.record(z.string(), AnswerValueSchema).optional(),
  at: isoTime,
});

export const TipSchema = looseObject({
  rule: z.string().min(1),
  text: z.string().min(1),
  basis: z.record(z.string(), AnswerValueSchema).optional(),
  at: isoTime,
});

/** A flag of this account that this session resolved by restating the problem. */
export const ResolvedSchema = looseObject({
  flag: z.string().min(1),
  how: z.literal('restated'),
  at: isoTime,
});

/** A tracked answer that changed a little: the rep, who was on the call, said whether the problem moved. */
export const JudgementSchema = looseObject({
  question: z.string().min(1),
  before: AnswerValueSchema,
  after: AnswerValueSchema,
  verdict: z.enum(['reworded', 'moved']),
  at: isoTime,
});

/** Something the bank got wrong while it ran (a condition that failed): shown, recorded, never silent. */
export const WarningSchema = looseObject({
  text: z.string().min(1),
  at: isoTime,
});

/** A change to the problem's definition, recorded where it was re-evaluated (a Knowledge answer). */
export const ShiftSchema = looseObject({
  question: z.string().min(1),
  ask: z.string().min(1),
  before: AnswerValueSchema,
  after: AnswerValueSchema,
  at: isoTime,
});

const BankRefSchema = looseObject({
  id: z.string().min(1),
  version: z.number().int(),
  hash: z.string().min(1),
  title: z.string().min(1),
});

/** Knowledge-loop questions asked again inside another session, to re-evaluate the problem. */
export const RevisitSchema = looseObject({
  flag: z.string().min(1),
  bank: BankRefSchema,
  entries: z.array(EntrySchema),
  at: isoTime,
});

export const NoteSchema = looseObject({
  text: z.string().min(1),
  question: z.string().optional(),
  at: isoTime,
});

export const SessionSchema = looseObject({
  format: z.literal(SESSION_FORMAT),
  id: z.string().regex(/^[0-9]{8}T[0-9]{6}Z-[a-z]+-[a-z0-9]+$/),
  account: z.string().min(1),
  loop: z.enum(LOOPS),
  bank: BankRefSchema,
  contact: z.string().min(1).optional(),
  /** The deal within the account this session is about; absent: the account's first deal. */
  deal: z.string().min(1).optional(),
  /** Who ran the session (config.yaml's rep, else git's user, else the OS user). */
  rep: z.string().min(1).optional(),
  /** A short call: only the bank's core questions (and the follow-ups they open); resume keeps it short. */
  quick: z.literal(true).optional(),
  status: z.enum(['in_progress', 'complete']),
  started: isoTime,
  updated: isoTime,
  completed: isoTime.optional(),
  entries: z.array(EntrySchema),
  notes: z.array(NoteSchema),
  flags: z.array(FlagSchema).default([]),
  tips: z.array(TipSchema).default([]),
  shifts: z.array(ShiftSchema).default([]),
  revisits: z.array(RevisitSchema).default([]),
  /** Flags of this account this session resolved; absent in sessions recorded before it was kept. */
  resolved: z.array(ResolvedSchema).optional(),
  judgements: z.array(JudgementSchema).default([]),
  warnings: z.array(WarningSchema).default([]),
});
