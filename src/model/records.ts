// Account records besides sessions: small append-only files, never rewritten, so two reps working
// on copies of one data folder never conflict: a flag resolved by hand, a won or a lost deal, a deal
// opened for a new need. Read loosely, like sessions: keys a newer journey added are ignored.
import { z } from 'zod';
import { dateProblem } from './dates.js';
import { RECORD_FORMAT } from './formats.js';
import { looseObject } from './known-keys.js';
import { FlagSchema, isoTime } from './session-schema.js';

/** Who wrote a record (config.yaml's rep, else git's user, else the OS user); absent in older files. */
const rep = z.string().min(1).optional();
/** The deal within the account; absent: the account's first deal (and every record before deals). */
const deal = z.string().min(1).optional();

export const FlagResolvedSchema = looseObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('flag_resolved'),
  account: z.string().min(1),
  deal,
  flag: z.string().min(1),
  note: z.string().min(1).optional(),
  at: isoTime,
  rep,
});

/** A real calendar day in journey's years: a record another command would refuse is never read as one. */
const isoDate = z.iso
  .date({ error: (issue) => dateProblem(String(issue.input)) ?? 'expected a date as YYYY-MM-DD' })
  .superRefine((text, ctx) => {
    const problem = dateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The sale closed (or a later call changed the cadence, or re-opened a lost account). */
export const WonSchema = looseObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('won'),
  account: z.string().min(1),
  deal,
  on: isoDate,
  every: z.string().min(1),
  at: isoTime,
  rep,
});

export const LostSchema = looseObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('lost'),
  account: z.string().min(1),
  deal,
  on: isoDate,
  reason: z.string().min(1).optional(),
  at: isoTime,
  rep,
});

/**
 * A new deal opened before its first conversation: a need a customer named at a Results check-in,
 * to be understood in a Knowledge loop of its own.
 */
export const DealOpenedSchema = looseObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('deal_opened'),
  account: z.string().min(1),
  deal: z.string().min(1),
  /** The need as the customer put it. */
  need: z.string().min(1).optional(),
  /** The session it was heard in. */
  from: z.string().min(1).optional(),
  at: isoTime,
  rep,
});

/**
 * A loop-back the merged history of a shared data folder shows but no session raised: two reps
 * recorded different problem statements, a teammate's call added a stakeholder. Raised when a sync
 * reviews what arrived, with the session whose answers show it as evidence; every clone that
 * reviews the same history raises it under the same flag id, so copies of it count once.
 */
export const FlagRaisedSchema = looseObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.literal('flag_raised'),
  account: z.string().min(1),
  deal,
  /** The session whose answers, read against the merged history, raise the flag. */
  session: z.string().min(1),
  flag: FlagSchema,
  at: isoTime,
  rep,
});

export const AccountRecordSchema = z.discriminatedUnion('kind', [
  FlagResolvedSchema,
  WonSchema,
  LostSchema,
  DealOpenedSchema,
  FlagRaisedSchema,
]);

export type FlagResolved = z.infer<typeof FlagResolvedSchema>;
export type Won = z.infer<typeof WonSchema>;
export type Lost = z.infer<typeof LostSchema>;
export type DealOpened = z.infer<typeof DealOpenedSchema>;
export type FlagRaised = z.infer<typeof FlagRaisedSchema>;
export type AccountRecord = z.infer<typeof AccountRecordSchema>;
