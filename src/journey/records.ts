// Account records besides sessions: small append-only files, never rewritten, so two reps working
// on copies of one data folder never conflict. (A flag resolved by hand is one.)
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const FlagResolvedSchema = z.strictObject({
  format: z.literal(1),
  kind: z.literal('flag_resolved'),
  account: z.string().min(1),
  flag: z.string().min(1),
  note: z.string().min(1).optional(),
  at: isoTime,
});

const isoDate = z.iso.date();

/** The sale closed (or a later call changed the cadence, or re-opened a lost account). */
export const WonSchema = z.strictObject({
  format: z.literal(1),
  kind: z.literal('won'),
  account: z.string().min(1),
  on: isoDate,
  every: z.string().min(1),
  at: isoTime,
});

export const LostSchema = z.strictObject({
  format: z.literal(1),
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
