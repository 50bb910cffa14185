// A session's file format: the zod schema every session file is read through.
import { z } from 'zod';
import { QUESTION_TYPES } from '../bank/schema.js';
import { LOOPS } from './loop.js';
import { SESSION_FORMAT } from './session.js';

const isoTime = z.iso.datetime({ offset: true });
const AnswerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const EntrySchema = z.strictObject({
  question: z.string().min(1),
  ask: z.string().min(1),
  type: z.enum(QUESTION_TYPES),
  unit: z.string().optional(),
  /** Labels of the chosen choices, so the record reads the same after the bank changes. */
  labels: z.record(z.string(), z.string()).optional(),
  answer: AnswerValueSchema.optional(),
  skipped: z.literal(true).optional(),
  at: isoTime,
});

export const NoteSchema = z.strictObject({
  text: z.string().min(1),
  question: z.string().optional(),
  at: isoTime,
});

export const SessionSchema = z.strictObject({
  format: z.literal(SESSION_FORMAT),
  id: z.string().regex(/^[0-9]{8}T[0-9]{6}Z-[a-z]+-[a-z0-9]+$/),
  account: z.string().min(1),
  loop: z.enum(LOOPS),
  bank: z.strictObject({
    id: z.string().min(1),
    version: z.number().int(),
    hash: z.string().min(1),
    title: z.string().min(1),
  }),
  contact: z.string().min(1).optional(),
  status: z.enum(['in_progress', 'complete']),
  started: isoTime,
  updated: isoTime,
  completed: isoTime.optional(),
  entries: z.array(EntrySchema),
  notes: z.array(NoteSchema),
});
