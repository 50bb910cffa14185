// Constructors for an account's records: the one place a close or a resolution is built, so every
// record carries its format, kind and time the same way.
import { RECORD_FORMAT } from '../model/formats.js';
import type { FlagResolved, Lost, Won } from '../model/records.js';

export function wonRecord(account: string, on: string, every: string, now: Date): Won {
  return { format: RECORD_FORMAT, kind: 'won', account, on, every, at: now.toISOString() };
}

export function lostRecord(account: string, on: string, reason: string | undefined, now: Date): Lost {
  return {
    format: RECORD_FORMAT,
    kind: 'lost',
    account,
    on,
    ...(reason ? { reason } : {}),
    at: now.toISOString(),
  };
}

export function flagResolvedRecord(
  account: string,
  flag: string,
  note: string | undefined,
  now: Date,
): FlagResolved {
  return {
    format: RECORD_FORMAT,
    kind: 'flag_resolved',
    account,
    flag,
    ...(note ? { note } : {}),
    at: now.toISOString(),
  };
}
