import { describe, expect, it } from 'vitest';
import { outlineOf } from '../../src/bank/outline.js';
import { flagViews, openFlags } from '../../src/journey/flags.js';
import { buildPrep } from '../../src/journey/prep.js';
import { statementHistory } from '../../src/journey/problem.js';
import type { FlagResolved } from '../../src/model/records.js';
import type { Entry, Flag, Session } from '../../src/model/session.js';
import { bankFrom, sessionFixture } from '../helpers.js';

const bankRef = { id: 'b', version: 1, hash: 'sha256:0', title: 'B' };

const session = (id: string, loop: Session['loop'], day: number, extra: Partial<Session> = {}) =>
  sessionFixture(id, loop, String(day).padStart(2, '0'), { account: 'Acme', bank: bankRef, ...extra });

const statement = (text: string, day: number): Entry => ({
  question: 'problem_statement',
  ask: 'Statement?',
  type: 'long',
  role: 'problem_statement',
  answer: text,
  at: `2026-03-${String(day).padStart(2, '0')}T10:30:00.000Z`,
});

const flag = (id: string, day: number, extra: Partial<Flag> = {}): Flag => ({
  id,
  rule: 'new_person',
  message: 'Someone new decides.',
  evidence: [{ question: 'people', ask: 'People?', after: ['CFO'] }],
  revisit: ['problem_statement'],
  decision: 'deferred',
  at: `2026-03-${String(day).padStart(2, '0')}T10:15:00.000Z`,
  ...extra,
});

describe('flag lifecycle', () => {
  const k1 = session('k1', 'knowledge', 1, { entries: [statement('Slow onboarding', 1)] });
  const o1 = session('o1', 'options', 5, {
    flags: [flag('o1-1', 5), flag('o1-2', 5, { decision: 'reevaluated' })],
  });

  it('keeps a deferred flag open until something resolves it', () => {
    const views = flagViews([k1, o1], []);
    expect(views.map((v) => [v.flag.id, v.status])).toEqual([
      ['o1-1', 'open'],
      ['o1-2', 'resolved'],
    ]);
    expect(views[1]?.resolution).toEqual({ how: 'reevaluated', session: o1.id, at: o1.flags[1]?.at });
    expect(openFlags(views)).toHaveLength(1);
  });

  it('is resolved by a later complete Knowledge session that restates the problem', () => {
    const k2 = session('k2', 'knowledge', 9, { entries: [statement('The tool', 9)] });
    const views = flagViews([k1, o1, k2], []);
    expect(views[0]).toMatchObject({
      status: 'resolved',
      resolution: { how: 'knowledge_session', session: k2.id },
    });
  });

  it('is not resolved by a Knowledge session without a problem statement, or unfinished, or earlier', () => {
    const noStatement = session('k2', 'knowledge', 9);
    const unfinished = session('k3', 'knowledge', 10, {
      entries: [statement('x', 10)],
      status: 'in_progress',
      completed: undefined,
    });
    expect(openFlags(flagViews([k1, o1, noStatement, unfinished], []))).toHaveLength(1);
  });

  it('is resolved by hand with a note, from an append-only record', () => {
    const record: FlagResolved = {
      format: 1,
      kind: 'flag_resolved',
      account: 'Acme',
      flag: 'o1-1',
      note: 'Checked with the VP',
      at: '2026-03-06T09:00:00.000Z',
    };
    const views = flagViews([k1, o1], [record]);
    expect(views[0]).toMatchObject({
      status: 'resolved',
      resolution: { how: 'by_hand', note: 'Checked with the VP' },
    });
  });
});

describe('the problem statement history', () => {
  it('keeps each version with its date, skipping re-typed repeats, including re-evaluations in other loops', () => {
    const sessions = [
      session('k1', 'knowledge', 1, { entries: [statement('Slow onboarding.', 1)] }),
      session('k2', 'knowledge', 3, { entries: [statement('slow  onboarding', 3)] }),
      session('o1', 'options', 5, {
        revisits: [
          {
            flag: 'o1-1',
            bank: bankRef,
            entries: [statement('The tool cannot model entities', 5)],
            at: '2026-03-05T11:00:00.000Z',
          },
        ],
      }),
    ];
    expect(statementHistory(sessions).map((v) => [v.text, v.at.slice(0, 10)])).toEqual([
      ['Slow onboarding.', '2026-03-01'],
      ['The tool cannot model entities', '2026-03-05'],
    ]);
  });
});

describe('prep', () => {
  const knowledge = bankFrom(`id: k
version: 1
loop: knowledge
title: K
questions:
  - { id: trigger, ask: Trigger?, type: text, required: true }
  - { id: problem_statement, ask: Statement?, type: long, required: true, role: problem_statement }
`);
  const options = bankFrom(`id: o
version: 1
loop: options
title: O
questions:
  - { id: criteria, ask: Criteria?, type: list, required: true }
  - { id: next_step, ask: Next?, type: text, required: true }
`);
  const sessions = [
    session('k1', 'knowledge', 1, {
      entries: [statement('Slow onboarding', 1)],
      notes: [{ text: 'CFO joined', at: '2026-03-01T10:20:00.000Z' }],
    }),
    session('o1', 'options', 5, {
      flags: [flag('o1-1', 5)],
      entries: [
        { question: 'next_step', ask: 'Next?', type: 'text', answer: 'Demo', at: '2026-03-05T10:10:00.000Z' },
      ],
      tips: [{ rule: 'single_vendor', text: 'Talk to others.', at: '2026-03-05T10:05:00.000Z' }],
      contact: 'Dana',
    }),
  ];
  const prep = buildPrep({
    account: { name: 'Acme', sessions, records: [] },
    banks: { knowledge: outlineOf(knowledge), options: outlineOf(options), results: undefined },
    now: new Date('2026-03-08T12:00:00.000Z'),
  });

  it('has the documented JSON shape', () => {
    expect(Object.keys(prep)).toEqual([
      'format',
      'account',
      'deal',
      'deals',
      'openedFor',
      'stage',
      'sessions',
      'lastContact',
      'daysSinceLastContact',
      'timeline',
      'problem',
      'openFlags',
      'unknown',
      'lastSession',
      'facts',
      'nextStep',
      'notes',
      'measures',
      'nextCheckIn',
      'next',
    ]);
    expect(JSON.parse(JSON.stringify(prep))).toEqual(prep);
  });

  it('briefs on where the account is and what to do next', () => {
    expect(prep).toMatchObject({
      format: 1,
      account: 'Acme',
      stage: 'prospect',
      sessions: 2,
      lastContact: '2026-03-05',
      daysSinceLastContact: 3,
      timeline: [
        { loop: 'knowledge', date: '2026-03-01', loopBack: false },
        // A loop back is a return to Knowledge; the options call's flag is counted in `flags`.
        { loop: 'options', date: '2026-03-05', loopBack: false, flags: 1 },
      ],
      problem: { now: { text: 'Slow onboarding' } },
      lastSession: { loop: 'options', contact: 'Dana', tips: [{ rule: 'single_vendor' }] },
      next: { loop: 'knowledge', bank: 'k', reason: expect.stringMatching(/loop-back flag is open/) },
    });
    expect(prep.openFlags.map((v) => v.flag.id)).toEqual(['o1-1']);
    expect(prep.unknown).toEqual({
      loop: 'knowledge',
      bank: 'k',
      questions: [{ id: 'trigger', ask: 'Trigger?' }],
    });
  });
});
