// `journey team report` and `journey bank stats` on a data folder two reps wrote to (each named by
// config.yaml's rep), with an account from before reps were kept: what a manager and a trainer read.
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCadence, parseCadence } from '../../src/journey/cadence.js';
import { FIXTURES, journey, tempHome } from './run.js';

const ANSWERS = join(FIXTURES, 'answers');
const WIDE = { COLUMNS: '10000' };

/** A date `days` before or after `date` (YYYY-MM-DD). */
const shift = (date: string, days: number) => addCadence(date, parseCadence(`${days}d`));
const minus = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('team report and bank stats', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  const today = new Date().toISOString().slice(0, 10);
  const tenDaysAgo = minus(today, 10);
  const wonOn = minus(today, 60);
  const j = (args: string[], input?: string) =>
    journey(['--home', home, ...args], { input, cwd: home, env: WIDE });
  const json = async (args: string[]) => {
    const run = await j([...args, '--json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  };
  const as = (rep: string) => writeFile(join(home, 'config.yaml'), `rep: ${rep}\n`);

  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    // Dana Ruiz: a Knowledge and an Options call with Acme (the Options call raises a loop-back, kept
    // for later), ten days ago.
    await as('Dana Ruiz');
    for (const [loop, file] of [
      ['knowledge', 'knowledge.yaml'],
      ['options', 'quick-options.yaml'],
    ] as const) {
      const run = await j(['start', 'Acme, Inc.', '--loop', loop, '--answers', join(ANSWERS, file)]);
      expect(run.code, run.stderr).toBe(0);
    }
    const acme = join(home, 'accounts', 'acmeinc');
    for (const name of await readdir(acme)) {
      if (!name.endsWith('.yaml')) continue;
      const text = await readFile(join(acme, name), 'utf8');
      const day = /^started: (\d{4}-\d{2}-\d{2})T/m.exec(text)?.[1];
      if (day) await writeFile(join(acme, name), text.replaceAll(`${day}T`, `${tenDaysAgo}T`));
    }
    // Sam Lee: a Knowledge call with Globex today, and the win, 60 days ago on a 30-day cadence.
    await as('Sam Lee');
    expect(
      (
        await j([
          'start',
          'Globex',
          '--loop',
          'knowledge',
          '--answers',
          join(ANSWERS, 'quick-knowledge.yaml'),
        ])
      ).code,
    ).toBe(0);
    expect((await j(['won', 'globex', '--on', wonOn, '--every', '30d'])).code).toBe(0);
    // Initech, from release 1: no rep anywhere, lost. Its calls, moved to a day well before this
    // run's (the fixture was made on 2026-11-28), stay before its loss was recorded.
    const initech = join(home, 'accounts', 'initech');
    await cp(join(FIXTURES, 'release-1-data', 'accounts', 'initech'), initech, { recursive: true });
    for (const name of await readdir(initech)) {
      if (!name.endsWith('.yaml')) continue;
      const text = await readFile(join(initech, name), 'utf8');
      await writeFile(join(initech, name), text.replaceAll('2026-11-28T', '2026-11-01T'));
    }
  }, 60_000);

  afterAll(async () => {
    await cleanup();
  });

  describe('journey team report', () => {
    it('one entry per rep: sessions, accounts, loops, loop-backs, stale flags, overdue check-ins, wins and losses', async () => {
      const report = await json(['team', 'report']);
      expect(report).toMatchObject({ format: 1, today, since: null, staleAfterDays: 7 });
      expect(report.reps.map((r: { name: string }) => r.name)).toEqual([
        'Dana Ruiz',
        'Sam Lee',
        '(no rep recorded)',
      ]);
      const [dana, sam, none] = report.reps;
      expect(dana).toMatchObject({
        rep: 'Dana Ruiz',
        sessions: 2,
        accounts: 1,
        loops: { knowledge: 1, options: 1, results: 0 },
        loopBacks: { raised: 1, now: 0, deferred: 1, open: 1 },
        overdueCheckIns: [],
        won: [],
        lost: [],
      });
      // Raised ten days ago and still open: going stale.
      expect(dana.staleFlags).toEqual([
        expect.objectContaining({ account: 'Acme, Inc.', deal: null, raised: tenDaysAgo, days: 10 }),
      ]);
      expect(sam).toMatchObject({
        rep: 'Sam Lee',
        sessions: 1,
        accounts: 1,
        staleFlags: [],
        won: [{ account: 'Globex', deal: null, on: wonOn, reason: null }],
        overdueCheckIns: [{ account: 'Globex', deal: null, due: shift(wonOn, 30), overdueDays: 30 }],
      });
      expect(none).toMatchObject({
        rep: null,
        sessions: 2,
        loops: { knowledge: 1, options: 1, results: 0 },
        lost: [{ account: 'Initech', reason: 'Chose to build it in-house with the platform team' }],
      });
    });

    it('--since counts only what happened since; stale flags and overdue check-ins stay', async () => {
      const report = await json(['team', 'report', '--since', minus(today, 5)]);
      const [dana, sam] = report.reps;
      expect(dana).toMatchObject({ sessions: 0, accounts: 0, loopBacks: { raised: 0 } });
      expect(dana.staleFlags).toHaveLength(1);
      expect(sam).toMatchObject({ sessions: 1, won: [] });
      expect(sam.overdueCheckIns).toHaveLength(1);
      expect((await j(['team', 'report', '--since', '2026-02-30'])).code).toBe(2);
    });

    it('--rep takes a word of the name, in any case; a rep nobody recorded is an error naming the reps', async () => {
      const dana = await json(['team', 'report', '--rep', 'DANA']);
      expect(dana.reps.map((r: { name: string }) => r.name)).toEqual(['Dana Ruiz']);
      const lee = await json(['team', 'report', '--rep', 'lee']);
      expect(lee.reps.map((r: { name: string }) => r.name)).toEqual(['Sam Lee']);
      const unknown = await j(['team', 'report', '--rep', 'jordan']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no rep matches "jordan" (reps: Dana Ruiz, Sam Lee)');
      expect(unknown.stdout).toBe('');
    });

    it('as text: a table of reps, then what each has going stale and what closed', async () => {
      const run = await j(['team', 'report']);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe(`Team report · all time · today ${today}`);
      expect(lines[1]).toMatch(
        /^REP +SESSIONS +ACCOUNTS +K \/ O \/ R +LOOP-BACKS +NOW +LATER +OPEN +STALE +OVERDUE +WON +LOST$/,
      );
      expect(lines[2]).toMatch(/^Dana Ruiz +2 +1 +1 \/ 1 \/ 0 +1 +0 +1 +1 +1 +0 +0 +0$/);
      expect(run.stdout).toMatch(/open 10 days \[[a-z0-9]+-1\] Acme, Inc\.: /);
      expect(run.stdout).toContain(`check-in 30 day(s) overdue Globex, due ${shift(wonOn, 30)}`);
      expect(run.stdout).toContain(`won Globex on ${wonOn}`);
      expect(run.stdout).toMatch(/lost Initech on \d{4}-\d{2}-\d{2}: Chose to build it in-house/);
    });

    it('an empty data folder says so and exits 0', async () => {
      const empty = await tempHome();
      try {
        const run = await journey(['--home', empty.home, 'team', 'report'], { cwd: empty.home });
        expect(run).toMatchObject({
          code: 0,
          stdout: `No sessions or records yet in ${empty.home}: nothing to report.\n`,
        });
        const asJson = await journey(['--home', empty.home, 'team', 'report', '--json'], { cwd: empty.home });
        expect(JSON.parse(asJson.stdout).reps).toEqual([]);
      } finally {
        await empty.cleanup();
      }
    });
  });

  describe('journey bank stats', () => {
    it('every bank seen in sessions, with its questions and rules', async () => {
      const stats = await json(['bank', 'stats']);
      expect(stats).toMatchObject({ format: 1, since: null, answerGap: { minSeconds: 1, maxSeconds: 1800 } });
      expect(stats.banks.map((b: { id: string }) => b.id)).toEqual(['knowledge-discovery', 'options-tour']);
      const [knowledge, options] = stats.banks;
      // Acme's and Globex's calls, and Initech's from release 1 (an earlier version of the bank).
      expect(knowledge).toMatchObject({ onShelf: true, sessions: 3, wonDeals: 1, lostDeals: 1 });
      expect(knowledge.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      const statement = knowledge.questions.find((q: { id: string }) => q.id === 'problem_statement');
      expect(statement).toMatchObject({ inBank: true, asked: 3, answered: 3, skipped: 0, reasked: 0 });
      const stakeholder = options.rules.find((r: { id: string }) => r.id === 'new_stakeholder');
      expect(stakeholder).toMatchObject({ kind: 'loop_back', fired: 1, now: 0, deferred: 1, open: 1 });
      // Acme's Options call raised it (Initech's raised none): the questions asked before it there.
      expect(options).toMatchObject({ sessions: 2, sessionsWithLoopBack: 1 });
      expect(options.beforeLoopBacks.length).toBeGreaterThan(0);
      for (const top of options.beforeLoopBacks) expect(top).toMatchObject({ count: 1 });
    });

    it('one bank, --since; an unknown bank id is an error with the closest id', async () => {
      const one = await json(['bank', 'stats', 'options-tour']);
      expect(one.banks.map((b: { id: string }) => b.id)).toEqual(['options-tour']);
      const since = await json(['bank', 'stats', 'knowledge-discovery', '--since', today]);
      // Only Globex's call, made today.
      expect(since.banks[0]).toMatchObject({ id: 'knowledge-discovery', sessions: 1 });
      const typo = await j(['bank', 'stats', 'options-tuor']);
      expect(typo.code).toBe(1);
      expect(typo.stderr).toContain(
        'no bank with id "options-tuor" on the shelf or in any session; did you mean "options-tour"?',
      );
      expect((await j(['bank', 'stats', '--since', 'yesterday'])).code).toBe(2);
    });

    it('as text: a table of questions and one of rules per bank, and what the columns mean', async () => {
      const run = await j(['bank', 'stats', 'options-tour']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^options-tour · /);
      expect(run.stdout).toMatch(
        /^QUESTION +ASK +ASKED +SKIPPED +OTHER +RE-ASKED +MEDIAN +BEFORE LOOP-BACK +WON DEALS$/m,
      );
      expect(run.stdout).toMatch(/^new_stakeholder +loop-back +1 +0 +1 +0 +1 +0 +0$/m);
      expect(run.stdout).toContain('Asked before a loop-back was raised in the call:');
      expect(run.stdout).toContain('MOVED / NOISE:');
    });

    it('a bank with no sessions since a date, and an empty data folder, say so and exit 0', async () => {
      const later = await j(['bank', 'stats', 'results-check-in']);
      expect(later.code, later.stderr).toBe(0);
      expect(later.stdout).toContain('No sessions recorded with this bank yet.');
      const empty = await tempHome();
      try {
        const run = await journey(['--home', empty.home, 'bank', 'stats'], { cwd: empty.home });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe(`No sessions recorded in ${empty.home}: no bank stats yet.\n`);
      } finally {
        await empty.cleanup();
      }
    });
  });
});
