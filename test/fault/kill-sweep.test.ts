// Fault injection: writers killed with SIGKILL at many moments, then every command checked. Nothing
// half-written is ever read, no command fails for every account, and no acknowledged answer is lost.
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, journey, type Run, tempHome } from '../e2e/run.js';
import { record, tally } from './tally.js';

const OPTIONS_ANSWERS = `problem_still_holds: true
vendors: [Globex, Initech]
criteria: [Price, Single sign-on]
budget_status: approved
budget_amount: 120000
decision_date: '2026-12-15'
decision_process: Team evaluates, the CFO approves
decision_people: [VP Customer Success, CFO]
confidence: 4
next_step: Demo on Friday
`;

/** Starts journey and kills it with SIGKILL after `ms` (or lets it finish if it is faster). */
function killAfter(args: string[], ms: number, home: string): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, '--home', home, ...args], {
      env: { ...process.env, NO_COLOR: '1', JOURNEY_HOME: '' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

/** What no command may ever print, whatever state the data folder is in. */
function healthy(run: Run): boolean {
  const text = run.stdout + run.stderr;
  return !/internal error|\n\s+at .*\(|TypeError|RangeError|SyntaxError/.test(text) && run.code !== null;
}

const COMMANDS: string[][] = [
  ['accounts'],
  ['accounts', '--json'],
  ['sessions', 'Acme, Inc.'],
  ['prep', 'Acme, Inc.'],
  ['flags', '--all'],
  ['due'],
  ['export', 'Acme, Inc.'],
];

afterAll(() => tally.print());

describe('kill -9 at many moments', () => {
  it('a scripted session killed at any moment leaves either nothing or a whole session, and every command still works', async () => {
    const { home, cleanup } = await tempHome();
    try {
      const answers = join(home, 'o.yaml');
      await writeFile(answers, OPTIONS_ANSWERS);
      // Warm: one complete run tells how long a run takes here.
      const t0 = Date.now();
      const first = await journey([
        '--home',
        home,
        'start',
        'Acme, Inc.',
        '--loop',
        'options',
        '--answers',
        answers,
      ]);
      expect(first.code).toBe(0);
      const full = Math.max(50, Date.now() - t0);
      const moments = Array.from({ length: 24 }, (_, i) => Math.round((full * 1.2 * (i + 1)) / 24));
      for (const ms of moments) {
        await killAfter(['start', 'Acme, Inc.', '--loop', 'options', '--answers', answers], ms, home);
        const files = (await readdir(join(home, 'accounts/acmeinc'))).filter((n) => n.endsWith('.yaml'));
        for (const name of files) {
          const text = await readFile(join(home, 'accounts/acmeinc', name), 'utf8');
          // A session file is whole or absent: it always ends with the last key journey writes.
          record(
            'kill-point sweep',
            /\nrevisits:/.test(text) || /\nwarnings:/.test(text),
            `${name} after ${ms} ms`,
          );
        }
        for (const args of COMMANDS) {
          const run = await journey(['--home', home, ...args]);
          const what = `${args.join(' ')} after a kill at ${ms} ms: exit ${run.code} ${run.stderr.trim().split('\n')[0] ?? ''}`;
          record('kill-point sweep', healthy(run) && run.code === 0, what);
        }
      }
      expect(tally.failures('kill-point sweep')).toEqual([]);
      // Every run that finished is listed; the first one at least.
      const sessions = JSON.parse(
        (await journey(['--home', home, 'sessions', 'Acme, Inc.', '--json'])).stdout,
      );
      expect(sessions.sessions.length).toBeGreaterThanOrEqual(1);
    } finally {
      await cleanup();
    }
  }, 240_000);

  it('an export killed at any moment leaves notes that a second export completes, never a half-written note', async () => {
    const { home, cleanup } = await tempHome();
    try {
      const answers = join(home, 'o.yaml');
      await writeFile(answers, OPTIONS_ANSWERS);
      for (const name of ['Acme, Inc.', 'Globex', 'Initech', 'Umbrella']) {
        await journey(['--home', home, 'start', name, '--loop', 'options', '--answers', answers]);
      }
      const out = join(home, 'notes');
      const before = tally.failures('kill-point sweep').length;
      for (const ms of [5, 20, 40, 60, 80, 120, 160, 240]) {
        await killAfter(['export', '--all', '--out', out], ms, home);
        const again = await journey(['--home', home, 'export', '--all', '--out', out]);
        record(
          'kill-point sweep',
          again.code === 0 && healthy(again),
          `export again after a kill at ${ms} ms: exit ${again.code} ${again.stderr.trim().split('\n')[0] ?? ''}`,
        );
        for (const name of (await readdir(out)).filter((n) => n.endsWith('.md'))) {
          const text = await readFile(join(out, name), 'utf8');
          record(
            'kill-point sweep',
            text.startsWith('---\n') && text.endsWith('\n'),
            `${name} whole after ${ms} ms`,
          );
        }
      }
      expect(tally.failures('kill-point sweep').slice(before)).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 240_000);
});
