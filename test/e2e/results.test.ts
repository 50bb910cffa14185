import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCadence, parseCadence } from '../../src/journey/cadence.js';
import { FIXTURES, journey, tempHome } from './run.js';

const CHECK_IN_1 = `promised_outcomes: [Go live in two weeks]
success_measure: Days to go live
agreed_result: { baseline: 56, target: 14, actual: 30, direction: lower }
on_track: on_track
adoption: 4
next_check_in: '2027-01-15'
`;
// The date booked with the customer at the second check-in: due and the calendar go by it, not by
// the 30-day cadence.
const TODAY = new Date().toISOString().slice(0, 10);
const BOOKED = addCadence(TODAY, parseCadence('25d'));
const CHECK_IN_2 = `promised_outcomes: [Go live in two weeks]
success_measure: Days to go live
agreed_result: 20
on_track: on_track
adoption: 4
problems_now: [Data import]
problem_owner: Our solutions engineer
next_check_in: '${BOOKED}'
`;

describe('scenario: Knowledge → Options → won → two Results check-ins → due and prep', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterAll(async () => {
    await cleanup();
  });
  // Lines unwrapped (COLUMNS): these tests read whole lines; wrapping has its own (reading.test.ts).
  const j = (args: string[], input?: string) =>
    journey(['--home', home, ...args], { input, cwd: home, env: { COLUMNS: '10000' } });

  it('1. Knowledge and Options sessions', async () => {
    expect(
      (await j(['start', 'Acme, Inc.', '--answers', join(FIXTURES, 'answers/knowledge.yaml')])).code,
    ).toBe(0);
    expect(
      (await j(['start', 'Acme, Inc.', '--answers', join(FIXTURES, 'scenario/options-shifted.yaml')])).code,
    ).toBe(0);
  });

  it('2. won: a customer now, with a cadence; a bad cadence is a usage error', async () => {
    expect(await j(['won', 'acme inc', '--every', 'soonish'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/"soonish" is not a check-in cadence/),
    });
    const r = await j(['won', 'acme inc', '--on', '2026-01-05', '--every', '30d']);
    expect(r).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /Acme, Inc\. is a customer since 2026-01-05: check in every 30 days, first on 2026-02-04\./,
      ),
    });
    const accounts = JSON.parse((await j(['accounts', '--json'])).stdout);
    expect(accounts[0]).toMatchObject({ name: 'Acme, Inc.', stage: 'customer' });
    const due = JSON.parse((await j(['due', '--json'])).stdout);
    expect(due.due).toEqual([
      expect.objectContaining({ account: 'Acme, Inc.', next: '2026-02-04', lastCheckIn: null }),
    ]);
  });

  it('3. two Results check-ins record the measure', async () => {
    const first = await j(['start', 'Acme, Inc.', '--loop', 'results', '--answers', '-'], CHECK_IN_1);
    expect(first.code).toBe(0);
    const second = await j(['start', 'Acme, Inc.', '--loop', 'results', '--answers', '-'], CHECK_IN_2);
    expect(second.code).toBe(0);
  });

  it('4. due shows the booked date, the problems and the measure behind target', async () => {
    expect((await j(['due'])).stdout).toBe('No check-ins due.\n');
    const within = JSON.parse((await j(['due', '--within', '31d', '--json'])).stdout);
    expect(within.due).toEqual([
      expect.objectContaining({
        account: 'Acme, Inc.',
        deal: null,
        lastCheckIn: today,
        next: BOOKED,
        booked: true,
        overdueDays: -25,
        problems: ['Data import'],
        behindTarget: [
          expect.objectContaining({ question: 'agreed_result', progress: 86, trend: 'improving' }),
        ],
      }),
    ]);
    const text = (await j(['due', '--within', '5w'])).stdout;
    expect(text).toMatch(
      new RegExp(`Acme, Inc\\.  ${BOOKED}  due in 25 day\\(s\\)  booked at the last check-in \\(${today}\\)`),
    );
    expect(text).toMatch(/behind target: .* at 20 \(target 14, 86% of the way\)/);
  });

  it('5. prep shows the next check-in and the progress; export shows the measures table', async () => {
    const prep = await j(['prep', 'Acme, Inc.']);
    expect(prep.stdout).toMatch(new RegExp(`Results +next check-in ${BOOKED}`));
    expect(prep.stdout).toMatch(
      /: baseline 56 → 30 \(\d\d-\d\d\) → 20 \(\d\d-\d\d\) → target 14 · 86% of the way · improving/,
    );
    // The Options session's loop-back flags are still open: they come before the next check-in.
    expect(prep.stdout).toMatch(/Next call +Knowledge loop/);
    const json = JSON.parse((await j(['prep', 'Acme, Inc.', '--json'])).stdout);
    expect(json).toMatchObject({
      stage: 'customer',
      nextCheckIn: BOOKED,
      measures: [{ baseline: 56, target: 14, progress: 86 }],
    });
    const note = (await j(['export', 'Acme, Inc.'])).stdout;
    expect(note).toMatch(/^stage: customer$/m);
    expect(note).toMatch(
      new RegExp(
        `\\| agreed\\\\_result \\| 56 \\| 14 \\| 30 \\(${today}\\), 20 \\(${today}\\) \\| 86% \\| improving \\|`,
      ),
    );
  });

  it('6. --ics writes a calendar a real parser reads back, and a re-import keeps the same UID', async () => {
    await j(['due', '--ics', 'check-ins.ics']);
    const first = await readFile(join(home, 'check-ins.ics'), 'utf8');
    const events = new ICAL.Component(ICAL.parse(first))
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e));
    expect(events.map((e) => [e.uid, e.startDate.toString()])).toEqual([['checkin-acmeinc@journey', BOOKED]]);
    await j(['due', '--ics', 'check-ins.ics']);
    expect(await readFile(join(home, 'check-ins.ics'), 'utf8')).toBe(first);
  });

  it('7. lost stops the check-ins; won again re-opens with a new cadence, history kept', async () => {
    await j(['lost', 'Acme, Inc.', '--reason', 'budget cut']);
    expect(JSON.parse((await j(['due', '--within', '1y', '--json'])).stdout).due).toEqual([]);
    expect(JSON.parse((await j(['accounts', '--json'])).stdout)[0].stage).toBe('lost');
    await j(['won', 'Acme, Inc.', '--every', 'quarterly']);
    const due = JSON.parse((await j(['due', '--within', '1y', '--json'])).stdout).due;
    expect(due[0]).toMatchObject({ every: 'quarterly', next: addCadence(today, parseCadence('quarterly')) });
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(home, 'accounts/acmeinc/records'))).toHaveLength(3);
  });

  it('8. a check-in further off than any calendar still lists with --within, with or without --ics', async () => {
    await j(['lost', 'Acme, Inc.', '--reason', 'moved on']);
    await j(['won', 'Acme, Inc.', '--every', '999y']);
    const plain = JSON.parse((await j(['due', '--within', '999y', '--json'])).stdout).due;
    const withCalendar = JSON.parse(
      (await j(['due', '--within', '999y', '--json', '--ics', 'far.ics'])).stdout,
    ).due;
    expect(plain).toHaveLength(1);
    expect(withCalendar).toEqual(plain);
  });
});
