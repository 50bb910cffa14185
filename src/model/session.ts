// A session as data: one conversation with an account, in one loop, through one bank. The types
// come from the session file's schema (session-schema.ts), the one way a session file is read.
import type { z } from 'zod';
import type {
  EntrySchema,
  EvidenceSchema,
  FlagSchema,
  JudgementSchema,
  NoteSchema,
  ResolvedSchema,
  RevisitSchema,
  SessionSchema,
  ShiftSchema,
  TipSchema,
  WarningSchema,
} from './session-schema.js';

export type Session = z.infer<typeof SessionSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type Note = z.infer<typeof NoteSchema>;
export type Flag = z.infer<typeof FlagSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type Tip = z.infer<typeof TipSchema>;
export type Shift = z.infer<typeof ShiftSchema>;
export type Revisit = z.infer<typeof RevisitSchema>;
export type Resolved = z.infer<typeof ResolvedSchema>;
export type Judgement = z.infer<typeof JudgementSchema>;
export type SessionWarning = z.infer<typeof WarningSchema>;

export function answeredCount(session: Pick<Session, 'entries'>): number {
  return session.entries.filter((e) => e.answer !== undefined).length;
}

export function skippedCount(session: Pick<Session, 'entries'>): number {
  return session.entries.filter((e) => e.skipped).length;
}
