// Bank stats for trainers: per question asked, skipped, "other", re-asked and median answer time; per
// rule fired, Now, Later, resolved, moved and noise; which questions come before loop-backs and wins.
// Every count is checked on sessions built by hand, so each number has a reason.
import { describe, expect, it } from 'vitest';
import {
  ANSWER_GAP,
  addAccountToBankStats,
  type BankReport,
  type BankShape,
  type BankStatsReport,
  bankStatsReport,
  median,
  newBankStatsTally,
  type QuestionStats,
  type RuleStats,
} from '../../src/journey/bank-stats.js';
import { lostRecord, wonRecord } from '../../src/journey/records.js';
import type { Account } from '../../src/model/account.js';
import type { Entry, Flag, Session } from '../../src/model/session.js';
import { bankFrom, sessionFixture } from '../helpers.js';

const DISCOVERY = bankFrom(`id: discovery
version: 2
loop: knowledge
title: Discovery
questions:
  - { id: why_now, ask: Why now?, type: text, tracks: problem }
  - id: kind
    ask: What kind of trigger?
    type: choice
    other: true
    choices: [{ id: growth, label: Growth }, { id: audit, label: An audit }]
  - { id: tools, ask: Which tools?, type: multi, other: true, choices: [Excel, Sheets] }
  - { id: statement, ask: Problem statement?, type: long, role: problem_statement, tracks: problem }
rules:
  - id: budget_gone
    when: answers.kind == "audit"
    loop_back: { message: The budget went, revisit: [statement] }
  - { id: no_tools, when: size(answers.tools) == 0, tip: Ask about their tools }
  - id: never_fires
    when: answers.why_now == "never"
    loop_back: { message: Never, revisit: [statement] }
`);

const SHELF = new Map<string, BankShape>([[DISCOVERY.id, DISCOVERY]]);

const V1 = { id: 'discovery', version: 1, hash: 'sha256:aaa', title: 'Discovery (old)' };
const V2 = { id: 'discovery', version: 2, hash: 'sha256:bbb', title: 'Discovery' };
const TOUR = { id: 'tour', version: 1, hash: 'sha256:ccc', title: 'Tour' };

/** An entry `seconds` after 10:00:00 on a day of March 2026. */
function entry(
  day: string,
  seconds: number,
  question: string,
  answer?: Entry['answer'],
  extra: Partial<Entry> = {},
): Entry {
  const at = new Date(Date.parse(`2026-03-${day}T10:00:00.000Z`) + seconds * 1000).toISOString();
  const ask =
    { why_now: 'Why now?', kind: 'What kind of trigger?', tools: 'Which tools?' }[question] ?? question;
  const type = question === 'kind' ? 'choice' : question === 'tools' ? 'multi' : 'text';
  return {
    question,
    ask,
    type,
    ...(answer === undefined ? { skipped: true as const } : { answer }),
    at,
    ...extra,
  };
}

function flag(id: string, day: string, seconds: number, rule: string, decision: Flag['decision']): Flag {
  const at = new Date(Date.parse(`2026-03-${day}T10:00:00.000Z`) + seconds * 1000).toISOString();
  return { id, rule, message: `flag ${id}`, evidence: [], revisit: ['statement'], decision, at };
}

const s = (id: string, loop: Session['loop'], day: string, extra: Partial<Session>) =>
  sessionFixture(id, loop, day, extra);

// Acme: a call whose loop-back was re-evaluated Now and moved the problem; an Options call (another
// bank) that re-asks a Discovery question and defers a shift; a call that restates the problem
// unchanged (the shift was noise); a call whose loop-back is still open. Won after them all.
const S1 = s('s1', 'knowledge', '01', {
  bank: V1,
  entries: [
    entry('01', 30, 'why_now', 'Audit finding'),
    entry('01', 90, 'kind', 'growth', { labels: { growth: 'Growth' } }),
    entry('01', 120, 'tools', ['Excel', 'Our own CRM']),
    entry('01', 125, 'statement', undefined, { type: 'long' }),
  ],
  flags: [flag('s1-1', '01', 130, 'budget_gone', 'reevaluated')],
  revisits: [
    {
      flag: 's1-1',
      bank: V1,
      entries: [
        entry('01', 180, 'why_now', 'Audit finding, and churn'),
        entry('01', 240, 'statement', 'Churn'),
      ],
      at: '2026-03-01T10:04:00.000Z',
    },
  ],
  shifts: [
    {
      question: 'statement',
      ask: 'Problem statement?',
      before: 'Slow',
      after: 'Churn',
      at: '2026-03-01T10:04:00.000Z',
    },
  ],
  tips: [{ rule: 'no_tools', text: 'Ask about their tools', at: '2026-03-01T10:02:05.000Z' }],
  judgements: [
    {
      question: 'why_now',
      before: 'Audit',
      after: 'Audit finding',
      verdict: 'reworded',
      at: '2026-03-01T10:00:30.000Z',
    },
  ],
});
const S2 = s('s2', 'options', '05', {
  bank: TOUR,
  entries: [entry('05', 20, 'vendors', ['Globex'], { type: 'list' })],
  flags: [flag('s2-1', '05', 40, 'shift', 'deferred'), flag('s2-2', '05', 50, 'manual', 'reevaluated')],
  revisits: [
    {
      flag: 's2-2',
      bank: V1,
      entries: [entry('05', 70, 'why_now', 'Audit finding')],
      at: '2026-03-05T10:01:10.000Z',
    },
  ],
});
const S3 = s('s3', 'knowledge', '08', {
  bank: V2,
  entries: [
    entry('08', 40 * 60, 'why_now', 'Audit finding'),
    entry('08', 40 * 60 + 20, 'kind', 'Something else entirely'),
    entry('08', 40 * 60 + 30, 'statement', 'Slow onboarding', { type: 'long', role: 'problem_statement' }),
  ],
  resolved: [{ flag: 's2-1', how: 'restated', at: '2026-03-08T10:40:30.000Z' }],
});
const S4 = s('s4', 'knowledge', '10', {
  bank: V2,
  entries: [entry('10', 20, 'why_now', 'Audit'), entry('10', 50, 'kind', 'audit')],
  flags: [flag('s4-1', '10', 25, 'budget_gone', 'deferred')],
});
const ACME: Account = {
  name: 'Acme, Inc.',
  sessions: [S1, S2, S3, S4],
  records: [wonRecord('Acme, Inc.', '2026-03-12', '30d', new Date('2026-03-12T12:00:00Z'))],
};

// Globex: one call with a question the bank no longer has, then lost.
const S5 = s('s5', 'knowledge', '02', {
  account: 'Globex',
  bank: V1,
  entries: [
    entry('02', 45, 'why_now', 'Growth'),
    entry('02', 75, 'kind', 'growth'),
    entry('02', 90, 'legacy_q', 'yes'),
  ],
});
const GLOBEX: Account = {
  name: 'Globex',
  sessions: [S5],
  records: [lostRecord('Globex', '2026-03-03', 'no budget', new Date('2026-03-03T12:00:00Z'))],
};

function stats(options: { since?: string; only?: string } = {}, accounts = [ACME, GLOBEX]): BankStatsReport {
  const tally = newBankStatsTally({ ...options, shelf: SHELF });
  for (const account of accounts) addAccountToBankStats(tally, account);
  return bankStatsReport(tally);
}

const bankIn = (r: BankStatsReport, id: string): BankReport => {
  const found = r.banks.find((b) => b.id === id);
  if (!found) throw new Error(`no bank ${id}`);
  return found;
};
const question = (b: BankReport, id: string): QuestionStats => {
  const found = b.questions.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};
const rule = (b: BankReport, id: string): RuleStats => {
  const found = b.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};

describe('bank stats: questions', () => {
  const all = stats();
  const discovery = bankIn(all, 'discovery');

  it('reports every bank seen, with its sessions and the versions they used', () => {
    expect(all.banks.map((b) => b.id)).toEqual(['discovery', 'tour']);
    expect(discovery).toMatchObject({
      onShelf: true,
      current: { version: 2, hash: DISCOVERY.hash },
      sessions: 4,
      versions: [
        { version: 1, hash: 'sha256:aaa', sessions: 2 },
        { version: 2, hash: 'sha256:bbb', sessions: 2 },
      ],
      sessionsWithLoopBack: 2,
      wonDeals: 1,
      lostDeals: 1,
    });
  });

  it('lists the bank’s questions in its order, asked or not, then those only earlier versions asked', () => {
    expect(discovery.questions.map((q) => [q.id, q.inBank])).toEqual([
      ['why_now', true],
      ['kind', true],
      ['tools', true],
      ['statement', true],
      ['legacy_q', false],
    ]);
  });

  it('counts asked, answered, skipped and re-asked (in re-evaluations, whatever the session’s bank)', () => {
    expect(question(discovery, 'why_now')).toMatchObject({ asked: 4, answered: 4, skipped: 0, reasked: 2 });
    expect(question(discovery, 'statement')).toMatchObject({ asked: 2, answered: 1, skipped: 1, reasked: 1 });
    expect(question(discovery, 'legacy_q')).toMatchObject({ asked: 1, answered: 1 });
  });

  it('counts "other" answers: outside the choices the bank has now and the labels the entry kept', () => {
    // "growth" (with or without its label) and "audit" are choices; "Something else entirely" is not.
    expect(question(discovery, 'kind').other).toBe(1);
    // Excel is a choice whose label is its id; "Our own CRM" is another answer.
    expect(question(discovery, 'tools').other).toBe(1);
    // Not a choice question: nothing to count.
    expect(question(discovery, 'why_now').other).toBe(0);
  });

  it('a choice only an earlier version had (its label kept with the answer) is not "other"', () => {
    const old = s('o1', 'knowledge', '04', {
      bank: V1,
      entries: [entry('04', 30, 'kind', 'reorg', { labels: { reorg: 'A reorganisation' } })],
    });
    const tally = newBankStatsTally({ shelf: SHELF });
    addAccountToBankStats(tally, { name: 'Old', sessions: [old], records: [] });
    expect(question(bankIn(bankStatsReport(tally), 'discovery'), 'kind')).toMatchObject({
      answered: 1,
      other: 0,
    });
  });

  it('times an answer from the previous one (or the start), leaving out pauses over half an hour', () => {
    // 30 s, 20 s and 45 s; the 40-minute gap before a call's first answer is a pause.
    expect(question(discovery, 'why_now')).toMatchObject({ medianSeconds: 30, timed: 3 });
    // Answered once, 10 s after the previous answer; the skip is not timed.
    expect(question(discovery, 'statement')).toMatchObject({ medianSeconds: 10, timed: 1 });
    // 60 s, 20 s, 30 s and 30 s: a flag raised between two answers does not reset the clock.
    expect(question(discovery, 'kind')).toMatchObject({ medianSeconds: 30, timed: 4 });
  });

  it('counts the rep’s verdicts on near-line changes, per question and for the bank', () => {
    expect(question(discovery, 'why_now').judged).toEqual({ reworded: 1, moved: 0 });
    expect(discovery.judged).toEqual({ reworded: 1, moved: 0 });
  });

  it('counts the sessions in which a question was asked before a loop-back, and the deals won and lost after it', () => {
    expect(question(discovery, 'why_now')).toMatchObject({
      beforeLoopBack: 2,
      inWonDeals: 1,
      inLostDeals: 1,
    });
    // Asked after s4's flag was raised: it did not precede it.
    expect(question(discovery, 'kind')).toMatchObject({ beforeLoopBack: 1, inWonDeals: 1, inLostDeals: 1 });
    expect(discovery.beforeLoopBacks.map((t) => [t.question, t.count, t.of])).toEqual([
      ['why_now', 2, 4],
      ['tools', 1, 1],
      ['statement', 1, 2],
      ['kind', 1, 4],
    ]);
    expect(discovery.inWonDeals.map((t) => [t.question, t.count, t.of])).toEqual([
      ['why_now', 1, 1],
      ['kind', 1, 1],
      ['tools', 1, 1],
      ['statement', 1, 1],
    ]);
  });

  it('a win counts the calls before it was recorded (its date may be backdated), not Results check-ins', () => {
    const sale = s('w1', 'knowledge', '04', { bank: V2, entries: [entry('04', 30, 'why_now', 'Audit')] });
    const checkIn = s('w2', 'results', '06', { bank: V2, entries: [entry('06', 30, 'kind', 'growth')] });
    const after = s('w3', 'knowledge', '22', { bank: V2, entries: [entry('22', 30, 'tools', ['Excel'])] });
    const tally = newBankStatsTally({ shelf: SHELF });
    addAccountToBankStats(tally, {
      name: 'Won',
      sessions: [sale, checkIn, after],
      records: [wonRecord('Won', '2026-03-01', '30d', new Date('2026-03-20T12:00:00Z'))],
    });
    const discovery = bankIn(bankStatsReport(tally), 'discovery');
    expect(discovery.wonDeals).toBe(1);
    expect(discovery.questions.map((q) => [q.id, q.inWonDeals])).toEqual([
      ['why_now', 1],
      ['kind', 0],
      ['tools', 0],
      ['statement', 0],
    ]);
  });

  it('cannot tell "other" for a bank that is not on the shelf', () => {
    expect(bankIn(all, 'tour')).toMatchObject({ onShelf: false, current: null, title: 'Tour' });
    expect(question(bankIn(all, 'tour'), 'vendors').other).toBeNull();
  });
});

describe('bank stats: rules', () => {
  const all = stats();
  const discovery = bankIn(all, 'discovery');

  it('lists the bank’s rules in its order, fired or not', () => {
    expect(discovery.rules.map((r) => [r.id, r.kind, r.fired])).toEqual([
      ['budget_gone', 'loop_back', 2],
      ['no_tools', 'tip', 1],
      ['never_fires', 'loop_back', 0],
    ]);
  });

  it('counts Now and Later, resolutions, and whether re-evaluating moved the problem', () => {
    expect(rule(discovery, 'budget_gone')).toMatchObject({
      fired: 2,
      now: 1,
      deferred: 1,
      resolved: { reevaluated: 1, restated: 0, knowledge_session: 0, by_hand: 0 },
      open: 1,
      moved: 1,
      reworded: 0,
    });
  });

  it('counts as noise a loop-back whose re-evaluation moved no tracked answer: Now, or restated later', () => {
    const tour = bankIn(all, 'tour');
    expect(tour.rules.map((r) => [r.id, r.inBank])).toEqual([
      ['shift', false],
      ['manual', false],
    ]);
    expect(rule(tour, 'shift')).toMatchObject({
      fired: 1,
      deferred: 1,
      resolved: { restated: 1 },
      moved: 0,
      reworded: 1,
    });
    expect(rule(tour, 'manual')).toMatchObject({ fired: 1, now: 1, moved: 0, reworded: 1 });
  });
});

describe('bank stats: scope', () => {
  it('one bank: only its sessions, though questions re-asked from other banks’ sessions still count', () => {
    const only = stats({ only: 'discovery' });
    expect(only.banks.map((b) => b.id)).toEqual(['discovery']);
    expect(question(only.banks[0] as BankReport, 'why_now').reasked).toBe(2);
  });

  it('--since counts only sessions on or after the date', () => {
    const since = stats({ since: '2026-03-06' });
    expect(since.since).toBe('2026-03-06');
    const discovery = bankIn(since, 'discovery');
    expect(discovery).toMatchObject({ sessions: 2, wonDeals: 1, lostDeals: 0, sessionsWithLoopBack: 1 });
    expect(question(discovery, 'why_now')).toMatchObject({
      asked: 2,
      reasked: 0,
      inWonDeals: 1,
      inLostDeals: 0,
    });
    expect(question(discovery, 'kind').other).toBe(1);
    expect(rule(discovery, 'budget_gone')).toMatchObject({ fired: 1, now: 0, deferred: 1, open: 1 });
    expect(since.banks.map((b) => b.id)).toEqual(['discovery']);
  });

  it('a bank on the shelf with no sessions yet is reported empty; no data, no banks', () => {
    expect(stats({ only: 'discovery' }, []).banks).toEqual([
      expect.objectContaining({ id: 'discovery', sessions: 0, versions: [], beforeLoopBacks: [] }),
    ]);
    expect(stats({}, []).banks).toEqual([]);
  });

  it('the JSON shape: format, scope, the answer-time window', () => {
    expect(stats()).toMatchObject({ format: 1, since: null, answerGap: { minSeconds: 1, maxSeconds: 1800 } });
  });
});

describe('median and the answer-time window', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([40, 10, 20])).toBe(20);
    expect(median([10, 20, 30, 41])).toBe(25);
  });

  it('leaves out answers under a second (a file of answers) and gaps over half an hour', () => {
    expect(ANSWER_GAP).toEqual({ minSeconds: 1, maxSeconds: 1800 });
    const quick = s('q1', 'knowledge', '04', {
      bank: V2,
      entries: [
        entry('04', 0.2, 'why_now', 'a'),
        entry('04', 0.4, 'kind', 'growth'),
        entry('04', 2 * 3600, 'tools', []),
      ],
    });
    const tally = newBankStatsTally({ shelf: SHELF });
    addAccountToBankStats(tally, { name: 'Quick', sessions: [quick], records: [] });
    const discovery = bankIn(bankStatsReport(tally), 'discovery');
    expect(discovery.questions.map((q) => q.timed)).toEqual([0, 0, 0, 0]);
  });
});
