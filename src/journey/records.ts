// Constructors for an account's records: the one place a close, a resolution, a new deal or a flag
// a merged history raised is built, so every record carries its format, kind, deal, rep and time the
// same way.
import { RECORD_FORMAT } from '../model/formats.js';
import type { DealOpened, FlagRaised, FlagResolved, Lost, Won } from '../model/records.js';
import type { Flag } from '../model/session.js';

/** Which deal a record is about (none: the account's first deal) and who wrote it. */
export interface RecordBy {
  deal?: string | undefined;
  rep?: string | undefined;
}

function base<K extends string>(kind: K, account: string, by: RecordBy) {
  return {
    format: RECORD_FORMAT as typeof RECORD_FORMAT,
    kind,
    account,
    ...(by.deal ? { deal: by.deal } : {}),
  };
}

function stamp(now: Date, by: RecordBy) {
  return { at: now.toISOString(), ...(by.rep ? { rep: by.rep } : {}) };
}

export function wonRecord(account: string, on: string, every: string, now: Date, by: RecordBy = {}): Won {
  return { ...base('won', account, by), on, every, ...stamp(now, by) };
}

export function lostRecord(
  account: string,
  on: string,
  reason: string | undefined,
  now: Date,
  by: RecordBy = {},
): Lost {
  return { ...base('lost', account, by), on, ...(reason ? { reason } : {}), ...stamp(now, by) };
}

export function flagResolvedRecord(
  account: string,
  flag: string,
  note: string | undefined,
  now: Date,
  by: RecordBy = {},
): FlagResolved {
  return { ...base('flag_resolved', account, by), flag, ...(note ? { note } : {}), ...stamp(now, by) };
}

export function dealOpenedRecord(
  account: string,
  deal: string,
  heard: { need?: string | undefined; from?: string | undefined },
  now: Date,
  by: Omit<RecordBy, 'deal'> = {},
): DealOpened {
  return {
    ...base('deal_opened', account, { deal }),
    deal,
    ...(heard.need ? { need: heard.need } : {}),
    ...(heard.from ? { from: heard.from } : {}),
    ...stamp(now, by),
  };
}

/**
 * A loop-back flag the review of a merged history raised, with the session whose answers show it as
 * evidence (its deal is the session's deal).
 */
export function flagRaisedRecord(
  account: string,
  session: string,
  flag: Flag,
  now: Date,
  by: RecordBy = {},
): FlagRaised {
  return { ...base('flag_raised', account, by), session, flag, ...stamp(now, by) };
}
