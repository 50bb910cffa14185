// A session journey has just written goes into its account folder's stat cache (rememberSession): the
// next read of the folder takes it from there without parsing the file, and a file changed since it
// was written, before or after it was remembered, is parsed again and read as it now stands.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordAnswer } from '../../src/journey/interview.js';
import { newSession } from '../../src/journey/session.js';
import { knownOnly } from '../../src/model/known-keys.js';
import type { Session } from '../../src/model/session.js';
import { SessionSchema } from '../../src/model/session-schema.js';
import * as sessionFile from '../../src/store/session-file.js';
import { plainSessionText } from '../../src/store/session-text.js';
import { createSessionFile, readAccount, rememberSession } from '../../src/store/sessions.js';
import { BRANCHING_BANK, bankFrom } from '../helpers.js';

vi.mock('../../src/store/session-file.js', async (original) => {
  const actual = await original<typeof import('../../src/store/session-file.js')>();
  return { ...actual, parseSession: vi.fn(actual.parseSession) };
});

const bank = bankFrom(BRANCHING_BANK);
const now = new Date('2026-03-01T10:00:00.000Z');

function session(id = '20260301T100000Z-knowledge-abc'): Session {
  const trigger = bank.questions[0];
  if (!trigger) throw new Error('no question');
  return recordAnswer(
    bank,
    newSession({ id, account: 'Acme, Inc.', bank, now }),
    trigger,
    'Lost a renewal',
    now,
  );
}

const parses = () => vi.mocked(sessionFile.parseSession).mock.calls.length;

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'journey-remember-'));
  vi.mocked(sessionFile.parseSession).mockClear();
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('rememberSession', () => {
  it('writes the same text as serializeSession for a session of the plain shape', () => {
    expect(plainSessionText(session())).toBe(sessionFile.serializeSession(session()));
  });

  it('lets the next read of the folder take the session from the cache, as a parse would give it', async () => {
    const s = session();
    const file = await createSessionFile(home, s);
    await rememberSession(home, file, s);
    const folder = await readAccount(home, 'Acme, Inc.');
    expect(parses()).toBe(0);
    const parsed = sessionFile.parseSession(readFileSync(file, 'utf8'), file);
    expect(parsed.ok && parsed.session).toStrictEqual(folder.sessions[0]);
    expect(folder.files.get(s.id)).toBe(file);
  });

  it('sees a hand edit made after the session was remembered', async () => {
    const s = session();
    const file = await createSessionFile(home, s);
    await rememberSession(home, file, s);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Lost a renewal', 'Lost two renewals'));
    const folder = await readAccount(home, 'Acme, Inc.');
    expect(parses()).toBe(1);
    expect(folder.sessions[0]?.entries[0]?.answer).toBe('Lost two renewals');
  });

  it('does not remember a session whose file changed before it was remembered', async () => {
    const s = session();
    const file = await createSessionFile(home, s);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Lost a renewal', 'Lost two renewals'));
    await rememberSession(home, file, s);
    const folder = await readAccount(home, 'Acme, Inc.');
    expect(parses()).toBe(1);
    expect(folder.sessions[0]?.entries[0]?.answer).toBe('Lost two renewals');
  });

  it('exports a remembered session as the same JSON as one read from its file', async () => {
    // Built in another key order than the schema's: the deal before the loop, completed last.
    const s = { ...session(), deal: 'Expansion', status: 'complete' as const, completed: now.toISOString() };
    const file = await createSessionFile(home, s);
    await rememberSession(home, file, s);
    const cached = (await readAccount(home, 'Acme, Inc.')).sessions[0];
    expect(parses()).toBe(0);
    const parsed = sessionFile.parseSession(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(JSON.stringify(knownOnly(SessionSchema, cached))).toBe(
      JSON.stringify(knownOnly(SessionSchema, parsed.session)),
    );
  });

  it('keeps the other sessions the folder’s cache holds', async () => {
    const first = session('20260301T100000Z-knowledge-aaa');
    await createSessionFile(home, first);
    await readAccount(home, 'Acme, Inc.');
    const second = session('20260301T110000Z-knowledge-bbb');
    await rememberSession(home, await createSessionFile(home, second), second);
    vi.mocked(sessionFile.parseSession).mockClear();
    const folder = await readAccount(home, 'Acme, Inc.');
    expect(parses()).toBe(0);
    expect(folder.sessions.map((x) => x.id)).toEqual([first.id, second.id]);
  });
});
