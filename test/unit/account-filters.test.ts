// The accounts listing's filters: the rep by name words, open flags, a check-in due; combined with AND.
import { describe, expect, it } from 'vitest';
import {
  describeFilters,
  historyMatches,
  needsSessions,
  repMatches,
} from '../../src/journey/account-filters.js';
import type { Account } from '../../src/model/account.js';
import type { AccountRecord } from '../../src/model/records.js';
import type { Session } from '../../src/model/session.js';

const AT = '2026-01-10T10:00:00.000Z';
const BANK = { id: 'knowledge-discovery', version: 1, hash: 'sha256:x', title: 'K' };

function session(overrides: Partial<Session> = {}): Session {
  return {
    format: 1,
    id: '20260110T100000Z-knowledge-abc1234',
    account: 'Acme',
    loop: 'knowledge',
    bank: BANK,
    status: 'complete',
    started: AT,
    updated: AT,
    entries: [],
    notes: [],
    flags: [],
    tips: [],
    shifts: [],
    revisits: [],
    judgements: [],
    warnings: [],
    ...overrides,
  } as Session;
}

const flag = {
  id: 'abc1234-1',
  rule: 'manual',
  message: 'Check the problem again',
  evidence: [],
  revisit: [],
  decision: 'deferred' as const,
  at: AT,
};

const won = (on: string, every = '30d'): AccountRecord =>
  ({ format: 1, kind: 'won', account: 'Acme', on, every, at: `${on}T09:00:00.000Z` }) as AccountRecord;

describe('repMatches', () => {
  it.each([
    ['Dana Ruiz', 'dana', true],
    ['Dana Ruiz', 'DANA RUIZ', true],
    ['Dana Ruiz', 'ruiz', true],
    ['José Núñez', 'jose nunez', true],
    ['Jordan Lee', 'dan', false],
    ['Dana Ruiz', 'dana smith', false],
    [undefined, 'dana', false],
    ['Dana Ruiz', '  ', false],
  ])('%s is %s: %s', (rep, typed, expected) => {
    expect(repMatches(rep, typed)).toBe(expected);
  });
});

describe('historyMatches', () => {
  const today = '2026-03-01';
  const plain: Account = { name: 'Acme', sessions: [session({ rep: 'Dana Ruiz' })], records: [] };
  const flagged: Account = {
    name: 'Acme',
    sessions: [session({ rep: 'Sam Poe', flags: [flag] })],
    records: [],
  };
  const customerDue: Account = { name: 'Acme', sessions: [session()], records: [won('2026-01-15')] };
  const customerLater: Account = { name: 'Acme', sessions: [session()], records: [won('2026-02-20')] };

  it('needs whole sessions only for flags, due and rep', () => {
    expect(needsSessions({ stage: 'customer' })).toBe(false);
    expect(needsSessions({ openFlags: true })).toBe(true);
    expect(needsSessions({ due: true })).toBe(true);
    expect(needsSessions({ rep: 'x' })).toBe(true);
  });

  it('keeps accounts with an open flag', () => {
    expect(historyMatches(flagged, { openFlags: true }, today)).toBe(true);
    expect(historyMatches(plain, { openFlags: true }, today)).toBe(false);
  });

  it('keeps customers whose check-in is due today or overdue', () => {
    expect(historyMatches(customerDue, { due: true }, today)).toBe(true);
    expect(historyMatches(customerDue, { due: true }, '2026-02-14')).toBe(true);
    expect(historyMatches(customerDue, { due: true }, '2026-02-13')).toBe(false);
    expect(historyMatches(customerLater, { due: true }, today)).toBe(false);
    expect(historyMatches(plain, { due: true }, today)).toBe(false);
  });

  it('keeps accounts with a session by the rep', () => {
    expect(historyMatches(plain, { rep: 'dana' }, today)).toBe(true);
    expect(historyMatches(flagged, { rep: 'dana' }, today)).toBe(false);
  });

  it('combines filters with AND', () => {
    expect(historyMatches(flagged, { openFlags: true, rep: 'sam' }, today)).toBe(true);
    expect(historyMatches(flagged, { openFlags: true, rep: 'dana' }, today)).toBe(false);
    expect(historyMatches(flagged, { openFlags: true, due: true }, today)).toBe(false);
  });

  it('describes the filters in words', () => {
    expect(describeFilters({ stage: 'customer', openFlags: true, due: true, rep: 'dana' })).toBe(
      'stage customer, open loop-back flags, a check-in due, rep "dana"',
    );
  });
});
