// Account records besides sessions: small append-only files, never rewritten, so two reps working
// on copies of one data folder never conflict: a flag resolved by hand, a won or a lost deal.
import { z } from 'zod';
import { dateProblem } from './dates.js';
import { RECORD_FORMAT } from './formats.js';
import { isoTime } from './session-schema.js';

export const FlagResolvedSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('flag_resolved'),
  account: z.string().min(1),
  flag: z.string().min(1),
  note: z.string().min(1).optional(),
  at: isoTime,
});

/** A real calendar day in journey's years: a record another command would refuse is never read as one. */
const isoDate = z.iso
  .date({ error: (issue) => dateProblem(String(issue.input)) ?? 'expected a date as YYYY-MM-DD' })
  .superRefine((text, ctx) => {
    const problem = dateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The sale closed (or a later call changed the cadence, or re-opened a lost account). */
export const WonSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('won'),
  account: z.string().min(1),
  on: isoDate,
  every: z.string().min(1),
  at: isoTime,
});

export const LostSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('lost'),
  account: z.string().min(1),
  on: isoDate,
  reason: z.string().min(1).optional(),
  at: isoTime,
});

export const AccountRecordSchema = z.discriminatedUnion('kind', [FlagResolvedSchema, WonSchema, LostSchema]);

export type FlagResolved = z.infer<typeof FlagResolvedSchema>;
export type Won = z.infer<typeof WonSchema>;
export type Lost = z.infer<typeof LostSchema>;
export type AccountRecord = z.infer<typeof AccountRecordSchema>;
