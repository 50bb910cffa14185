// export --all over more than a few accounts, through the built binary: accounts are read and rendered
// on every core a few ahead of the one being written, and notes land in batches. The notes are those
// of each account exported on its own, warnings come in folder order, and an export killed half way
// leaves only whole notes, which the next export finishes without taking any for edited by hand.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry, Session } from '../../src/model/session.js';
import { accountDir, sessionPathIn } from '../../src/store/paths.js';
import { serializeSession } from '../../src/store/session-file.js';
import { sessionFixture } from '../helpers.js';
import { BIN, journey, tempHome } from './run.js';

const ANSWERS = [
  'We lost two renewals',
  'Onboarding takes *eight* weeks: see www.acme.com',
  '- not a list\n\n2) nor this\r\nwith a tab\there',
  '==highlight== and %%comment%% and $math$ and [[link]]',
  'Ünïcödé, 漢字, 👩\u200D💻 and a stray \u200B space',
];

function entry(i: number): Entry {
  return {
    question: `q${i}`,
    ask: `Question ${i}?`,
    type: 'text',
    answer: ANSWERS[i % ANSWERS.length],
    at: '2026-03-01T10:05:00.000Z',
  };
}

/** Account `n`: a few sessions, some of them in a second deal, answers with every kind of markup. */
function writeAccount(home: string, n: number, sessions: number): string {
  const name = n % 3 === 0 ? `Société ${n}, Inc.` : `Account ${n}`;
  const dir = accountDir(home, name);
  mkdirSync(dir, { recursive: true });
  for (let s = 0; s < sessions; s++) {
    const loop = (['knowledge', 'options', 'results'] as const)[s % 3] ?? 'knowledge';
    const session: Session = sessionFixture(`a${n}s${s}`, loop, String(10 + s).padStart(2, '0'), {
      account: name,
      entries: Array.from({ length: 1 + ((n + s) % 4) }, (_, i) => entry(n + i)),
      notes: [{ text: ANSWERS[(n + s) % ANSWERS.length] ?? '', at: '2026-03-01T10:20:00.000Z' }],
      ...(n % 4 === 1 && s % 2 === 1 ? { deal: 'EU rollout' } : {}),
    });
    writeFileSync(sessionPathIn(dir, session.id), serializeSession(session));
  }
  return dir;
}

/** Every file under `dir` (but the manifest and the lock), by path, with its text. */
function filesIn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.journey-export')) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), readFileSync(path, 'utf8'));
  }
  return out;
}

/** Whether a note is in place yet: names only, since files come and go while the export runs. */
const noteIn = (dir: string) =>
  existsSync(dir) &&
  readdirSync(dir, { recursive: true, withFileTypes: true }).some(
    (e) => e.isFile() && e.name.endsWith('.md'),
  );

/** export --all of `data` into `out`, killed as soon as its first notes are in place (or when done, on a fast machine). */
async function exportKilledEarly(data: string, out: string): Promise<void> {
  const child = spawn(process.execPath, [BIN, '--home', data, 'export', '--all', '--out', out, '--quiet'], {
    stdio: 'ignore',
    env: { ...process.env, NO_COLOR: '1', JOURNEY_HOME: '' },
  });
  const exited = new Promise((done) => child.on('exit', done));
  let running = true;
  void exited.then(() => (running = false));
  try {
    while (running && !noteIn(out)) await new Promise((r) => setTimeout(r, 5));
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

let home: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ home, cleanup } = await tempHome());
});
afterAll(async () => {
  await cleanup();
});

describe('export --all over many accounts', () => {
  it('writes the notes each account makes on its own, and says problems once each, in folder order', async () => {
    const data = join(home, 'varied');
    const names: string[] = [];
    const broken: string[] = [];
    for (let n = 0; n < 60; n++) {
      const dir = writeAccount(data, n, 1 + (n % 5));
      names.push(n % 3 === 0 ? `Société ${n}, Inc.` : `Account ${n}`);
      if (n % 17 === 5) {
        const bad = join(dir, '20260301T100000Z-knowledge-zzzzzzz.yaml');
        writeFileSync(bad, 'format: 1\nid: [unclosed\n');
        broken.push(bad);
      }
    }
    for (const per of ['account', 'session', 'deal']) {
      const all = await journey(['--home', data, 'export', '--all', '--per', per, '--out', `all-${per}`], {
        cwd: home,
      });
      const one = await journey(
        ['--home', data, 'export', ...names, '--per', per, '--out', `named-${per}`, '--quiet'],
        { cwd: home },
      );
      expect(all.code).toBe(1); // the broken files: the documented partial failure
      expect(one.code).toBe(1);
      const made = filesIn(join(home, `all-${per}`));
      expect(made.size).toBeGreaterThanOrEqual(60);
      expect(made).toEqual(filesIn(join(home, `named-${per}`)));
      // In the order of the account folders, whichever account was read first.
      const warned = all.stderr.split('\n').filter((l) => l.startsWith('warning: '));
      const inFolderOrder = [...broken].sort((a, b) =>
        basename(dirname(a)) < basename(dirname(b)) ? -1 : 1,
      );
      expect(warned).toEqual(inFolderOrder.map((b) => expect.stringContaining(b)));
      expect(all.stdout).toMatch(new RegExp(`${made.size} added, 0 updated, 0 unchanged, 0 skipped\\.`));
    }
  });

  it('killed half way, leaves only whole notes; the next export finishes the job', async () => {
    const data = join(home, 'many');
    for (let n = 0; n < 600; n++) writeAccount(data, n, 3);
    const reference = await journey(['--home', data, 'export', '--all', '--out', 'reference', '--quiet'], {
      cwd: home,
    });
    expect(reference.code).toBe(0);
    const wanted = filesIn(join(home, 'reference'));
    expect(wanted.size).toBe(600);

    const out = join(home, 'killed');
    await exportKilledEarly(data, out);

    for (const [path, text] of filesIn(out)) {
      if (path.endsWith('.tmp')) continue; // a note not yet in place: never one of the notes
      expect(text).toBe(wanted.get(path));
    }
    const again = await journey(['--home', data, 'export', '--all', '--out', out], { cwd: home });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/, 0 skipped\./);
    expect(filesIn(out)).toEqual(wanted); // every note, whole, and no temporary file left
    const third = await journey(['--home', data, 'export', '--all', '--out', out], { cwd: home });
    expect(third.stdout).toMatch(/0 added, 0 updated, 600 unchanged, 0 skipped\./);
  });

  it('killed half way, then the calls change: the next export updates the notes it had put in place', async () => {
    const data = join(home, 'changing');
    for (let n = 0; n < 600; n++) writeAccount(data, n, 3);
    const out = join(home, 'killed-changing');
    await exportKilledEarly(data, out);
    const landed = [...filesIn(out).keys()].filter((path) => path.endsWith('.md'));
    expect(landed.length).toBeGreaterThan(0);
    // Every account has a call more since: each note in place is out of date.
    for (let n = 0; n < 600; n++) writeAccount(data, n, 4);
    const reference = await journey(
      ['--home', data, 'export', '--all', '--out', 'changed-reference', '--quiet'],
      {
        cwd: home,
      },
    );
    expect(reference.code).toBe(0);
    const again = await journey(['--home', data, 'export', '--all', '--out', out], { cwd: home });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/, 0 skipped\./);
    expect(filesIn(out)).toEqual(filesIn(join(home, 'changed-reference')));
  });
});
