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

export const AccountRecordSchema = z.discriminatedUnion('kind', [FlagResolvedSchema]);

export type FlagResolved = z.infer<typeof FlagResolvedSchema>;
export type AccountRecord = z.infer<typeof AccountRecordSchema>;
