// Concurrent writers, as real processes started at the same moment: one writer per session (the
// other is refused with who holds the lock and how to take over), --steal-lock, one record per
// resolved flag, and exports into one folder that lose no manifest entry. No timing is asserted:
// each race is set up so that its outcome does not depend on which process the system runs first.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BIN, FIXTURES, journey, type Run, tempHome } from './run.js';
import { hasTmux, Terminal } from './tmux.js';

const KNOWLEDGE = join(FIXTURES, 'answers/knowledge.yaml');
const OPTIONS_SHIFTED = join(FIXTURES, 'scenario/options-shifted.yaml');
const SHORT = join(FIXTURES, 'banks/short.yaml');

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
});
afterEach(async () => {
  await cleanup();
});
const j = (...args: string[]) => journey(['--home', home, ...args]);

/** A journey process whose stdin stays open until `finish` is called. */
function started(args: string[]): { child: ChildProcessWithoutNullStreams; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, '--home', home, ...args], {
    cwd: FIXTURES,
    env: { ...process.env, NO_COLOR: '1', JOURNEY_HOME: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.on('error', () => undefined); // a refused process may be gone before its input is written
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

function finish(child: ChildProcessWithoutNullStreams, input: string): void {
  child.stdin.end(input);
}

async function sessionFile(account = 'acmeinc'): Promise<string> {
  const dir = join(home, 'accounts', account);
  const [name] = (await readdir(dir)).filter((n) => n.endsWith('.yaml'));
  return join(dir, name ?? '');
}

/** A complete Knowledge session cut back to its first `keep` answers: an unfinished one, as a crash leaves it. */
async function unfinishedSession(keep: number): Promise<{ file: string; kept: unknown[] }> {
  expect((await j('start', 'Acme, Inc.', '--answers', KNOWLEDGE)).code).toBe(0);
  const file = await sessionFile();
  const session = parse(await readFile(file, 'utf8'));
  session.entries = session.entries.slice(0, keep);
  session.status = 'in_progress';
  delete session.completed;
  await writeFile(file, `# A journey session\n${stringify(session, { lineWidth: 0 })}`);
  return { file, kept: session.entries };
}

/** Waits until a journey holds a session lock (it then waits for its answers). */
async function lockTaken(): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const locks = await readdir(join(home, '.locks')).catch(() => [] as string[]);
    if (locks.some((n) => n.endsWith('.lock'))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no journey took the lock');
}

const LOCK_MESSAGE =
  /journey: the session \S+ with Acme, Inc\. is open in another journey \(pid \d+ on \S+, since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); finish it there, or take it over with: journey resume 'Acme, Inc\.' --steal-lock\n$/;

describe('one writer per session', () => {
  it('two resumes of one unfinished session started at once: one proceeds, the other is refused, no answer is lost', async () => {
    const answers = await readFile(KNOWLEDGE, 'utf8');
    for (let round = 0; round < 5; round++) {
      await cleanup();
      ({ home, cleanup } = await tempHome());
      const { file, kept } = await unfinishedSession(8);
      const a = started(['resume', 'Acme, Inc.', '--answers', '-']);
      const b = started(['resume', 'Acme, Inc.', '--answers', '-']);
      // The holder waits for its answers with the lock held; the other one cannot wait, so it ends first.
      const first = await Promise.race([a.done.then(() => a), b.done.then(() => b)]);
      const other = first === a ? b : a;
      const refused = await first.done;
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(LOCK_MESSAGE);
      expect(refused.stdout).toBe('');
      finish(other.child, answers);
      const proceeded = await other.done;
      expect(proceeded.code, proceeded.stderr).toBe(0);
      expect(proceeded.stdout).toMatch(/Session complete\./);

      const session = parse(await readFile(file, 'utf8'));
      expect(session.status).toBe('complete');
      expect(session.entries.slice(0, kept.length)).toEqual(kept);
      expect(session.entries.length).toBeGreaterThan(kept.length);
      expect(await readdir(join(home, '.locks'))).toEqual(['.gitignore']);
    }
  }, 60_000);

  it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)(
    'a writer ended by %s releases its lock: the next resume proceeds',
    async (signal) => {
      await unfinishedSession(8);
      const holder = started(['resume', 'Acme, Inc.', '--answers', '-']);
      await lockTaken();
      holder.child.kill(signal);
      await holder.done;
      expect(await readdir(join(home, '.locks'))).toEqual(['.gitignore']);
      const next = await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE);
      expect(next.code, next.stderr).toBe(0);
    },
  );

  it('a resume after the other finished finds nothing to resume, and nothing is overwritten', async () => {
    const { file } = await unfinishedSession(8);
    expect((await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE)).code).toBe(0);
    const after = await readFile(file, 'utf8');
    const again = await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/has no unfinished session/);
    expect(await readFile(file, 'utf8')).toBe(after);
  });

  it.skipIf(!hasTmux())(
    'in a real terminal: a session being answered is locked, and Ctrl-C releases the lock',
    async () => {
      const term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT]);
      try {
        await term.waitFor('What triggered this now?');
        term.type('Lost two renewals', 'Enter');
        await term.waitFor('Have you tried to fix it before?');
        const refused = await j('resume', 'Acme, Inc.', '--bank', SHORT, '--answers', '-');
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(LOCK_MESSAGE);
        term.press('C-c');
        await term.waitFor('[exit 130]');
        const resumed = await journey(
          ['--home', home, 'resume', 'Acme, Inc.', '--bank', SHORT, '--answers', '-'],
          {
            input: 'tried: false\nurgency: 3\nproblem_statement: Handoffs are slow\n',
          },
        );
        expect(resumed.code, resumed.stderr).toBe(0);
        const session = parse(await readFile(await sessionFile(), 'utf8'));
        expect(session.entries.map((e: { answer: unknown }) => e.answer)).toEqual([
          'Lost two renewals',
          false,
          3,
          'Handoffs are slow',
        ]);
      } finally {
        term.close();
      }
    },
  );
});

describe('--steal-lock', () => {
  async function plantLock(holder: { pid: number; host: string }, ageMs = 0): Promise<string> {
    const session = parse(await readFile(await sessionFile(), 'utf8'));
    await mkdir(join(home, '.locks'), { recursive: true });
    const path = join(home, '.locks', `${session.id}.lock`);
    const since = new Date(Date.now() - ageMs).toISOString();
    await writeFile(path, JSON.stringify({ format: 1, token: 'theirs', since, ...holder }));
    const { utimes } = await import('node:fs/promises');
    await utimes(path, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
    return path;
  }

  it('takes over, without a word, a lock whose process died on this host', async () => {
    await unfinishedSession(8);
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((done) => dead.on('close', done));
    await plantLock({ pid: dead.pid as number, host: hostname() });
    const r = await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/lock/i);
  });

  it('refuses a fresh lock of another host, naming it; --steal-lock takes it over', async () => {
    await unfinishedSession(8);
    await plantLock({ pid: 4242, host: 'laptop-of-dana' }, 60_000);
    const refused = await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /is open in another journey \(pid 4242 on laptop-of-dana, since .* UTC\); .*--steal-lock/,
    );
    const stolen = await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE, '--steal-lock');
    expect(stolen.code, stolen.stderr).toBe(0);
    expect(stolen.stderr).toMatch(
      /Took over session \S+ from journey pid 4242 on laptop-of-dana \(--steal-lock\)/,
    );
    expect(parse(await readFile(await sessionFile(), 'utf8')).status).toBe('complete');
    expect(await readdir(join(home, '.locks'))).toEqual(['.gitignore']);
  });

  it('takes over a lock of another host after 12 hours without a sign of life', async () => {
    await unfinishedSession(8);
    await plantLock({ pid: 4242, host: 'laptop-of-dana' }, 13 * 60 * 60 * 1000);
    expect((await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE)).code).toBe(0);
  });

  it('takes a live lock on this host; the old holder stops at its next write, overwriting nothing', async () => {
    await unfinishedSession(8);
    const holder = started(['resume', 'Acme, Inc.', '--answers', '-']);
    await lockTaken();
    const refused = await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE);
    expect(refused.stderr).toMatch(new RegExp(`pid ${holder.child.pid} on `));
    const stolen = await j('resume', 'Acme, Inc.', '--answers', KNOWLEDGE, '--steal-lock');
    expect(stolen.code, stolen.stderr).toBe(0);
    const written = await readFile(await sessionFile(), 'utf8');
    finish(holder.child, await readFile(KNOWLEDGE, 'utf8'));
    const late = await holder.done;
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(
      /the session \S+ was taken over( by journey pid \d+ on \S+)? \(--steal-lock\); this run stops here and writes nothing more/,
    );
    expect(await readFile(await sessionFile(), 'utf8')).toBe(written);
  });
});

describe('writes that must happen once', () => {
  it('two resolves of one flag at once write one record; the other says it is already resolved', async () => {
    expect((await j('start', 'Acme', '--answers', KNOWLEDGE)).code).toBe(0);
    expect((await j('start', 'Acme', '--answers', OPTIONS_SHIFTED)).code).toBe(0);
    const flags = JSON.parse((await j('flags', '--json')).stdout).flags as { flag: { id: string } }[];
    expect(flags.length).toBeGreaterThan(1);
    for (const { flag } of flags) {
      const [a, b] = await Promise.all([j('flags', 'resolve', flag.id), j('flags', 'resolve', flag.id)]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const said = [a.stdout, b.stdout].sort();
      expect(said[0]).toMatch(new RegExp(`^Flag ${flag.id} of Acme is already resolved`));
      expect(said[1]).toMatch(new RegExp(`^Resolved flag ${flag.id} of Acme`));
    }
    // One record per flag, each under a unique name (two clones never make the same path).
    const records = await readdir(join(home, 'accounts/acme/records'));
    expect(records).toHaveLength(flags.length);
    for (const name of records) expect(name).toMatch(/^\d{8}T\d{6}Z-flagresolved-[0-9a-z]+\.yaml$/);
    expect(JSON.parse((await j('flags', '--json')).stdout).flags).toEqual([]);
  }, 30_000);

  it('two exports into one folder at once: the manifest keeps every note of both', async () => {
    const names = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark'];
    for (const name of names) expect((await j('start', name, '--answers', KNOWLEDGE)).code).toBe(0);
    for (let round = 0; round < 5; round++) {
      const out = join(home, `notes-${round}`);
      const [a, b] = await Promise.all([
        j('export', 'Acme', 'Globex', 'Initech', '--out', out, '--quiet'),
        j('export', 'Umbrella', 'Hooli', 'Stark', '--out', out, '--quiet'),
      ]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      const manifest = JSON.parse(await readFile(join(out, '.journey-export.json'), 'utf8'));
      expect(Object.keys(manifest.files).sort()).toEqual([
        'acme.md',
        'globex.md',
        'hooli.md',
        'initech.md',
        'stark.md',
        'umbrella.md',
      ]);
      expect((await readdir(out)).sort()).toEqual([
        '.journey-export.json',
        'acme.md',
        'globex.md',
        'hooli.md',
        'initech.md',
        'stark.md',
        'umbrella.md',
      ]);
      // Every note is known to be ours: a second export updates nothing and skips nothing.
      expect((await j('export', '--all', '--out', out)).stdout).toMatch(
        /0 added, 0 updated, 6 unchanged, 0 skipped\./,
      );
    }
  }, 60_000);
});
