// Values a call never produces are refused with a clear message, fast and with bounded memory: huge
// lists and items, empty required lists, notes past their cap, endless answer streams, YAML values
// journey cannot use, and dates that are not real calendar days.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswers } from '../../src/app/answers-input.js';
import { UserError } from '../../src/errors.js';
import type { Reply } from '../../src/journey/port.js';
import { runInterview } from '../../src/journey/runner.js';
import { checkScriptedAnswers } from '../../src/journey/scripted.js';
import { newSession } from '../../src/journey/session.js';
import { ANSWER_LIMITS, checkAnswer } from '../../src/model/answer.js';
import { bankFrom, fixedClock, script } from '../helpers.js';

const bank = bankFrom(`id: limits
version: 1
loop: options
title: Limits
questions:
  - { id: list, ask: List?, type: list }
  - { id: needed, ask: Needed?, type: list, required: true }
  - { id: picks, ask: Picks?, type: multi, choices: [a, b], required: true }
  - { id: optional_picks, ask: Optional picks?, type: multi, choices: [a, b] }
  - { id: text, ask: Text?, type: long }
  - { id: when, ask: When?, type: date }
`);
const q = (id: string) => {
  const found = bank.byId.get(id);
  if (!found) throw new Error(id);
  return found;
};

const items = (n: number, text = 'item') => Array.from({ length: n }, (_, i) => `${text} ${i}`);

describe('list answers have a cap on items and on each item', () => {
  it.each([
    ['500 items', 'list', items(500), { ok: true }],
    ['501 items', 'list', items(501), 'a list answer has at most 500 items (this one has 501)'],
    ['100,000 items', 'list', items(100_000), 'a list answer has at most 500 items (this one has 100000)'],
    [
      '100,000 copies of one item',
      'list',
      Array(100_000).fill('same'),
      'a list answer has at most 500 items (this one has 100000)',
    ],
    ['an item of 500 characters', 'list', ['x'.repeat(500)], { ok: true }],
    [
      'an item of 501 characters',
      'list',
      ['short', 'x'.repeat(501)],
      'item 2 is longer than 500 characters: keep each item short',
    ],
    [
      '100,000 choices',
      'optional_picks',
      Array(100_000).fill('a'),
      'a list answer has at most 500 items (this one has 100000)',
    ],
    ['a text of 20,000 characters', 'text', 'x'.repeat(20_000), { ok: true }],
    ['a text of 20,001 characters', 'text', 'x'.repeat(20_001), 'the answer is longer than 20000 characters'],
  ])('%s', (_name, id, value, expected) => {
    const check = checkAnswer(q(id), value);
    if (typeof expected === 'string') expect(check).toEqual({ ok: false, reason: expected });
    else expect(check.ok).toBe(true);
  });
});

describe('a required list needs at least one item that is not blank', () => {
  it.each([
    ['needed', [], 'the question is required: give at least one item that is not blank'],
    ['needed', ['', ' '], 'the question is required: give at least one item that is not blank'],
    ['needed', '   ', 'the question is required: give at least one item that is not blank'],
    ['picks', [], 'the question is required: pick at least one choice'],
  ])('%s: %j is refused', (id, value, reason) => {
    expect(checkAnswer(q(id), value)).toEqual({ ok: false, reason });
  });

  it.each([
    ['list', [], []],
    ['list', ['', ' '], []],
    ['optional_picks', [], []],
    ['needed', ['', ' Dana '], ['Dana']],
  ])('%s: %j is %j', (id, value, expected) => {
    expect(checkAnswer(q(id), value)).toEqual({ ok: true, value: expected });
  });

  it('an answers file with an empty required list is refused whole', () => {
    expect(() => checkScriptedAnswers(bank, { needed: ['', ' '], picks: ['a'] }, 'call.yaml')).toThrow(
      'call.yaml: 1 answer(s) rejected; nothing was recorded',
    );
  });
});

describe('a file wrong everywhere', () => {
  it('names its first 50 problems (with suggestions) and counts the rest', () => {
    const raw = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`lisst_${i}`, 'x']));
    let details: readonly string[] = [];
    try {
      checkScriptedAnswers(bank, raw, 'call.yaml');
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      expect(error.message).toBe('call.yaml: 10000 answer(s) rejected; nothing was recorded');
      details = error.details;
    }
    expect(details).toHaveLength(51);
    expect(details[0]).toBe('call.yaml: "lisst_0" is not a question of bank limits');
    expect(details.at(-1)).toBe('… and 9950 more');
  });
});

describe('dates in answers are real calendar days of a sane year', () => {
  it.each([
    ['2026-02-30', '2026-02-30 is not a real date'],
    ['2025-02-29', '2025-02-29 is not a real date'],
    ['0000-01-01', '0000-01-01 is not a real date'],
    ['9999-12-31', '9999-12-31 is not between 1900 and 2199'],
    ['2026-13-01', '2026-13-01 is not a real date'],
  ])('%s', (date, reason) => {
    expect(checkAnswer(q('when'), date)).toEqual({ ok: false, reason });
    expect(() => checkScriptedAnswers(bank, { when: date }, 'call.yaml')).toThrow(UserError);
  });
});

describe('answers and notes from a prompt are held to the same limits', () => {
  const clock = fixedClock();
  const run = (replies: Reply[]) => {
    const s = script(replies);
    const small = bankFrom(`id: small
version: 1
loop: options
title: Small
questions:
  - { id: people, ask: People?, type: list }
  - { id: next, ask: Next?, type: text }
`);
    const session = newSession({
      id: '20260301T100000Z-options-abc',
      account: 'Acme',
      bank: small,
      now: clock(),
    });
    return runInterview({ bank: small, session, prompts: s.prompts, save: async () => {}, clock }).then(
      (result) => ({ ...result, ...s }),
    );
  };
  const warnings = (shown: { kind: string; text?: string }[]) =>
    shown.filter((m) => m.kind === 'warning').map((m) => m.text);

  it('a list past the cap is not recorded, and the question is asked again', async () => {
    const r = await run([
      { kind: 'answer', value: items(ANSWER_LIMITS.listItems + 1) },
      { kind: 'answer', value: ['Dana'] },
      { kind: 'answer', value: 'Demo' },
    ]);
    expect(r.asked.map((a) => a.id)).toEqual(['people', 'people', 'next']);
    expect(warnings(r.shown)).toEqual([
      'Not recorded: a list answer has at most 500 items (this one has 501).',
    ]);
    expect(r.session.entries.map((e) => e.answer)).toEqual([['Dana'], 'Demo']);
  });

  it('a note or a flag past the cap is not kept', async () => {
    const long = 'n'.repeat(ANSWER_LIMITS.noteChars + 1);
    const r = await run([
      { kind: 'note', text: long },
      { kind: 'flag', text: long },
      { kind: 'note', text: 'Short note' },
      { kind: 'answer', value: ['Dana'] },
      { kind: 'answer', value: 'Demo' },
    ]);
    expect(warnings(r.shown)).toEqual([
      'Not saved: a note is at most 20000 characters (this one has 20001).',
      'Not raised: a note is at most 20000 characters (this one has 20001).',
    ]);
    expect(r.session.notes.map((n) => n.text)).toEqual(['Short note']);
    expect(r.session.flags).toEqual([]);
  });
});

describe('an answers file is read with a cap, and only what journey can use is accepted', () => {
  async function file(name: string, text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'journey-answers-'));
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }
  const refusal = async (ref: string, cwd = '/') => {
    try {
      await readAnswers(ref, cwd);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return [error.message, ...error.details];
    }
    throw new Error('accepted');
  };

  it('an endless stream (/dev/zero) fails at the cap, with a message', async () => {
    expect(await refusal('/dev/zero')).toEqual([
      '/dev/zero: the answers are larger than 1 MiB: an answers file is a short map of question id to answer',
    ]);
  });

  it('a folder, a missing file and text that is not UTF-8 say what is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journey-answers-'));
    expect((await refusal(dir))[0]).toBe(`${dir}: cannot read the answers file (it is a folder)`);
    expect((await refusal(join(dir, 'none.yaml')))[0]).toBe(
      `${join(dir, 'none.yaml')}: cannot read the answers file (no such file)`,
    );
    const latin1 = join(dir, 'latin1.yaml');
    await writeFile(latin1, Buffer.from([0x6e, 0x3a, 0x20, 0xe9, 0x0a]));
    expect((await refusal(latin1))[0]).toBe(
      `${latin1}: the answers are not UTF-8 text: save them as UTF-8 (YAML or JSON)`,
    );
  });

  it.each([
    ['!!binary', 'text: ok\nphoto: !!binary aGVsbG8=\n', '2:8: error: !!binary values cannot be used'],
    ['!!set', 'people: !!set {Dana, Lee}\n', '1:9: error: !!set values cannot be used'],
    ['!!omap', 'm: !!omap [a: 1]\n', '1:4: error: !!omap values cannot be used'],
    ['!!timestamp', 'when: !!timestamp 2026-01-01\n', '1:7: error: !!timestamp values cannot be used'],
    ['!!pairs', 'p: !!pairs [a: 1]\n', '1:4: error: !!pairs values cannot be used'],
    [
      'a custom tag',
      'x: !secret value\n',
      '1:4: error: Unresolved tag: !secret: custom tags are not allowed',
    ],
    ['a list as a key', '? [a, b]\n: 1\n', '1:3: error: a key must be plain text, not a list or a map'],
  ])('%s is refused with its file and line', async (_name, text, where) => {
    const path = await file('call.yaml', text);
    const [message, ...details] = await refusal(path);
    expect(message).toBe(`${path}: cannot read the answers`);
    expect(details).toEqual([expect.stringContaining(`${path}:${where}`)]);
  });

  it('plain values, with the tags of plain values, are read', async () => {
    const path = await file('call.yaml', 'a: !!str 12\nb: [x, y]\nc: 2026-01-01\nd: { actual: 3 }\n');
    expect((await readAnswers(path, '/')).raw).toEqual({
      a: '12',
      b: ['x', 'y'],
      c: '2026-01-01',
      d: { actual: 3 },
    });
  });
});
