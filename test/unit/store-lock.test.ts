// The lock file: one holder at a time, who holds it said in it, a dead holder's lock taken over, a
// live one refused (unless stolen, which the holder notices at its next write), and released on
// every way out of the process, signals included.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LockBusy, LockLost } from '../../src/store/lock.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journey-lock-'));
  path = join(dir, 'session.lock');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const HOUR = 60 * 60 * 1000;

/** A lock file as another journey would have left it. */
function planted(holder: { pid: number; host: string; since?: string }, ageMs = 0): void {
  writeFileSync(
    path,
    JSON.stringify({ format: 1, since: new Date().toISOString(), token: 'theirs', ...holder }),
  );
  const t = new Date(Date.now() - ageMs);
  utimesSync(path, t, t);
}

/** A pid that is surely not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((done) => child.on('close', done));
  return child.pid as number;
}

describe('acquireLock', () => {
  it('creates the lock whole, saying who holds it, and removes it on release', async () => {
    const lock = await acquireLock(path, { purpose: 'resume' });
    const content = JSON.parse(readFileSync(path, 'utf8'));
    expect(content).toMatchObject({ format: 1, pid: process.pid, host: hostname(), purpose: 'resume' });
    expect(Date.parse(content.since)).not.toBeNaN();
    await lock.release();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sweeps the drafts and releases of earlier holders that a kill cut short', async () => {
    writeFileSync(join(dir, '.session.lock.0123456789abcdef.draft'), '');
    writeFileSync(join(dir, '.session.lock.fedcba9876543210.releasing'), '{}');
    writeFileSync(join(dir, '.other.lock.0123456789abcdef.draft'), '');
    const lock = await acquireLock(path);
    expect(readdirSync(dir).sort()).toEqual(['.other.lock.0123456789abcdef.draft', 'session.lock']);
    await lock.release();
  });

  it('refuses a second holder while the first lives, naming the first', async () => {
    const first = await acquireLock(path);
    const second = await acquireLock(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(LockBusy);
    expect((second as LockBusy).holder).toMatchObject({ pid: process.pid, host: hostname() });
    await first.release();
    await (await acquireLock(path)).release();
  });

  it('takes over, without a word, the lock of a dead process on this host', async () => {
    planted({ pid: await deadPid(), host: hostname() });
    const lock = await acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    expect(lock.stolenFrom).toBeUndefined();
    await lock.release();
  });

  it("refuses another host's lock while it is fresh, and takes it over after 12 hours of silence", async () => {
    planted({ pid: 1, host: 'another-host' }, 11 * HOUR);
    await expect(acquireLock(path)).rejects.toBeInstanceOf(LockBusy);
    planted({ pid: 1, host: 'another-host' }, 13 * HOUR);
    const lock = await acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).host).toBe(hostname());
    await lock.release();
  });

  it('waits for a holder that finishes within the wait, when asked to', async () => {
    const first = await acquireLock(path);
    const waiting = acquireLock(path, { waitMs: 60_000 });
    setTimeout(() => void first.release(), 50);
    await (await waiting).release();
  });

  it('gives an unreadable lock (cut short, damaged) a grace period, then breaks it', async () => {
    writeFileSync(path, '{"format":1,"pi');
    await expect(acquireLock(path)).rejects.toSatisfy((e) => e instanceof LockBusy && e.holder === undefined);
    const old = new Date(Date.now() - 5 * 60 * 1000);
    utimesSync(path, old, old);
    await (await acquireLock(path)).release();
  });
});

describe('--steal-lock', () => {
  it('takes a live lock; the old holder finds out at its next write and never removes the new lock', async () => {
    const first = await acquireLock(path);
    first.check();
    const second = await acquireLock(path, { steal: true });
    expect(second.stolenFrom).toMatchObject({ pid: process.pid, host: hostname() });
    expect(second.stolenFrom).not.toHaveProperty('token');
    expect(() => first.check()).toThrow(LockLost);
    await first.release();
    expect(existsSync(path)).toBe(true);
    second.check();
    await second.release();
    expect(existsSync(path)).toBe(false);
  });

  it('check() also tells another host the holder is alive (the mtime moves)', async () => {
    const lock = await acquireLock(path);
    const old = new Date(Date.now() - 10 * HOUR);
    utimesSync(path, old, old);
    lock.check();
    await expect(acquireLock(path, {})).rejects.toBeInstanceOf(LockBusy);
    await lock.release();
  });
});

describe('a lock is released however the process ends', () => {
  // The lock module bundled on its own, for child processes that hold a lock and then end.
  let bundle: string;
  beforeAll(async () => {
    bundle = join(mkdtempSync(join(tmpdir(), 'journey-lock-bundle-')), 'lock.mjs');
    await build({
      entryPoints: [resolve(import.meta.dirname, '../../src/store/lock.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'warning',
    });
  });
  afterAll(() => rmSync(join(bundle, '..'), { recursive: true, force: true }));

  const child = (how: string) => `
    const { acquireLock } = await import(${JSON.stringify('BUNDLE')});
    await acquireLock(${JSON.stringify('PATH')});
    process.stdout.write('held\\n');
    ${how}
  `;

  it.each([
    ['SIGTERM', 'setInterval(() => {}, 1000);'],
    ['SIGHUP', 'setInterval(() => {}, 1000);'],
    ['SIGINT', 'setInterval(() => {}, 1000);'],
    ['an uncaught error', "setTimeout(() => { throw new Error('boom'); }, 10);"],
    ['process.exit', 'setTimeout(() => process.exit(3), 10);'],
  ])('on %s', async (signal, how) => {
    const script = child(how).replace('PATH', path).replace('BUNDLE', bundle);
    const proc = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((done) => proc.stdout.on('data', () => done()));
    expect(existsSync(path)).toBe(true);
    if (signal.startsWith('SIG')) proc.kill(signal as NodeJS.Signals);
    const [code, sig] = await new Promise<[number | null, string | null]>((done) =>
      proc.on('close', (c, s) => done([c, s])),
    );
    expect(existsSync(path)).toBe(false);
    if (signal.startsWith('SIG')) expect(sig).toBe(signal);
    else expect(code).not.toBe(0);
  });
});
