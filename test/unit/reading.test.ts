// Issue 13, reading: text wrapped at word boundaries, columns padded by display width, labels
// instead of ids, cadences in words, a prep that shows the deal.
import chalk from 'chalk';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outlineOf } from '../../src/bank/outline.js';
import { backgroundFor } from '../../src/journey/background.js';
import { cadencePhrase, parseCadence } from '../../src/journey/cadence.js';
import type { DueItem } from '../../src/journey/due.js';
import { flagViews } from '../../src/journey/flags.js';
import type { Reply } from '../../src/journey/port.js';
import { buildPrep, datesIn } from '../../src/journey/prep.js';
import { runInterview } from '../../src/journey/runner.js';
import { newSession } from '../../src/journey/session.js';
import type { Flag, Session } from '../../src/model/session.js';
import {
  countedWidth,
  displayWidth,
  needsStringWidth,
  widthsReady,
  wrapLine,
  wrapText,
} from '../../src/ui/layout.js';
import { renderFlag, renderTable } from '../../src/ui/render.js';
import { renderDue } from '../../src/ui/render-due.js';
import { renderPrep } from '../../src/ui/render-prep.js';
import { bankFrom, fixedClock, script, sessionFixture } from '../helpers.js';

let level: typeof chalk.level;
beforeEach(() => {
  level = chalk.level;
  chalk.level = 0;
});
afterEach(() => {
  chalk.level = level;
});

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('wrapping at word boundaries', () => {
  const text =
    'They said their onboarding takes eight weeks because nobody owns the handoff from sales to onboarding';

  it('breaks between words, never inside one, within the width', () => {
    const wrapped = wrapLine(text, 30);
    for (const line of wrapped.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(words(wrapped)).toBe(text);
    for (const word of text.split(' ')) expect(wrapped.split(/\s+/)).toContain(word);
  });

  it('keeps a line indent on its continuation lines, or a label column when asked', () => {
    for (const l of wrapLine(`    ${text}`, 40).split('\n').slice(1)) expect(l).toMatch(/^ {4}\S/);
    const labelled = wrapLine(`Problem   ${text}`, 40, 10).split('\n');
    expect(labelled[0]).toMatch(/^Problem {3}They/);
    for (const l of labelled.slice(1)) expect(l).toMatch(/^ {10}\S/);
  });

  it('closes colour at a break and opens it again on the next line', () => {
    chalk.level = 1;
    const wrapped = wrapLine(`  ${chalk.red(text)}`, 30).split('\n');
    expect(wrapped.length).toBeGreaterThan(1);
    for (const line of wrapped.slice(1)) expect(line.startsWith('  \u001b[31m')).toBe(true);
    expect(wrapped[0]?.endsWith('\u001b[0m')).toBe(true);
  });

  it('leaves short lines and each line of a text alone', () => {
    expect(wrapText('a b\n  c d', 80)).toBe('a b\n  c d');
  });
});

describe('columns padded by display width', () => {
  it('counts accents, dashes and ellipses a cell each without loading string-width', () => {
    expect(displayWidth('Café — notes…')).toBe(stringWidth('Café — notes…'));
    expect(displayWidth('Cafe\u0301')).toBe(4);
  });

  it('measures any text of printable ASCII and colour codes as string-width does', () => {
    // Printable ASCII is measured without stripping: a colour code must still count for nothing.
    // (A lone ESC never reaches a table: safeText shows it as ␛ first.)
    const piece = fc.oneof(
      fc.stringMatching(/^[\u0020-\u007e]*$/),
      fc.constantFrom('\u001b[31m', '\u001b[0m', '\u001b[1;32m', '\u001b[38;5;208m', '\u009b4m'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
    );
  });

  it('measures every character it does not load string-width for as string-width does', () => {
    // Each code point of the planes the fallback counts, one by one: unassigned ones too (U+2065).
    const wrong: string[] = [];
    for (let code = 0; code <= 0x2fff; code++) {
      const ch = String.fromCodePoint(code);
      if (!needsStringWidth(ch) && countedWidth(ch) !== stringWidth(ch)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('measures any text it does not load string-width for as string-width does (property)', () => {
    // Any character of the scripts the fallback counts, of Devanagari, Tamil, Bengali, Arabic and
    // Thai, of wide forms and emoji: what widthsReady leaves to the fallback must measure the same.
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xa0, 0x58f],
      [0x591, 0x5f4],
      [0x600, 0x6ff],
      [0x900, 0x97f],
      [0x980, 0x9ff],
      [0xb80, 0xbff],
      [0xe00, 0xe7f],
      [0x1e00, 0x1fff],
      [0x2000, 0x214f],
      [0x3040, 0x30ff],
      [0x1f300, 0x1f64f],
    ];
    const char = fc
      .constantFrom(...ranges)
      .chain(([from, to]) => fc.integer({ min: from, max: to }))
      .map((code) => String.fromCodePoint(code));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        if (!needsStringWidth(text)) expect(countedWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 5000 },
    );
    expect(['हिंदी Traders', 'தமிழ்', 'ক্ষ', 'العربية', 'ไทย'].map(needsStringWidth)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(needsStringWidth('Ελληνικά — Ж, café')).toBe(false);
  });

  it('keeps a table in line with CJK and emoji names', async () => {
    const rows = [
      ['株式会社トヨタ', 'customer'],
      ['Acme 🚀', 'prospect'],
      ['Café Noir', 'lost'],
    ];
    // As the commands do: string-width is loaded only for text that needs it.
    await widthsReady(rows.flat());
    const table = renderTable({ head: ['account', 'stage'], rows });
    // Measured by string-width itself, as a terminal shows it.
    const starts = table.split('\n').map((line) => {
      const at = line.search(/stage|customer|prospect|lost/);
      return stringWidth(line.slice(0, at));
    });
    expect(new Set(starts).size).toBe(1);
  });

  it('keeps the due list dates in one column', async () => {
    await widthsReady(['株式会社トヨタ']);
    const item = (account: string): DueItem =>
      ({
        account,
        next: '2026-04-01',
        overdueDays: 3,
        booked: false,
        every: 'quarterly',
        lastCheckIn: '2026-01-01',
        openFlags: 0,
        problems: [],
        behindTarget: [],
      }) as unknown as DueItem;
    const lines = renderDue([item('株式会社トヨタ'), item('Acme')], 200).split('\n');
    const columns = lines.map((l) => stringWidth(l.slice(0, l.indexOf('2026-04-01'))));
    expect(columns[0]).toBe(columns[1]);
    expect(lines[0]).toContain('check in quarterly');
    expect(lines[0]).not.toContain('every quarterly');
  });
});

describe('cadences in words', () => {
  it.each([
    ['quarterly', 'quarterly'],
    ['30d', 'every 30 days'],
    ['1w', 'every week'],
    ['6w', 'every 6 weeks'],
    ['3m', 'every 3 months'],
    ['1y', 'every year'],
  ])('%s reads "%s"', (text, phrase) => {
    expect(cadencePhrase(text)).toBe(phrase);
  });

  it('suggests the nearest name for a typo', () => {
    expect(() => parseCadence('quartely')).toThrow(/did you mean quarterly\?/);
    expect(() => parseCadence('0d')).not.toThrow(/did you mean/);
  });
});

const labelled = bankFrom(`id: o
version: 1
loop: options
title: O
questions:
  - id: budget_status
    ask: Where does budget stand?
    type: choice
    ordered: true
    choices:
      - { id: none, label: There is no budget }
      - { id: being_set, label: Being worked out }
      - { id: approved, label: Approved }
rules:
  - id: budget_cut
    when: decreased("budget_status")
    loop_back: { message: The budget went down., revisit: [budget_status] }
`);

describe('labels instead of ids in loop-back evidence', () => {
  it('records the labels with the evidence and shows them', async () => {
    const at = '2026-03-01T10:00:01.000Z';
    const earlier: Session = {
      ...newSession({
        id: '20260301T100000Z-options-prev01',
        account: 'Acme',
        bank: labelled,
        now: new Date('2026-03-01T10:00:00Z'),
      }),
      status: 'complete',
      entries: [{ question: 'budget_status', ask: 'Budget?', type: 'choice', answer: 'approved', at }],
    };
    const clock = fixedClock('2026-03-10T10:00:00.000Z');
    const s = script([{ kind: 'answer', value: 'being_set' } as Reply]);
    const { session } = await runInterview({
      bank: labelled,
      background: backgroundFor([earlier], new Date('2026-03-10T09:00:00Z')),
      session: newSession({
        id: '20260310T100000Z-options-abc10',
        account: 'Acme',
        bank: labelled,
        now: clock(),
      }),
      prompts: s.prompts,
      save: async () => undefined,
      clock,
    });
    const flag = session.flags[0] as Flag;
    expect(flag.evidence[0]?.labels).toEqual({ approved: 'Approved', being_set: 'Being worked out' });
    expect(renderFlag(flag)).toContain('Approved → Being worked out');
    expect(renderFlag(flag)).not.toContain('being_set');
  });

  it('finds the labels of a flag raised before evidence kept them in the entries', () => {
    const at = '2026-03-05T10:00:00.000Z';
    const flag: Flag = {
      id: 'o1-1',
      rule: 'budget_cut',
      message: 'The budget went down.',
      evidence: [{ question: 'budget_status', ask: 'Budget?', before: 'approved', after: 'being_set' }],
      revisit: [],
      decision: 'deferred',
      at,
    };
    const entry = (answer: string, labels: Record<string, string>) => ({
      question: 'budget_status',
      ask: 'Budget?',
      type: 'choice' as const,
      answer,
      labels,
      at,
    });
    const sessions = [
      sessionFixture('o0', 'options', '01', { entries: [entry('approved', { approved: 'Approved' })] }),
      sessionFixture('o1', 'options', '05', {
        entries: [entry('being_set', { being_set: 'Being worked out' })],
        flags: [flag],
      }),
    ];
    const [view] = flagViews(sessions, []);
    expect(renderFlag(view?.flag as Flag)).toContain('Approved → Being worked out');
  });

  it('shows a measure as numbers, not [object Object]', () => {
    const flag: Flag = {
      id: 'r1-1',
      rule: 'behind',
      message: 'Behind.',
      evidence: [{ question: 'm', ask: 'Where is it?', after: { actual: 30, baseline: 42, target: 12 } }],
      revisit: [],
      decision: 'deferred',
      at: '2026-03-05T10:00:00.000Z',
    };
    expect(renderFlag(flag)).toContain('now: 30 (baseline 42, target 12)');
  });
});

describe('a prep that shows the deal', () => {
  const knowledge = bankFrom(`id: k
version: 1
loop: knowledge
title: K
questions:
  - { id: problem_statement, ask: Statement?, type: long, role: problem_statement }
  - { id: success_by, ask: By what date should it be there?, type: date, brief: true }
  - { id: next_step, ask: What is the next step?, type: text, role: next_step, brief: true }
`);
  const options = bankFrom(`id: o
version: 1
loop: options
title: O
questions:
  - id: budget_status
    ask: Where does budget stand for this?
    type: choice
    brief: true
    choices:
      - { id: being_set, label: Being worked out }
      - { id: approved, label: Approved }
  - { id: decision_date, ask: When do you need a decision by?, type: date, brief: Decision date }
  - { id: vendors, ask: Which vendors are you looking at?, type: list, brief: true }
  - { id: plan, ask: What is the plan?, type: long, brief: true }
  - { id: chatter, ask: Anything else?, type: text }
  - { id: next_step, ask: What is the very next step?, type: text, role: next_step, brief: true }
`);
  const at = (day: string) => `2026-03-${day}T10:10:00.000Z`;
  const kBank = { id: 'k', version: 1, hash: 'sha256:0', title: 'K' };
  const oBank = { id: 'o', version: 1, hash: 'sha256:0', title: 'O' };
  const sessions: Session[] = [
    sessionFixture('k1', 'knowledge', '01', {
      bank: kBank,
      entries: [
        {
          question: 'problem_statement',
          ask: 'Statement?',
          type: 'long',
          role: 'problem_statement',
          answer: 'Slow',
          at: at('01'),
        },
        {
          question: 'success_by',
          ask: 'By what date should it be there?',
          type: 'date',
          answer: '2026-09-30',
          at: at('01'),
        },
        {
          question: 'next_step',
          ask: 'What is the next step?',
          type: 'text',
          role: 'next_step',
          answer: 'A demo on 2026-03-03',
          at: at('01'),
        },
      ],
      notes: [{ text: 'CFO joined the call', at: at('01') }],
    }),
    sessionFixture('o1', 'options', '05', {
      bank: oBank,
      entries: [
        {
          question: 'budget_status',
          ask: 'Where does budget stand for this?',
          type: 'choice',
          labels: { being_set: 'Being worked out' },
          answer: 'being_set',
          at: at('05'),
        },
        {
          question: 'decision_date',
          ask: 'When do you need a decision by?',
          type: 'date',
          answer: '2026-03-07',
          at: at('05'),
        },
        {
          question: 'vendors',
          ask: 'Which vendors are you looking at?',
          type: 'list',
          answer: ['Onboardly', 'HandoffHQ'],
          at: at('05'),
        },
        {
          question: 'plan',
          ask: 'What is the plan?',
          type: 'long',
          answer: 'Pilot in April\nSign in May',
          at: at('05'),
        },
        { question: 'chatter', ask: 'Anything else?', type: 'text', answer: 'Nothing', at: at('05') },
        {
          question: 'next_step',
          ask: 'What is the very next step?',
          type: 'text',
          role: 'next_step',
          answer: 'Dana sends the ARR business case by 2026-03-06',
          at: at('05'),
        },
      ],
      notes: [{ text: 'Procurement is slow', at: at('05') }],
      flags: [
        {
          id: 'o1-1',
          rule: 'r',
          message: 'M.',
          evidence: [],
          revisit: [],
          decision: 'deferred',
          at: at('05'),
        },
      ],
    }),
    sessionFixture('o2', 'options', '06', { bank: oBank }),
  ];
  const prep = buildPrep({
    account: { name: 'Acme', sessions, records: [] },
    banks: { knowledge: outlineOf(knowledge), options: outlineOf(options) },
    outlines: [outlineOf(knowledge), outlineOf(options)],
    now: new Date('2026-03-08T12:00:00.000Z'),
  });

  it('gives the latest answer of each brief question, with labels and the date given', () => {
    expect(prep.facts.map((f) => [f.question, f.text, f.at, f.passed])).toEqual([
      ['success_by', '2026-09-30', '2026-03-01', false],
      ['next_step', 'Dana sends the ARR business case by 2026-03-06', '2026-03-05', false],
      ['budget_status', 'Being worked out', '2026-03-05', false],
      ['decision_date', '2026-03-07', '2026-03-05', true],
      ['vendors', 'Onboardly; HandoffHQ', '2026-03-05', false],
      ['plan', 'Pilot in April …', '2026-03-05', false],
    ]);
  });

  it('gives the last agreed next step and whether its date has passed', () => {
    expect(prep.nextStep).toMatchObject({
      text: 'Dana sends the ARR business case by 2026-03-06',
      at: '2026-03-05',
      dates: ['2026-03-06'],
      passed: ['2026-03-06'],
    });
    const text = renderPrep(prep, false, 200);
    expect(text).toMatch(
      /Next step +"Dana sends the ARR business case by 2026-03-06" · 2026-03-06 has passed/,
    );
    expect(text).toMatch(/^Facts {5}\S/m);
    expect(text).toContain('Where does budget stand for this? Being worked out (03-05)');
    // A fact goes by the short label its bank gives it, else by its question.
    expect(text).toContain('Decision date: 2026-03-07 · passed (03-05)');
    expect(text).not.toContain('being_set');
    expect(text).not.toContain('Anything else?');
  });

  it('--verbose shows every note of every session; the timeline marks ⟲ only on a return', () => {
    expect(prep.notes.map((n) => n.notes.map((x) => x.text))).toEqual([
      ['CFO joined the call'],
      ['Procurement is slow'],
    ]);
    const text = renderPrep(prep, true, 200);
    expect(text).toContain('2026-03-01 knowledge: CFO joined the call');
    expect(text).toContain('2026-03-05 options: Procurement is slow');
    expect(prep.timeline.map((s) => s.loopBack)).toEqual([false, false, false]);
    expect(text.match(/⟲/g)).toBeNull();
    expect(text).toMatch(/options +complete ⚑1/);
  });

  it('finds dates written in words too, only with a year', () => {
    expect(datesIn('by 10 December 2026, or Dec 12, 2026; not 12 December')).toEqual([
      '2026-12-10',
      '2026-12-12',
    ]);
    expect(datesIn('no date here; 2026-02-30 is none')).toEqual([]);
  });

  it('wraps at the width given, under the labels', () => {
    const text = renderPrep(prep, true, 60);
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it('names the questions never answered as the rep asks them, not by id', () => {
    const unknown = {
      ...prep,
      unknown: {
        loop: 'options' as const,
        bank: 'o',
        questions: [{ id: 'budget_status', ask: 'Where does budget stand for this?' }],
      },
    };
    expect(renderPrep(unknown, false, 200)).toMatch(/never answered: "Where does budget stand for this\?"$/m);
    expect(renderPrep(unknown, false, 200)).not.toMatch(/budget_status/);
    expect(renderPrep(unknown, true, 200)).toMatch(/"Where does budget stand for this\?" \(budget_status\)/);
  });

  it('starts from no background without facts', () => {
    const empty = buildPrep({
      account: { name: 'A', sessions: [], records: [] },
      banks: {},
      now: new Date(),
    });
    expect(empty).toMatchObject({ facts: [], nextStep: null, notes: [] });
  });
});
