// Issue 15: listings answer from the per-account facts of the session index, which an account's
// session or record file changing invalidates; an export with nothing changed reads no session and
// writes nothing. "Reads no session" is seen from outside: each account's session cache
// (.cache/accounts/<slug>.json) is made again whenever its sessions are read, so once removed it
// stays absent while nothing reads them.
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';

const KNOWLEDGE = join(FIXTURES, 'answers/knowledge.yaml');
const OPTIONS = join(FIXTURES, 'scenario/options-shifted.yaml');

let home: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ home, cleanup } = await tempHome());
  for (const name of ['Acme, Inc.', 'Globex']) {
    await journey(['--home', home, 'start', name, '--answers', KNOWLEDGE]);
    await journey(['--home', home, 'start', name, '--answers', OPTIONS]);
  }
});
afterAll(async () => {
  await cleanup();
});
const j = (...args: string[]) => journey(['--home', home, ...args], { cwd: home });
const sessionCaches = () => join(home, '.cache', 'accounts');
const readSessions = async () => (existsSync(sessionCaches()) ? await readdir(sessionCaches()) : []);

describe('listings from the index', () => {
  it('accounts, flags and due read no session file when nothing changed, and say the same', async () => {
    const before = [await j('accounts'), await j('flags', '--all'), await j('due', '--within', '1y')];
    await j('accounts', '--open-flags');
    await j('accounts', '--due');
    await rm(sessionCaches(), { recursive: true, force: true });
    const after = [await j('accounts'), await j('flags', '--all'), await j('due', '--within', '1y')];
    expect(after.map((r) => r.stdout)).toEqual(before.map((r) => r.stdout));
    expect((await j('accounts', '--open-flags', '--json')).code).toBe(0);
    expect((await j('accounts', '--due', '--rep', 'nobody')).code).toBe(0);
    expect(await readSessions()).toEqual([]);
  });

  it('a record added (a close, a resolved flag) is seen at once: only that account is read again', async () => {
    expect((await j('due', '--within', '1y')).stdout).toBe('No check-ins due within 1y.\n');
    await rm(sessionCaches(), { recursive: true, force: true });
    expect((await j('won', 'Globex', '--on', '2026-01-02', '--every', 'quarterly')).code).toBe(0);
    await rm(sessionCaches(), { recursive: true, force: true });
    const due = await j('due', '--within', '1y', '--json');
    expect(JSON.parse(due.stdout).due.map((d: { account: string }) => d.account)).toEqual(['Globex']);
    expect(JSON.parse((await j('accounts', '--stage', 'customer', '--json')).stdout)).toMatchObject([
      { name: 'Globex', stage: 'customer' },
    ]);
    expect(await readSessions()).toEqual(['globex.json']);

    const open = JSON.parse((await j('flags', '--json')).stdout).flags as {
      flag: { id: string };
      account: string;
    }[];
    // Globex has a records folder already (its close): only a file inside it changes.
    const flag = open.find((v) => v.account === 'Globex');
    expect(flag).toBeDefined();
    await rm(sessionCaches(), { recursive: true, force: true });
    expect((await j('flags', 'resolve', flag?.flag.id ?? '')).code).toBe(0);
    await rm(sessionCaches(), { recursive: true, force: true });
    const still = JSON.parse((await j('flags', '--json')).stdout).flags as { flag: { id: string } }[];
    expect(still.map((v) => v.flag.id)).not.toContain(flag?.flag.id);
    expect(await readSessions()).toEqual(['globex.json']);
  });
});

describe('export with nothing changed', () => {
  it('reads no session and writes nothing; a changed account is exported again', async () => {
    const first = await j('export', '--all', '--out', 'notes');
    expect(first.stdout).toMatch(/2 added/);
    const notes = join(home, 'notes');
    const stamps = async () =>
      Promise.all(
        ['acmeinc.md', 'globex.md', '.journey-export.json'].map(
          async (f) => (await stat(join(notes, f))).mtimeMs,
        ),
      );
    const written = await stamps();
    await rm(sessionCaches(), { recursive: true, force: true });
    const again = await j('export', '--all', '--out', 'notes');
    expect(again.stdout).toBe(`Exported to ${notes}: 0 added, 0 updated, 2 unchanged, 0 skipped.\n`);
    expect(await stamps()).toEqual(written);
    expect(await readSessions()).toEqual([]);

    await j('start', 'Globex', '--answers', KNOWLEDGE);
    await rm(sessionCaches(), { recursive: true, force: true });
    const changed = await j('export', '--all', '--out', 'notes');
    expect(changed.stdout).toMatch(/0 added, 1 updated, 1 unchanged/);
    expect(await readSessions()).toEqual(['globex.json']);
  });
});
