// The manager's team report: per rep, what their calls did and what is going stale, from data folders
// with several reps, older files without one, several deals, closes and every way a flag is resolved.
import { describe, expect, it } from 'vitest';
import { flagRaisedRecord, flagResolvedRecord, lostRecord, wonRecord } from '../../src/journey/records.js';
import {
  addAccountToTeam,
  buildTeamReport,
  closeOf,
  NO_REP,
  newTeamTally,
  type RepReport,
  repsNamed,
  type TeamReport,
} from '../../src/journey/team-report.js';
import type { Account } from '../../src/model/account.js';
import type { Flag, Session } from '../../src/model/session.js';
import { sessionFixture } from '../helpers.js';

const TODAY = '2026-03-20';

function flag(id: string, day: string, decision: Flag['decision'], rule = 'budget_cut'): Flag {
  return {
    id,
    rule,
    message: `Flag ${id}: re-evaluate`,
    evidence: [],
    revisit: [],
    decision,
    at: `2026-03-${day}T10:05:00.000Z`,
  };
}

const at = (date: string) => new Date(`${date}T12:00:00.000Z`);

function session(
  account: string,
  id: string,
  loop: Session['loop'],
  day: string,
  rep: string | undefined,
  extra: Partial<Session> = {},
): Session {
  return sessionFixture(id, loop, day, { account, ...(rep ? { rep } : {}), ...extra });
}

const statement = (day: string) => ({
  question: 'statement',
  ask: 'Problem statement?',
  type: 'long' as const,
  role: 'problem_statement' as const,
  answer: 'Onboarding takes eight weeks',
  at: `2026-03-${day}T10:01:00.000Z`,
});

/** Dana Ruiz's account: a flag re-evaluated Now, one resolved by a later Knowledge call, one by hand, two open. */
const ACME: Account = {
  name: 'Acme, Inc.',
  sessions: [
    session('Acme, Inc.', 'a1', 'knowledge', '01', 'Dana Ruiz', {
      flags: [flag('a1-1', '01', 'reevaluated')],
    }),
    session('Acme, Inc.', 'a2', 'options', '02', 'Dana Ruiz', { flags: [flag('a2-1', '02', 'deferred')] }),
    // Another spelling of the same rep (git's user.name, say): one rep.
    session('Acme, Inc.', 'a3', 'knowledge', '04', 'dana ruiz', { entries: [statement('04')] }),
    session('Acme, Inc.', 'a4', 'options', '06', 'Dana Ruiz', {
      flags: [flag('a4-1', '06', 'deferred', 'shift'), flag('a4-2', '06', 'deferred')],
    }),
    session('Acme, Inc.', 'a5', 'options', '16', 'Dana Ruiz', { flags: [flag('a5-1', '16', 'deferred')] }),
  ],
  records: [flagResolvedRecord('Acme, Inc.', 'a4-2', 'CFO agrees', at('2026-03-07'), { rep: 'Dana Ruiz' })],
};

/** Sam Lee's account with two deals: the first won long ago (its check-in overdue), another won this month. */
const GLOBEX: Account = {
  name: 'Globex',
  sessions: [
    session('Globex', 'g1', 'knowledge', '02', 'Sam Lee'),
    session('Globex', 'g2', 'knowledge', '08', 'Sam Lee', { deal: 'EU rollout' }),
  ],
  records: [
    wonRecord('Globex', '2026-02-01', '30d', at('2026-02-01'), { rep: 'Sam Lee' }),
    wonRecord('Globex', '2026-03-10', 'quarterly', at('2026-03-10'), { rep: 'Sam Lee', deal: 'EU rollout' }),
  ],
};

/** Files from before reps were kept: no rep anywhere. */
const INITECH: Account = {
  name: 'Initech',
  sessions: [session('Initech', 'i1', 'knowledge', '03', undefined)],
  records: [lostRecord('Initech', '2026-03-09', 'chose to build in-house', at('2026-03-09'))],
};

function report(accounts: Account[], since?: string): TeamReport {
  const tally = newTeamTally({ today: TODAY, since });
  for (const account of accounts) addAccountToTeam(tally, account);
  return buildTeamReport(tally);
}

const repNamed = (r: TeamReport, name: string): RepReport => {
  const found = r.reps.find((x) => x.name === name);
  if (!found) throw new Error(`no rep ${name} in ${r.reps.map((x) => x.name).join(', ')}`);
  return found;
};

describe('team report', () => {
  const all = report([ACME, GLOBEX, INITECH]);

  it('lists every rep by name, one rep for every spelling of a name, files without a rep last', () => {
    expect(all.reps.map((r) => r.name)).toEqual(['Dana Ruiz', 'Sam Lee', NO_REP]);
    expect(all.reps.map((r) => r.rep)).toEqual(['Dana Ruiz', 'Sam Lee', null]);
    expect(all).toMatchObject({ format: 1, today: TODAY, since: null, staleAfterDays: 7 });
  });

  it("counts a rep's sessions, accounts and loops", () => {
    expect(repNamed(all, 'Dana Ruiz')).toMatchObject({
      sessions: 5,
      accounts: 1,
      loops: { knowledge: 2, options: 3, results: 0 },
    });
    expect(repNamed(all, 'Sam Lee')).toMatchObject({
      sessions: 2,
      accounts: 1,
      loops: { knowledge: 2, options: 0, results: 0 },
    });
    expect(repNamed(all, NO_REP)).toMatchObject({ sessions: 1, accounts: 1 });
  });

  it('counts loop-backs raised in the rep’s calls, the decision taken, and how each was resolved', () => {
    expect(repNamed(all, 'Dana Ruiz').loopBacks).toEqual({
      raised: 5,
      now: 1,
      deferred: 4,
      resolved: { reevaluated: 1, restated: 0, knowledge_session: 1, by_hand: 1 },
      open: 2,
    });
    expect(repNamed(all, 'Sam Lee').loopBacks.raised).toBe(0);
  });

  it('lists open flags raised more than a week ago, not those of the last week', () => {
    expect(repNamed(all, 'Dana Ruiz').staleFlags).toEqual([
      {
        flag: 'a4-1',
        account: 'Acme, Inc.',
        deal: null,
        raised: '2026-03-06',
        days: 14,
        message: 'Flag a4-1: re-evaluate',
      },
    ]);
  });

  it("lists a customer deal's overdue check-in under the rep who ran its last call, naming the deal", () => {
    expect(repNamed(all, 'Sam Lee').overdueCheckIns).toEqual([
      { account: 'Globex', deal: 'first deal', due: '2026-03-03', overdueDays: 17 },
    ]);
    expect(repNamed(all, 'Dana Ruiz').overdueCheckIns).toEqual([]);
  });

  it('lists deals won and lost under the rep who recorded the close', () => {
    expect(repNamed(all, 'Sam Lee').won).toEqual([
      { account: 'Globex', deal: 'first deal', on: '2026-02-01', reason: null },
      { account: 'Globex', deal: 'EU rollout', on: '2026-03-10', reason: null },
    ]);
    expect(repNamed(all, NO_REP).lost).toEqual([
      { account: 'Initech', deal: null, on: '2026-03-09', reason: 'chose to build in-house' },
    ]);
    expect(repNamed(all, 'Dana Ruiz')).toMatchObject({ won: [], lost: [] });
  });

  it('--since counts only activity on or after the date; stale flags and overdue check-ins stay as of today', () => {
    const since = report([ACME, GLOBEX, INITECH], '2026-03-05');
    expect(since.since).toBe('2026-03-05');
    const dana = repNamed(since, 'Dana Ruiz');
    expect(dana).toMatchObject({ sessions: 2, accounts: 1, loops: { knowledge: 0, options: 2, results: 0 } });
    expect(dana.loopBacks).toEqual({
      raised: 3,
      now: 0,
      deferred: 3,
      resolved: { reevaluated: 0, restated: 0, knowledge_session: 0, by_hand: 1 },
      open: 2,
    });
    expect(dana.staleFlags.map((f) => f.flag)).toEqual(['a4-1']);
    const sam = repNamed(since, 'Sam Lee');
    expect(sam).toMatchObject({ sessions: 1, won: [{ deal: 'EU rollout', on: '2026-03-10' }] });
    expect(sam.won).toHaveLength(1);
    expect(sam.overdueCheckIns).toHaveLength(1);
    // A close in the window touches its account, though no call was.
    expect(repNamed(since, NO_REP)).toMatchObject({
      sessions: 0,
      accounts: 1,
      lost: [{ account: 'Initech' }],
    });
  });

  it('a flag a sync raised with a teammate’s session as evidence is that rep’s loop-back', () => {
    const merged = flag('g1-9', '12', 'deferred', 'new_stakeholder');
    const globex: Account = {
      ...GLOBEX,
      records: [
        ...GLOBEX.records,
        flagRaisedRecord('Globex', GLOBEX.sessions[0]?.id ?? '', merged, at('2026-03-12'), {
          rep: 'Dana Ruiz',
        }),
      ],
    };
    const r = report([globex]);
    expect(repNamed(r, 'Sam Lee').loopBacks).toMatchObject({ raised: 1, deferred: 1, open: 1 });
    expect(repNamed(r, 'Sam Lee').staleFlags.map((f) => f.flag)).toEqual(['g1-9']);
  });

  it('an empty data folder has no reps', () => {
    expect(report([]).reps).toEqual([]);
  });
});

describe('--rep', () => {
  const all = report([ACME, GLOBEX, INITECH]);
  it.each([
    ['dana', ['Dana Ruiz']],
    ['DANA', ['Dana Ruiz']],
    ['ruiz', ['Dana Ruiz']],
    ['Dana Ruiz', ['Dana Ruiz']],
    ['lee', ['Sam Lee']],
  ])('"%s" finds %j', (typed, names) => {
    const chosen = repsNamed(all, typed);
    expect(chosen.kind === 'reps' && chosen.reps.map((r) => r.name)).toEqual(names);
  });

  it('a word that begins no name matches nobody, and the reps known are given', () => {
    expect(repsNamed(all, 'ana')).toEqual({ kind: 'unknown', known: ['Dana Ruiz', 'Sam Lee'] });
    expect(repsNamed(all, 'jordan')).toEqual({ kind: 'unknown', known: ['Dana Ruiz', 'Sam Lee'] });
  });
});

describe('closeOf', () => {
  it("a customer's close is the win since its last loss; a later win only changed the cadence", () => {
    const records = [
      wonRecord('X', '2026-01-01', '30d', at('2026-01-01')),
      lostRecord('X', '2026-02-01', undefined, at('2026-02-01')),
      wonRecord('X', '2026-03-01', '30d', at('2026-03-01')),
      wonRecord('X', '2026-03-15', 'quarterly', at('2026-03-15')),
    ];
    expect(closeOf({ stage: 'customer', records })).toMatchObject({ kind: 'won', on: '2026-03-01' });
    expect(closeOf({ stage: 'lost', records: records.slice(0, 2) })).toMatchObject({
      kind: 'lost',
      on: '2026-02-01',
    });
    expect(closeOf({ stage: 'prospect', records: [] })).toBeUndefined();
  });
});
