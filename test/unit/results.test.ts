import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { latestClose, stageOf } from '../../src/journey/background.js';
import { addCadence, daysBetween, parseCadence } from '../../src/journey/cadence.js';
import { dueItem, dueList } from '../../src/journey/due.js';
import { measureLines, measureState } from '../../src/model/measures.js';
import type { AccountRecord } from '../../src/model/records.js';
import type { Entry, Session } from '../../src/model/session.js';
import { calendarText } from '../../src/store/calendar.js';

describe('check-in cadence', () => {
  it.each([
    ['30d', { days: 30, months: 0 }],
    ['6w', { days: 42, months: 0 }],
    ['3m', { days: 0, months: 3 }],
    ['1y', { days: 0, months: 12 }],
    ['quarterly', { days: 0, months: 3 }],
    [' Monthly ', { days: 0, months: 1 }],
    ['weekly', { days: 7, months: 0 }],
  ])('%j', (text, expected) => {
    expect(parseCadence(text)).toMatchObject(expected);
  });

  it.each(['', '0d', 'soon', '30', '3x', '-2w', '1000d'])('refuses %j with a clear message', (text) => {
    expect(() => parseCadence(text)).toThrow(UsageError);
    expect(() => parseCadence(text)).toThrow(
      /is not a check-in cadence: use a number of days, weeks, months or years/,
    );
  });

  it.each([
    ['2026-01-31', '1m', '2026-02-28'],
    ['2024-01-31', '1m', '2024-02-29'],
    ['2026-11-15', 'quarterly', '2027-02-15'],
    ['2026-12-20', '30d', '2027-01-19'],
  ])('%s + %s = %s', (date, cadence, expected) => {
    expect(addCadence(date, parseCadence(cadence))).toBe(expected);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-03-01', '2026-03-08')).toBe(7);
    expect(daysBetween('2026-03-08', '2026-03-01')).toBe(-7);
  });
});

const at = (date: string) => `${date}T10:00:00.000Z`;
const won = (on: string, every = '30d', recorded = on): AccountRecord => ({
  format: 1,
  kind: 'won',
  account: 'A',
  on,
  every,
  at: at(recorded),
});
const lost = (on: string): AccountRecord => ({
  format: 1,
  kind: 'lost',
  account: 'A',
  on,
  reason: 'budget',
  at: at(on),
});

function results(date: string, entries: Entry[] = []): Session {
  return {
    format: 1,
    id: `${date.replace(/-/g, '')}T100000Z-results-x${date.slice(-2)}`,
    account: 'A',
    loop: 'results',
    bank: { id: 'r', version: 1, hash: 'h', title: 'R' },
    status: 'complete',
    started: at(date),
    updated: at(date),
    completed: at(date),
    entries,
    notes: [],
    flags: [],
    tips: [],
    shifts: [],
    revisits: [],
    judgements: [],
    warnings: [],
  };
}

const measure = (value: Entry['answer'], date: string): Entry => ({
  question: 'days_to_live',
  ask: 'Days to go live?',
  type: 'measure',
  unit: 'days',
  answer: value,
  at: at(date),
});

describe('won, lost and re-opened', () => {
  it('takes the stage from the latest close, and without one from the loops', () => {
    expect(stageOf([], [])).toBe('prospect');
    expect(stageOf([results('2026-03-01')], [])).toBe('customer');
    expect(stageOf([], [won('2026-03-01')])).toBe('customer');
    expect(stageOf([], [won('2026-03-01'), lost('2026-04-01')])).toBe('lost');
    expect(stageOf([], [won('2026-03-01'), lost('2026-04-01'), won('2026-05-01', '6w')])).toBe('customer');
    expect(latestClose([won('2026-03-01'), won('2026-03-01', 'quarterly', '2026-03-10')])).toMatchObject({
      every: 'quarterly',
    });
  });
});

describe('what is due', () => {
  it('is the close plus the cadence before the first check-in, then the last check-in plus the cadence', () => {
    expect(dueItem({ account: 'A', sessions: [], records: [won('2026-03-01')] }, '2026-03-20')).toMatchObject(
      { next: '2026-03-31', overdueDays: -11, lastCheckIn: null },
    );
    const item = dueItem(
      { account: 'A', sessions: [results('2026-04-10')], records: [won('2026-03-01')] },
      '2026-05-20',
    );
    expect(item).toMatchObject({
      next: '2026-05-10',
      overdueDays: 10,
      lastCheckIn: '2026-04-10',
      every: '30d',
    });
  });

  it('is nothing for prospects and lost accounts', () => {
    expect(dueItem({ account: 'A', sessions: [], records: [] }, '2026-03-20')).toBeUndefined();
    expect(
      dueItem({ account: 'A', sessions: [], records: [won('2026-01-01'), lost('2026-02-01')] }, '2026-03-20'),
    ).toBeUndefined();
  });

  it('lists the overdue and due first, most overdue first, and what is due within the window', () => {
    const accounts = [
      { account: 'Soon', sessions: [], records: [won('2026-03-15')] },
      { account: 'Late', sessions: [], records: [won('2026-01-01')] },
      { account: 'Later', sessions: [], records: [won('2026-02-01')] },
    ];
    expect(dueList(accounts, '2026-04-01', 0).map((d) => [d.account, d.overdueDays])).toEqual([
      ['Late', 60],
      ['Later', 29],
    ]);
    expect(dueList(accounts, '2026-04-01', 14).map((d) => d.account)).toEqual(['Late', 'Later', 'Soon']);
  });
});

describe('measures', () => {
  it.each([
    [
      'lower is better, improving',
      [{ baseline: 56, target: 14, actual: 30, direction: 'lower' as const }, { actual: 20 }],
      { progress: 86, trend: 'improving', behind: true },
    ],
    [
      'lower is better, worsening',
      [{ baseline: 56, target: 14, actual: 20 }, { actual: 30 }],
      { progress: 62, trend: 'worsening', direction: 'lower' },
    ],
    [
      'higher is better, met',
      [{ baseline: 40, target: 60, actual: 50 }, { actual: 65 }],
      { progress: 125, trend: 'improving', behind: false, direction: 'higher' },
    ],
    [
      'higher is better, flat',
      [{ baseline: 40, target: 60, actual: 50, direction: 'higher' as const }, { actual: 50 }],
      { progress: 50, trend: 'flat' },
    ],
    ['no baseline yet', [{ actual: 50 }], { progress: null, trend: null, behind: false }],
    [
      'a revised target',
      [
        { baseline: 10, target: 20, actual: 15 },
        { target: 30, actual: 20 },
      ],
      { target: 30, progress: 50 },
    ],
  ])('%s', (_name, values, expected) => {
    expect(measureState(values)).toMatchObject(expected);
  });

  it('collects every actual with its date across check-ins', () => {
    const lines = measureLines([
      results('2026-04-01', [
        measure({ baseline: 56, target: 14, actual: 30, direction: 'lower' }, '2026-04-01'),
      ]),
      results('2026-05-01', [measure({ actual: 20 }, '2026-05-01')]),
    ]);
    expect(lines).toEqual([
      {
        question: 'days_to_live',
        name: 'Days to go live?',
        unit: 'days',
        direction: 'lower',
        baseline: 56,
        target: 14,
        actuals: [
          { date: '2026-04-01', value: 30 },
          { date: '2026-05-01', value: 20 },
        ],
        progress: 86,
        trend: 'improving',
        behind: true,
      },
    ]);
  });
});

describe('the iCalendar file', () => {
  it('parses back with a real iCalendar parser, one event per customer with a stable UID', () => {
    const items = dueList(
      [
        { account: 'Acme, Inc.', sessions: [results('2026-04-10')], records: [won('2026-03-01')] },
        { account: 'Globex', sessions: [], records: [won('2026-03-15', 'quarterly')] },
      ],
      '2026-04-01',
      1000,
    );
    const text = calendarText(items);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => [e.uid, e.summary, e.startDate.toString()])).toEqual([
      ['checkin-acmeinc@journey', 'Results check-in: Acme, Inc.', '2026-05-10'],
      ['checkin-globex@journey', 'Results check-in: Globex', '2026-06-15'],
    ]);
    expect(calendarText(items)).toBe(text);
  });
});
