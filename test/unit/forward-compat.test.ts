// Files a newer journey wrote (a teammate's clone of a shared data folder, on a later release): keys
// this release does not know are read, kept when a session is rewritten, and said once per run; a
// file of a newer format, or a record of an unknown kind, is skipped with a problem that says to
// upgrade, and the rest of the account still reads. Resolutions of one flag never share a file name.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportText } from '../../src/export/json.js';
import { accountFlags } from '../../src/journey/flags.js';
import { SESSION_FORMAT } from '../../src/model/formats.js';
import { knownOnly, unknownKeys } from '../../src/model/known-keys.js';
import type { Session } from '../../src/model/session.js';
import { SessionSchema } from '../../src/model/session-schema.js';
import { loadAccount } from '../../src/store/load-account.js';
import { noteUnknownKeys, resetUnknownKeys, takeUnknownKeysWarning } from '../../src/store/newer-files.js';
import { readRecords, writeFlagResolution, writeRecord } from '../../src/store/records.js';
import { parseSession, serializeSession } from '../../src/store/session-file.js';
import { readSummaries } from '../../src/store/session-index.js';
import { createSessionFile, readAccount, rereadSession, saveSessionFile } from '../../src/store/sessions.js';
import { sessionFixture } from '../helpers.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-forward-'));
  resetUnknownKeys();
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  resetUnknownKeys();
});

const AT = '2026-03-01T10:00:00.000Z';
const acmeDir = () => join(home, 'accounts', 'acmeinc');
const recordsDir = () => join(acmeDir(), 'records');

/** A value with keys this release does not know, typed as what it knows. */
function plus<T>(value: T, extra: Record<string, unknown>): T {
  return { ...value, ...extra };
}

/** Every kind of object a session holds, each with a key of a newer journey's. */
function newerSession(id = 'aaa1111', day = '01'): Session {
  const entry = plus(
    {
      question: 'cost',
      ask: 'What does it cost?',
      type: 'measure' as const,
      answer: plus({ actual: 5, baseline: 9 }, { confidence: 'high' }),
      at: AT,
    },
    { tone: 'worried' },
  );
  const evidence = plus(
    { question: 'cost', ask: 'What does it cost?', before: 'a', after: 'b' },
    { weight: 2 },
  );
  return plus(
    sessionFixture(id, 'knowledge', day, {
      bank: plus({ id: 'knowledge-bank', version: 1, hash: 'sha256:0', title: 'K' }, { channel: 'beta' }),
      entries: [entry],
      notes: [plus({ text: 'a note', at: AT }, { pinned: true })],
      flags: [
        plus(
          {
            id: `${id}-1`,
            rule: 'manual',
            message: 'Something changed',
            evidence: [evidence],
            revisit: ['cost'],
            decision: 'deferred' as const,
            at: AT,
          },
          { severity: 'high' },
        ),
      ],
      tips: [plus({ rule: 'r', text: 'A tip', at: AT }, { seen: true })],
      shifts: [plus({ question: 'cost', ask: 'A?', before: 'a', after: 'b', at: AT }, { size: 'big' })],
      revisits: [
        plus(
          {
            flag: `${id}-1`,
            bank: plus(
              { id: 'knowledge-bank', version: 1, hash: 'sha256:0', title: 'K' },
              { channel: 'beta' },
            ),
            entries: [
              plus(
                { question: 'q', ask: 'Q?', type: 'text' as const, answer: 'x', at: AT },
                { tone: 'calm' },
              ),
            ],
            at: AT,
          },
          { reason: 'asked' },
        ),
      ],
      resolved: [plus({ flag: 'old-1', how: 'restated' as const, at: AT }, { by: 'dana' })],
      judgements: [
        plus({ question: 'cost', before: 1, after: 2, verdict: 'moved' as const, at: AT }, { confidence: 3 }),
      ],
      warnings: [plus({ text: 'A warning', at: AT }, { code: 'W1' })],
    }),
    { mood: 'upbeat', reviewers: ['dana', 'lee'] },
  );
}

const NESTED_KEYS = [
  'bank.channel',
  'entries.0.answer.confidence',
  'entries.0.tone',
  'notes.0.pinned',
  'flags.0.evidence.0.weight',
  'flags.0.severity',
  'tips.0.seen',
  'shifts.0.size',
  'revisits.0.bank.channel',
  'revisits.0.entries.0.tone',
  'revisits.0.reason',
  'resolved.0.by',
  'judgements.0.confidence',
  'warnings.0.code',
  'mood',
  'reviewers',
];

describe('a session with keys this release does not know', () => {
  it('is read, with every unknown key at every level found and kept', () => {
    const session = newerSession();
    const read = parseSession(serializeSession(session), 'x.yaml');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.session).toEqual(session);
    expect([...(read.unknown ?? [])].sort()).toEqual([...NESTED_KEYS].sort());
    // Rewritten as it was read: the same file, key for key.
    expect(parse(serializeSession(read.session))).toEqual(parse(serializeSession(session)));
  });

  it('a session of only known keys has none', () => {
    const read = parseSession(serializeSession(sessionFixture('aaa1111', 'knowledge', '01')), 'x.yaml');
    expect(read.ok && read.unknown).toBeUndefined();
  });

  it('still fails on a known key of the wrong type, with its line and column', () => {
    const text = serializeSession(newerSession()).replace('status: complete', 'status: 3');
    const read = parseSession(text, 'x.yaml');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(/^x\.yaml:\d+:\d+: error: not a valid session file: "status"/);
    const nested = serializeSession(newerSession()).replace('tone: worried', 'tone: worried\n    at: 5');
    const second = parseSession(nested, 'x.yaml');
    expect(second.ok).toBe(false);
  });

  it('arbitrary extra keys at the top level survive serialize → parse → serialize (property)', () => {
    const known = new Set(Object.keys(SessionSchema.shape));
    const key = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !known.has(k) && k !== '__proto__' && k.trim() === k && !/^[0-9]/.test(k));
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(
        fc.string({ minLength: 1, maxLength: 5 }).filter((k) => k !== '__proto__'),
        fc.string(),
        { maxKeys: 3 },
      ),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), (extra) => {
        const session = plus(sessionFixture('aaa1111', 'knowledge', '01'), extra);
        const first = serializeSession(session);
        const read = parseSession(first, 'x.yaml');
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect([...(read.unknown ?? [])].sort()).toEqual(Object.keys(extra).sort());
        expect(serializeSession(read.session)).toBe(first);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its unknown keys when journey rewrites it, at every level', async () => {
    const path = await createSessionFile(home, newerSession());
    const session = await rereadSession(path);
    const changed: Session = {
      ...session,
      notes: [...session.notes, { text: 'another note', at: AT }],
      updated: '2026-03-02T10:00:00.000Z',
    };
    await saveSessionFile(home, changed, path);
    const again = parse(readFileSync(path, 'utf8'));
    expect(again.mood).toBe('upbeat');
    expect(again.entries[0].tone).toBe('worried');
    expect(again.entries[0].answer.confidence).toBe('high');
    expect(again.flags[0].evidence[0].weight).toBe(2);
    expect(again.revisits[0].entries[0].tone).toBe('calm');
    expect(again.notes).toHaveLength(2);
    expect(unknownKeys(SessionSchema, SessionSchema.parse(again)).sort()).toEqual([...NESTED_KEYS].sort());
  });

  it('is noted as it is read, from the file and again from the cache', async () => {
    await createSessionFile(home, newerSession());
    await createSessionFile(home, sessionFixture('bbb2222', 'options', '02'));
    for (const pass of ['file', 'cache']) {
      resetUnknownKeys();
      const folder = await readAccount(home, 'Acme, Inc.');
      expect(folder.sessions, pass).toHaveLength(2);
      expect(folder.problems, pass).toEqual([]);
      expect(takeUnknownKeysWarning(), pass).toMatch(
        /^1 file was written by a newer journey and has keys this release does not know \(.*20260301T100000Z-knowledge-aaa1111\.yaml: "bank\.channel", "entries\.0\.answer\.confidence", "entries\.0\.tone" and 13 more\); it is read without them: upgrade journey to use them$/,
      );
    }
    for (const pass of ['file', 'cache']) {
      resetUnknownKeys();
      const [folder] = await readSummaries(home);
      expect(folder?.sessions, pass).toHaveLength(2);
      expect(takeUnknownKeysWarning(), pass).toMatch(/^1 file was written by a newer journey/);
    }
  });

  it('is left out of a JSON export', () => {
    const session = newerSession();
    const doc = JSON.parse(
      exportText([{ name: 'Acme, Inc.', slug: 'acmeinc', sessions: [session], records: [] }]),
    );
    const exported = doc.accounts[0].sessions[0];
    expect(exported).toEqual(knownOnly(SessionSchema, session));
    expect(unknownKeys(SessionSchema, exported)).toEqual([]);
    expect(JSON.stringify(doc)).not.toMatch(/mood|tone|severity|channel|confidence/);
  });
});

describe('the warning, once per run', () => {
  it('names how many files and one of them with its keys, once', () => {
    expect(takeUnknownKeysWarning()).toBeUndefined();
    noteUnknownKeys('/d/accounts/b/2.yaml', ['mood']);
    noteUnknownKeys('/d/accounts/a/1.yaml', ['mood', 'entries.0.tone']);
    noteUnknownKeys('/d/accounts/a/1.yaml', ['mood', 'entries.0.tone']);
    noteUnknownKeys('/d/accounts/c/records/3.yaml', ['why']);
    noteUnknownKeys('/d/accounts/c/records/4.yaml', []);
    expect(takeUnknownKeysWarning()).toBe(
      '3 files were written by a newer journey and have keys this release does not know (/d/accounts/a/1.yaml: "mood", "entries.0.tone"); they are read without them: upgrade journey to use them',
    );
    noteUnknownKeys('/d/accounts/d/5.yaml', ['mood']);
    expect(takeUnknownKeysWarning()).toBeUndefined();
  });
});

describe('a file of a newer format', () => {
  it('is skipped with a problem that says to upgrade, and the other sessions still read', async () => {
    await createSessionFile(home, sessionFixture('aaa1111', 'knowledge', '01'));
    const newer = serializeSession(sessionFixture('bbb2222', 'options', '02')).replace(
      `format: ${SESSION_FORMAT}`,
      `format: ${SESSION_FORMAT + 1}\nrep: dana`,
    );
    const file = join(acmeDir(), '20260302T100000Z-options-bbb2222.yaml');
    writeFileSync(file, newer);
    const account = await loadAccount(home, 'Acme, Inc.');
    expect(account.sessions.map((s) => s.id)).toEqual(['20260301T100000Z-knowledge-aaa1111']);
    expect(account.problems).toEqual([
      `${file}: written by a newer journey (format ${SESSION_FORMAT + 1}): upgrade journey to read it`,
    ]);
    const [folder] = await readSummaries(home);
    expect(folder?.sessions).toHaveLength(1);
    expect(folder?.problems).toEqual(account.problems);
    expect(takeUnknownKeysWarning()).toBeUndefined();
  });
});

describe('records of a newer journey', () => {
  const won = (extra: Record<string, unknown> = {}) => ({
    format: 1,
    kind: 'won',
    account: 'Acme, Inc.',
    on: '2026-03-01',
    every: 'quarter',
    at: AT,
    ...extra,
  });
  const put = (name: string, value: unknown) =>
    writeFileSync(join(recordsDir(), name), JSON.stringify(value));

  it('reads unknown keys, skips a newer format and an unknown kind with a problem each, and keeps the rest', async () => {
    await createSessionFile(home, sessionFixture('aaa1111', 'knowledge', '01'));
    mkdirSync(recordsDir());
    put('a.yaml', won({ region: 'EU' }));
    put('b.yaml', won({ format: 2 }));
    put('c.yaml', { format: 1, kind: 'renewed', account: 'Acme, Inc.', at: AT });
    put('d.yaml', { format: 1, kind: 'lost', account: 'Acme, Inc.', on: '2026-03-02', at: AT });
    const read = await readRecords(home, 'Acme, Inc.');
    expect(read.records.map((r) => r.kind)).toEqual(['won', 'lost']);
    expect(read.records[0]).toMatchObject({ region: 'EU' });
    expect(read.problems).toEqual([
      `${join(recordsDir(), 'b.yaml')}: written by a newer journey (format 2): upgrade journey to read it`,
      `${join(recordsDir(), 'c.yaml')}: a kind of record this journey does not know ("renewed"): upgrade journey to read it`,
    ]);
    expect(takeUnknownKeysWarning()).toMatch(/^1 file was written .*a\.yaml: "region"\)/);
    const doc = JSON.parse(
      exportText([{ name: 'Acme, Inc.', slug: 'acmeinc', sessions: [], records: read.records }]),
    );
    expect(doc.accounts[0].records[0]).not.toHaveProperty('region');
  });

  it('still refuses a known kind with a wrong value, and an older format', async () => {
    await createSessionFile(home, sessionFixture('aaa1111', 'knowledge', '01'));
    mkdirSync(recordsDir());
    put('a.yaml', won({ every: 3 }));
    put('b.yaml', won({ format: 0 }));
    const read = await readRecords(home, 'Acme, Inc.');
    expect(read.records).toEqual([]);
    expect(read.problems).toEqual([
      expect.stringMatching(/a\.yaml:\d+:\d+: error: not a valid record/),
      expect.stringMatching(/b\.yaml:\d+:\d+: error: not a valid record/),
    ]);
  });
});

describe('resolving a flag', () => {
  const flagged = () =>
    sessionFixture('aaa1111', 'knowledge', '01', {
      flags: [
        {
          id: 'aaa1111-1',
          rule: 'manual',
          message: 'Something changed',
          evidence: [],
          revisit: [],
          decision: 'deferred',
          at: AT,
        },
      ],
    });
  const resolution = (at: string, note?: string) =>
    ({
      format: 1,
      kind: 'flag_resolved',
      account: 'Acme, Inc.',
      flag: 'aaa1111-1',
      at,
      ...(note ? { note } : {}),
    }) as const;

  it('writes a record of a name of its own; a second resolution in the same folder is refused', async () => {
    await createSessionFile(home, flagged());
    const first = await writeFlagResolution(home, resolution('2026-03-02T10:00:00.000Z'));
    expect(first.written).toBe(true);
    const second = await writeFlagResolution(home, resolution('2026-03-02T11:00:00.000Z'));
    expect(second).toEqual({ written: false, path: first.path });
    const names = readdirSync(recordsDir());
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^20260302T100000Z-flagresolved-[0-9a-z]+\.yaml$/);
    expect(readdirSync(join(home, '.locks'))).toEqual(['.gitignore']);
  });

  it('of two at once in one folder, one writes and the other is told', async () => {
    await createSessionFile(home, flagged());
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => writeFlagResolution(home, resolution(`2026-03-02T1${i}:00:00.000Z`))),
    );
    expect(results.filter((r) => r.written)).toHaveLength(1);
    expect(readdirSync(recordsDir())).toHaveLength(1);
  });

  it('also sees a resolution under the old name, flag-resolved-<flag>.yaml', async () => {
    await createSessionFile(home, flagged());
    mkdirSync(recordsDir());
    writeFileSync(join(recordsDir(), 'flag-resolved-aaa1111-1.yaml'), JSON.stringify(resolution(AT)));
    const again = await writeFlagResolution(home, resolution('2026-03-02T10:00:00.000Z'));
    expect(again).toEqual({ written: false, path: join(recordsDir(), 'flag-resolved-aaa1111-1.yaml') });
  });

  it('two resolutions of one flag (two clones, merged) count once: the earliest', async () => {
    await createSessionFile(home, flagged());
    mkdirSync(recordsDir());
    writeFileSync(
      join(recordsDir(), 'flag-resolved-aaa1111-1.yaml'),
      JSON.stringify(resolution('2026-03-03T10:00:00.000Z', 'later, by Lee')),
    );
    await writeRecord(
      home,
      resolution('2026-03-02T10:00:00.000Z', 'first, by Dana'),
      new Date('2026-03-02T10:00:00.000Z'),
    );
    const account = await loadAccount(home, 'Acme, Inc.');
    expect(account.records).toHaveLength(2);
    const flags = accountFlags(account);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.status).toBe('resolved');
    expect(flags[0]?.resolution).toEqual({
      how: 'by_hand',
      note: 'first, by Dana',
      at: '2026-03-02T10:00:00.000Z',
    });
  });
});
