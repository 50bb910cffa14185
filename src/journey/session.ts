// A session: one conversation with an account, in one loop, through one bank. The file format is this schema.
import { z } from 'zod';
import type { QuestionBank } from '../bank/bank.js';
import { QUESTION_TYPES } from '../bank/schema.js';
import { LOOPS } from './loop.js';

export const SESSION_FORMAT = 1;

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

export type Session = z.infer<typeof SessionSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type Note = z.infer<typeof NoteSchema>;

export interface NewSession {
  id: string;
  account: string;
  bank: QuestionBank;
  contact?: string | undefined;
  now: Date;
}

export function newSession({ id, account, bank, contact, now }: NewSession): Session {
  const at = now.toISOString();
  return {
    format: SESSION_FORMAT,
    id,
    account,
    loop: bank.loop,
    bank: { id: bank.id, version: bank.version, hash: bank.hash, title: bank.title },
    ...(contact ? { contact } : {}),
    status: 'in_progress',
    started: at,
    updated: at,
    entries: [],
    notes: [],
  };
}

/** A session id sorts by time: `20261128T051957Z-knowledge-k3j2h1`. */
export function sessionId(loop: string, now: Date, suffix: string): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${loop}-${suffix}`;
}

export function answeredCount(session: Session): number {
  return session.entries.filter((e) => e.answer !== undefined).length;
}

export function skippedCount(session: Session): number {
  return session.entries.filter((e) => e.skipped).length;
}
