// Deals within an account: which sessions and records belong to which deal, and which deal a
// command works on.
import { describe, expect, it } from 'vitest';
import { chooseDeal, dealKey, dealsOf, FIRST_DEAL } from '../../src/journey/deals.js';
import type { AccountRecord } from '../../src/model/records.js';
import type { Session } from '../../src/model/session.js';
import { sessionFixture } from '../helpers.js';

const won = (on: string, deal?: string): AccountRecord =>
  ({
    format: 1,
    kind: 'won',
    account: 'Acme, Inc.',
    on,
    every: '30d',
    at: `${on}T12:00:00.000Z`,
    ...(deal ? { deal } : {}),
  }) as AccountRecord;
const lost = (on: string, deal?: string): AccountRecord =>
  ({
    format: 1,
    kind: 'lost',
    account: 'Acme, Inc.',
    on,
    at: `${on}T12:00:00.000Z`,
    ...(deal ? { deal } : {}),
  }) as AccountRecord;
const session = (id: string, loop: Session['loop'], day: string, deal?: string) =>
  sessionFixture(id, loop, day, deal ? { deal } : {});

describe('deals', () => {
  it('files without a deal belong to the first deal; named deals are their own, whatever the spelling', () => {
    const account = {
      name: 'Acme, Inc.',
      sessions: [
        session('a1', 'knowledge', '01'),
        session('a2', 'options', '02'),
        session('b1', 'knowledge', '05', 'EU rollout'),
        session('b2', 'options', '06', 'eu rollout'),
      ],
      records: [won('2026-03-03'), lost('2026-03-07', 'EU Rollout')],
    };
    const deals = dealsOf(account);
    expect(deals.map((d) => [d.key, d.deal, d.sessions.length, d.stage])).toEqual([
      [FIRST_DEAL, 'first deal', 2, 'customer'],
      ['eurollout', 'EU rollout', 2, 'lost'],
    ]);
  });

  it.each([
    ['a new account: its first deal', [], [], undefined, { kind: 'deal', isNew: true, key: FIRST_DEAL }],
    [
      'the only open deal',
      [session('a1', 'knowledge', '01')],
      [],
      undefined,
      { kind: 'deal', isNew: false, key: FIRST_DEAL },
    ],
    [
      'a named new deal',
      [session('a1', 'knowledge', '01')],
      [],
      'Expansion',
      { kind: 'deal', isNew: true, key: 'expansion' },
    ],
    [
      'a named deal, spelt differently',
      [session('b1', 'knowledge', '01', 'EU rollout')],
      [],
      'eu-rollout',
      { kind: 'deal', isNew: false, key: 'eurollout' },
    ],
    [
      'the first deal by its name',
      [session('a1', 'knowledge', '01'), session('b1', 'knowledge', '02', 'EU')],
      [],
      'First deal',
      { kind: 'deal', isNew: false, key: FIRST_DEAL },
    ],
    [
      'several open deals: the rep chooses',
      [session('a1', 'knowledge', '01'), session('b1', 'knowledge', '02', 'EU')],
      [],
      undefined,
      { kind: 'choose' },
    ],
    [
      'one open deal beside a lost one',
      [session('a1', 'knowledge', '01'), session('b1', 'knowledge', '02', 'EU')],
      [lost('2026-03-03')],
      undefined,
      { kind: 'deal', isNew: false, key: 'eu' },
    ],
  ] as const)('%s', (_, sessions, records, named, expected) => {
    const choice = chooseDeal({ name: 'Acme, Inc.', sessions: [...sessions], records: [...records] }, named);
    expect(choice.kind).toBe(expected.kind);
    if (choice.kind === 'deal' && 'key' in expected) {
      expect(choice.deal.key).toBe(expected.key);
      expect(choice.isNew).toBe(expected.isNew);
    }
  });

  it('keys ignore case, spacing and punctuation', () => {
    expect(dealKey('EU  Roll-out!')).toBe(dealKey('eu roll out'));
    expect(dealKey('E.U. Rollout')).toBe(dealKey('EU rollout'));
    expect(dealKey(undefined)).toBe(FIRST_DEAL);
  });

  it('a name of symbols alone is a deal of its own, never the first deal', () => {
    expect(dealKey('🚀🚀')).not.toBe(FIRST_DEAL);
    expect(dealKey('!!!')).not.toBe(dealKey('🚀🚀'));
    const account = {
      name: 'A',
      sessions: [session('a1', 'knowledge', '01'), session('b1', 'knowledge', '02', '🚀🚀')],
      records: [],
    };
    expect(dealsOf(account).map((d) => d.deal)).toEqual(['first deal', '🚀🚀']);
  });

  it('several deals, every one lost: the rep chooses', () => {
    const sessions = [session('a1', 'knowledge', '01'), session('b1', 'knowledge', '02', 'EU')];
    const choice = chooseDeal(
      { name: 'A', sessions, records: [lost('2026-03-03'), lost('2026-03-04', 'EU')] },
      undefined,
    );
    expect(choice.kind).toBe('choose');
  });
});
