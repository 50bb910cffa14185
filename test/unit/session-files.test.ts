import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/journey/interview.js';
import { newSession } from '../../src/journey/session.js';
import type { Session } from '../../src/model/session.js';
import { accountDir } from '../../src/store/paths.js';
import { parseSession, serializeSession } from '../../src/store/session-file.js';
import { readSummaries } from '../../src/store/session-index.js';
import { createSessionFile, readAccount, saveSessionFile } from '../../src/store/sessions.js';
import { BRANCHING_BANK, bankFrom } from '../helpers.js';

const bank = bankFrom(BRANCHING_BANK);
const now = new Date('2026-03-01T10:00:00.000Z');
const trigger = bank.questions[0];

function session(account = 'Acme, Inc.', id = '20260301T100000Z-knowledge-abc'): Session {
  if (!trigger) throw new Error('no question');
  return recordAnswer(bank, newSession({ id, account, bank, now }), trigger, 'Lost a renewal', now);
}

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'journey-sessions-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('session files', () => {
  it('round-trip through YAML exactly', () => {
    const s = session();
    const read = parseSession(serializeSession(s), 'x.yaml');
    expect(read).toEqual({ ok: true, session: s, file: 'x.yaml' });
  });

  it('round-trip any answer text exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        const s = session();
        const entry = s.entries[0];
        if (!entry) throw new Error('no entry');
        const withText: Session = {
          ...s,
          entries: [{ ...entry, answer: text }],
          notes: [{ text, at: s.started }],
        };
        const read = parseSession(serializeSession(withText), 'x.yaml');
        expect(read.ok && read.session).toEqual(withText);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [
      'broken YAML',
      (t: string) => t.replace('status: in_progress', 'status: [in_progress'),
      /^x\.yaml:\d+:\d+: error: YAML syntax/,
    ],
    [
      'a bad status',
      (t: string) => t.replace('status: in_progress', 'status: paused'),
      /^x\.yaml:11:9: error: not a valid session file: "status"/,
    ],
    [
      'a missing field',
      (t: string) => t.replace(/^loop: knowledge\n/m, ''),
      /^x\.yaml:2:1: error: not a valid session file: "loop"/,
    ],
    ['an older format', (t: string) => t.replace('format: 1', 'format: 0'), /"format"/],
  ])('a hand-edited file with %s is reported with its line and what to do', (_name, edit, pattern) => {
    const read = parseSession(edit(serializeSession(session())), 'x.yaml');
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem).toMatch(pattern);
      if (!/YAML/.test(read.problem))
        expect(read.problem).toMatch(/fix it by hand or move it out of the data folder$/);
    }
  });

  it('creates a new file exclusively and never replaces another session', async () => {
    const s = session();
    await createSessionFile(home, s);
    await expect(createSessionFile(home, s)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('reads the good sessions of an account and reports the corrupt one, leaving it untouched', async () => {
    await createSessionFile(home, session('Acme, Inc.', '20260301T100000Z-knowledge-aaa'));
    await createSessionFile(home, session('Acme, Inc.', '20260302T100000Z-options-bbb'));
    const dir = accountDir(home, 'Acme, Inc.');
    const bad = join(dir, '20260303T100000Z-options-ccc.yaml');
    await writeFile(bad, 'format: 1\nid: [oops\n');
    const records = await readAccount(home, 'acme inc');
    expect(records.sessions.map((s) => s.id)).toEqual([
      '20260301T100000Z-knowledge-aaa',
      '20260302T100000Z-options-bbb',
    ]);
    expect(records.problems).toEqual([expect.stringContaining(bad)]);
    expect(await readFile(bad, 'utf8')).toBe('format: 1\nid: [oops\n');
  });

  it('ignores temporary files and keeps sessions of another name out of an account', async () => {
    await createSessionFile(home, session());
    const dir = accountDir(home, 'Acme, Inc.');
    await writeFile(join(dir, '.20260301T100000Z-knowledge-abc.yaml.123.tmp'), 'half');
    const stranger = { ...session('Other Co', '20260301T110000Z-knowledge-zzz') };
    await writeFile(join(dir, `${stranger.id}.yaml`), serializeSession(stranger));
    const records = await readAccount(home, 'Acme, Inc.');
    expect(records.sessions).toHaveLength(1);
    expect(records.problems).toEqual([expect.stringMatching(/holds sessions of "Other Co"/)]);
  });

  it('saves over a session atomically', async () => {
    const s = session();
    await createSessionFile(home, s);
    await saveSessionFile(home, { ...s, status: 'complete' });
    const records = await readAccount(home, 'Acme, Inc.');
    expect(records.sessions[0]?.status).toBe('complete');
    expect(await readdir(accountDir(home, 'Acme, Inc.'))).toHaveLength(1);
  });

  it('lists every account folder, and none when the data folder is new (without creating it)', async () => {
    const fresh = join(home, 'not-yet');
    expect(await readSummaries(fresh)).toEqual([]);
    expect(existsSync(fresh)).toBe(false);
    await createSessionFile(home, session('Acme, Inc.'));
    await createSessionFile(home, session('Globex'));
    await mkdir(join(home, 'accounts', '.git'), { recursive: true });
    const all = await readSummaries(home);
    expect(all.map((a) => a.slug)).toEqual(['acmeinc', 'globex']);
    expect(all[0]?.sessions[0]).toMatchObject({ account: 'Acme, Inc.', answered: 1, status: 'in_progress' });
  });
});

describe('the session index cache', () => {
  it('gives the same answer warm as cold, and keeps itself out of git', async () => {
    await createSessionFile(home, session('Acme, Inc.'));
    const cold = await readSummaries(home);
    expect(await readFile(join(home, '.cache/.gitignore'), 'utf8')).toBe('*\n');
    expect(await readSummaries(home)).toEqual(cold);
  });

  it('re-reads a session file that changed, and drops one that was removed', async () => {
    const s = session('Acme, Inc.');
    await createSessionFile(home, s);
    await readSummaries(home);
    await saveSessionFile(home, { ...s, status: 'complete', contact: 'Dana Ruiz' });
    expect((await readSummaries(home))[0]?.sessions[0]).toMatchObject({
      status: 'complete',
      contact: 'Dana Ruiz',
    });
    await rm(join(accountDir(home, 'Acme, Inc.'), `${s.id}.yaml`));
    expect(await readSummaries(home)).toEqual([]);
  });

  it('is rebuilt when it is corrupt, and remembers corrupt session files as problems', async () => {
    await createSessionFile(home, session('Acme, Inc.'));
    await writeFile(join(accountDir(home, 'Acme, Inc.'), '20260309T100000Z-options-bad.yaml'), 'format: [\n');
    await readSummaries(home);
    await writeFile(join(home, '.cache/sessions-index.json'), '{"format":1,"entries":{"x":{"size":"no"}}}');
    const [folder] = await readSummaries(home);
    expect(folder?.sessions).toHaveLength(1);
    expect(folder?.problems).toEqual([
      expect.stringMatching(/options-bad\.yaml:\d+:\d+: error: YAML syntax/),
    ]);
    const [again] = await readSummaries(home);
    expect(again?.problems).toEqual(folder?.problems);
  });
});
