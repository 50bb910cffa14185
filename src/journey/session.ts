// A session: one conversation with an account, in one loop, through one bank.
import type { z } from 'zod';
import type { QuestionBank } from '../bank/bank.js';
import type {
  EntrySchema,
  EvidenceSchema,
  FlagSchema,
  NoteSchema,
  RevisitSchema,
  SessionSchema,
  ShiftSchema,
  TipSchema,
} from './session-schema.js';

export const SESSION_FORMAT = 1;

export type Session = z.infer<typeof SessionSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type Note = z.infer<typeof NoteSchema>;
export type Flag = z.infer<typeof FlagSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type Tip = z.infer<typeof TipSchema>;
export type Shift = z.infer<typeof ShiftSchema>;
export type Revisit = z.infer<typeof RevisitSchema>;

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
    flags: [],
    tips: [],
    shifts: [],
    revisits: [],
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

export function answeredCount(session: Pick<Session, 'entries'>): number {
  return session.entries.filter((e) => e.answer !== undefined).length;
}

export function skippedCount(session: Session): number {
  return session.entries.filter((e) => e.skipped).length;
}
