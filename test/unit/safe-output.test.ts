// Every renderer with hostile text in every field a user or a file fills: escape sequences (an OSC
// window title, a clear screen, a colour), a C1 CSI, a right-to-left override and a zero-width space.
// Nothing raw reaches the terminal, the text still shows in visible form, and our own colours survive.
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { outlineOf } from '../../src/bank/outline.js';
import { flagViews } from '../../src/journey/flags.js';
import { buildPrep } from '../../src/journey/prep.js';
import type { Flag, Session } from '../../src/model/session.js';
import { output } from '../../src/ui/output.js';
import { terminalPrompts } from '../../src/ui/prompts.js';
import {
  renderLoopChoice,
  renderMessage,
  renderQuestionHeader,
  renderSummary,
  renderTable,
  setColor,
  style,
} from '../../src/ui/render.js';
import { renderBank } from '../../src/ui/render-bank.js';
import { renderDue } from '../../src/ui/render-due.js';
import { renderFlagViews, renderPrep } from '../../src/ui/render-prep.js';
import { renderRunReport } from '../../src/ui/render-run.js';
import { bankFrom, sessionFixture } from '../helpers.js';

const inquirer = vi.hoisted(() => ({ input: vi.fn(), select: vi.fn(), checkbox: vi.fn(), editor: vi.fn() }));
vi.mock('@inquirer/prompts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@inquirer/prompts')>()),
  ...inquirer,
}));
// The interview's menu, and the editor of long answers (given to the adapter), scripted too.
const menuPrompt = vi.hoisted(() => ({ menu: vi.fn() }));
vi.mock('../../src/ui/menu-prompt.js', () => menuPrompt);
const edit = vi.fn(async (_choice: unknown, initial: string) => ({ ok: true as const, text: initial }));

const ESC = '\u001b';
const BEL = '\u0007';
const OSC_TITLE = `${ESC}]0;pwned${BEL}`;
const CLEAR = `${ESC}[2J`;
const RED = `${ESC}[31m`;
const C1_CSI = '\u009b';
const RLO = '\u202e';
const ZWSP = '\u200b';

/** Hostile text, and how it must show: every control visible, bidi and zero-width gone. */
/** Wide enough that no line wraps: a hostile field is checked whole (wrapping has its own tests). */
const WIDE = 100_000;
const hostile = (what: string) => `${what} ${OSC_TITLE}${CLEAR}${RED}${RLO}x${ZWSP} ${C1_CSI}31m`;
const shown = (what: string) => `${what} ␛]0;pwned␇␛[2J␛[31mx \\x9b31m`;

// Our own styling: SGR sequences as chalk writes them. Everything else raw is an injection.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const SGR = /\u001b\[[0-9;]*m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;
const RAW_BIDI = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
/** Anything raw but a line break: a control character, a bidi control, a zero-width character. */
const isRaw = (text: string) => RAW_CONTROL.test(text) || RAW_BIDI.test(text);

/** Output as a terminal would get it is safe, and shows each hostile field in visible form. */
function expectSafe(text: string, ...fields: string[]): void {
  const ours = text.replace(SGR, '');
  expect(isRaw(ours)).toBe(false);
  const plain = stripVTControlCharacters(text);
  for (const field of fields) expect(plain).toContain(shown(field));
}

describe.each([
  ['without colour', false],
  ['with colour', true],
])('renderers, %s', (_, color) => {
  beforeAll(() => setColor(color));
  afterAll(() => setColor(false));

  /** With colour on, our own styling is still there: the data was made safe before it was styled. */
  function expectStyled(text: string): void {
    if (color) expect(text).toMatch(SGR);
  }

  const flag = (id: string, extra: Partial<Flag> = {}): Flag => ({
    id,
    rule: 'manual',
    message: hostile('flag message'),
    evidence: [
      {
        question: 'people',
        ask: hostile('evidence ask'),
        before: [hostile('before')],
        after: hostile('after'),
      },
    ],
    revisit: [hostile('revisit id')],
    decision: 'deferred',
    at: '2026-03-05T10:15:00.000Z',
    ...extra,
  });
  const account = hostile('Acme');
  const knowledge = bankFrom(`id: k
version: 1
loop: knowledge
title: K
questions:
  - id: problem_statement
    ask: "Problem \\e[2J?"
    type: long
    role: problem_statement
  - id: must_know
    ask: "Must \\e]0;x\\a know?"
    type: text
    required: true
`);
  const sessions: Session[] = [
    sessionFixture('k1', 'knowledge', '01', {
      account,
      contact: hostile('contact'),
      entries: [
        {
          question: 'problem_statement',
          ask: 'Problem?',
          type: 'long',
          role: 'problem_statement',
          answer: hostile('first statement'),
          at: '2026-03-01T10:30:00.000Z',
        },
      ],
    }),
    sessionFixture('o1', 'options', '05', {
      account,
      contact: hostile('contact'),
      tips: [{ rule: hostile('tip rule'), text: hostile('tip'), at: '2026-03-05T10:21:00.000Z' }],
      flags: [flag('o1-1'), flag('o1-2', { rule: hostile('rule id') })],
      shifts: [
        {
          question: 'problem_statement',
          ask: hostile('shift ask'),
          before: hostile('shift before'),
          after: hostile('shift after'),
          at: '2026-03-05T10:10:00.000Z',
        },
      ],
    }),
    sessionFixture('k2', 'knowledge', '07', {
      account,
      status: 'in_progress',
      completed: undefined,
      contact: hostile('last contact'),
      notes: [{ text: hostile('note'), at: '2026-03-07T10:20:00.000Z' }],
      tips: [{ rule: hostile('tip rule'), text: hostile('last tip'), at: '2026-03-07T10:21:00.000Z' }],
      entries: [
        {
          question: 'problem_statement',
          ask: 'Problem?',
          type: 'long',
          role: 'problem_statement',
          answer: hostile('second statement'),
          at: '2026-03-07T10:30:00.000Z',
        },
      ],
    }),
  ];

  it('prep, short and verbose: account, contact, statements, changes, flags, notes, tips, unknowns', () => {
    const prep = buildPrep({
      account: { name: account, sessions, records: [] },
      banks: { knowledge: outlineOf(knowledge) },
      now: new Date('2026-03-08T12:00:00.000Z'),
    });
    for (const verbose of [false, true]) {
      const text = renderPrep(prep, verbose, WIDE);
      expectSafe(
        text,
        'Acme',
        'last contact',
        'second statement',
        'flag message',
        'evidence ask',
        'note',
        'last tip',
      );
      expectSafe(text, 'before', 'after', 'revisit id', 'rule id');
      expectStyled(text);
    }
    expectSafe(renderPrep(prep, true, WIDE), 'first statement', 'shift before', 'shift after');
    expect(stripVTControlCharacters(renderPrep(prep, true, WIDE))).toContain('Must ␛]0;x␇ know?');
  });

  it('flags: account, message, evidence, revisit ids, a resolution note', () => {
    const views = flagViews(sessions, [
      {
        format: 1,
        kind: 'flag_resolved',
        account,
        flag: 'o1-2',
        at: '2026-03-06T09:00:00.000Z',
        note: hostile('resolution note'),
      },
    ] as never);
    const text = renderFlagViews(views, WIDE);
    expectSafe(text, 'Acme', 'flag message', 'evidence ask', 'before', 'after', 'revisit id');
    expectStyled(text);
  });

  it('tables (accounts, sessions): every cell on one line, columns still aligned', () => {
    const text = renderTable({
      head: ['ACCOUNT', 'CONTACT'],
      rows: [
        [hostile('Acme'), `${hostile('contact')}\nsecond line`],
        ['Globex', '-'],
      ],
    });
    expectSafe(text, 'Acme', 'contact');
    const lines = stripVTControlCharacters(text).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]?.indexOf('-')).toBe(lines[0]?.indexOf('CONTACT'));
    expectStyled(text);
  });

  it('due: account, cadence, problems in the way, measures behind target', () => {
    const text = renderDue(
      [
        {
          account,
          stage: 'customer',
          customerSince: '2026-01-01',
          every: hostile('every'),
          lastCheckIn: null,
          next: '2026-03-01',
          overdueDays: 3,
          openFlags: 1,
          problems: [hostile('problem')],
          behindTarget: [
            {
              // The rep reads the question as asked, not its id.
              question: 'm',
              name: hostile('measure'),
              unit: hostile('unit'),
              direction: 'lower',
              baseline: 10,
              target: 2,
              actuals: [{ date: '2026-02-01', value: 8 }],
              progress: 25,
              trend: 'flat',
              behind: true,
            },
          ],
        } as never,
      ],
      WIDE,
    );
    expectSafe(text, 'Acme', 'every', 'problem', 'measure', 'unit');
    expectStyled(text);
  });

  it('the run report: shifts, tips and flags of a script, resolved and open flags, the summary', () => {
    const session = sessions[1] as Session;
    const report = renderRunReport(
      {
        session,
        outcome: 'saved',
        scripted: true,
        resolved: [{ id: hostile('resolved id'), message: hostile('resolved message') }],
        stillOpen: [],
        missingRequired: [hostile('missing id')],
        file: `/data/${hostile('file')}.yaml`,
      },
      WIDE,
    );
    const text = report.out.join('\n');
    expectSafe(text, 'shift ask', 'tip', 'flag message', 'evidence ask', 'resolved id', 'resolved message');
    expectSafe(text, 'missing id', 'file');
    expectStyled(text);
    // the command to continue names the account exactly, in a form a shell reads back
    expect(text).toContain(
      "journey resume $'Acme \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\u202ex\\u200b \\u009b31m'",
    );
    const complete = renderRunReport(
      {
        session,
        outcome: 'complete',
        scripted: false,
        resolved: [],
        stillOpen: [flag(hostile('open id'))],
        missingRequired: [],
        file: 'f.yaml',
      },
      WIDE,
    );
    expectSafe(complete.out.join('\n'), 'open id', 'flag message');
  });

  it('bank show: title, description, questions, conditions, coaching, choices, rules, examples', () => {
    const bank = bankFrom(`id: hostile
version: 1
loop: options
title: "Title \\e]0;pwned\\a"
description: "Line one \\e[2J\\nline two \\u202Eevil"
questions:
  - id: pick
    ask: "Pick \\e[2J one"
    type: choice
    why: "Because \\x9b31m it matters"
    listen_for: ["cue \\u202E one"]
    choices:
      - { id: a, label: "Label \\e]0;x\\a" }
  - id: people
    ask: "Who \\u200B decides?"
    type: list
    when: "answers.pick == 'a' && 'x\\e[2J' != ''"
rules:
  - id: r1
    when: "answers.pick == 'a'"
    tip: "Tip \\e[2J here"
`);
    const text = renderBank(bank);
    expect(isRaw(text.replace(SGR, ''))).toBe(false);
    const plain = stripVTControlCharacters(text);
    for (const visible of [
      'Title ␛]0;pwned␇',
      'Line one ␛[2J\nline two evil',
      'Pick ␛[2J one',
      'Because \\x9b31m it matters',
      'cue  one',
      "'x␛[2J'",
      'Tip ␛[2J here',
      'Who  decides?',
    ])
      expect(plain).toContain(visible);
    expectStyled(text);
  });

  it('what the runner says between questions, the question header, the loop choice, the summary', () => {
    const q = knowledge.all[1];
    if (!q) throw new Error('no question');
    const coaching = renderMessage({
      kind: 'coaching',
      question: { ...q, why: hostile('why'), listenFor: [hostile('listen')] },
    });
    expectSafe(coaching, 'why', 'listen');
    expectSafe(renderMessage({ kind: 'warning', text: hostile('warning') }), 'warning');
    expectSafe(renderMessage({ kind: 'info', text: hostile('info') }), 'info');
    expectSafe(renderMessage({ kind: 'tip', tip: { rule: 'r', text: hostile('tip'), at: '' } }), 'tip');
    expectSafe(renderQuestionHeader('knowledge', 1, 3, q, hostile('flag id')), 'flag id');
    expectSafe(renderLoopChoice('options', hostile('reason'), hostile('bank title')), 'reason', 'bank title');
    const summary = renderSummary({
      outcome: 'complete',
      answered: 1,
      skipped: 0,
      notes: 0,
      missingRequired: [],
      file: hostile('file'),
      account: 'Acme',
    });
    expectSafe(summary, 'file');
    for (const s of [style.title, style.dim, style.good, style.warn, style.bad]) {
      expectSafe(s(hostile('styled')), 'styled');
      expectStyled(s(hostile('styled')));
    }
  });
});

describe('JSON output', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const value = { contact: hostile('contact') };
      output.json(value);
      const printed = String(write.mock.calls[0]?.[0]);
      expect(isRaw(printed.replace(/\n/g, ''))).toBe(false);
      expect(JSON.parse(printed)).toEqual(value);
    } finally {
      write.mockRestore();
    }
  });
});

describe('the interactive prompts', () => {
  interface Config {
    message: string;
    default?: string;
    choices?: ({ name: string; value: unknown } | object)[];
    validate?: (value: string) => true | string | Promise<true | string>;
    transformer?: (value: string, state: { isFinal: boolean }) => string;
  }
  const configOf = (prompt: { mock: { calls: unknown[][] } }, call = 0) =>
    prompt.mock.calls[call]?.[0] as Config;
  const names = (config: Config) =>
    (config.choices ?? []).flatMap((c) => ('name' in c && typeof c.name === 'string' ? [c.name] : []));

  let screen: string[];
  let prompts: ReturnType<typeof terminalPrompts>;
  beforeEach(() => {
    for (const prompt of [...Object.values(inquirer), menuPrompt.menu]) prompt.mockReset();
    edit.mockClear();
    screen = [];
    prompts = terminalPrompts('knowledge', (text) => screen.push(text), { edit });
  });

  const base = bankFrom(`id: p
version: 1
loop: knowledge
title: P
questions:
  - id: trigger
    ask: "What \\e]0;pwned\\a happened \\u202Enow?"
    type: text
  - id: size
    ask: "How \\u202E many?"
    type: number
    unit: "people \\e[2J"
  - id: kind
    ask: "Which \\x9b31m kind?"
    type: choice
    choices:
      - { id: a, label: "Label \\e[2J a" }
      - { id: b, label: "Label \\u202E b" }
    other: true
  - id: many
    ask: "Which \\e[2J ones?"
    type: multi
    choices:
      - { id: a, label: "Many \\e]0;x\\a a" }
  - id: urgency
    ask: Urgency?
    type: scale
    labels: { min: "low \\e[2J", max: "high \\u202E" }
  - id: story
    ask: "Tell \\e[2J it"
    type: long
  - id: vendors
    ask: "Vendors \\e[2J?"
    type: list
`);
  const q = (id: string) => {
    const found = base.byId.get(id);
    if (!found) throw new Error(id);
    return found;
  };
  const ctx = { position: 1, total: 6, canGoBack: true };
  const allSafe = (...texts: string[]) => {
    for (const text of texts) expect(isRaw(text.replace(SGR, ''))).toBe(false);
  };

  it('a typed question: the message, the earlier answer shown as the default, the echo of what is typed', async () => {
    const earlier = hostile('earlier');
    inquirer.input.mockImplementationOnce(async (config: Config) => config.default);
    const reply = await prompts.ask(q('trigger'), { ...ctx, previous: earlier });
    const config = configOf(inquirer.input);
    allSafe(config.message, config.default ?? '', ...screen);
    expect(stripVTControlCharacters(config.message)).toBe('What ␛]0;pwned␇ happened now?');
    expect(config.default).toBe(shown('earlier'));
    // Enter on the default keeps the earlier answer as it was recorded, not its printable form
    expect(reply).toEqual({ kind: 'answer', value: earlier });
    const echoed = config.transformer?.(hostile('typed'), { isFinal: false }) ?? '';
    allSafe(echoed);
    expect(echoed).toBe(shown('typed'));
    allSafe(config.transformer?.(hostile('typed'), { isFinal: true }) ?? '');

    inquirer.input.mockResolvedValueOnce('12');
    expect(await prompts.ask(q('size'), ctx)).toEqual({ kind: 'answer', value: 12 });
    expect(stripVTControlCharacters(configOf(inquirer.input, 1).message)).toBe('How  many? (people ␛[2J)');
  });

  it('a menu: the message and every choice label', async () => {
    menuPrompt.menu.mockResolvedValueOnce({ answer: 'a' });
    await prompts.ask(q('kind'), ctx);
    const config = configOf(menuPrompt.menu);
    allSafe(config.message, ...names(config));
    expect(names(config)).toContain('Label ␛[2J a');
    expect(names(config)).toContain('Label  b');
  });

  it('a multiple choice, a scale, a list and the editor', async () => {
    inquirer.checkbox.mockResolvedValueOnce([{ answer: 'a' }]);
    await prompts.ask(q('many'), ctx);
    menuPrompt.menu.mockResolvedValueOnce({ answer: 3 });
    await prompts.ask(q('urgency'), ctx);
    inquirer.input.mockResolvedValueOnce(''); // Enter: the editor opens
    const story = await prompts.ask(q('story'), { ...ctx, previous: `${hostile('story')}\nline 2` });
    inquirer.input.mockResolvedValueOnce('');
    await prompts.ask(q('vendors'), { ...ctx, previous: [hostile('vendor')] });
    const texts = [
      configOf(inquirer.checkbox).message,
      ...names(configOf(inquirer.checkbox)),
      configOf(menuPrompt.menu).message,
      ...names(configOf(menuPrompt.menu)),
      configOf(inquirer.input).message,
      String(edit.mock.calls[0]?.[1]),
      configOf(inquirer.input, 1).message,
      ...screen,
    ];
    allSafe(...texts);
    const plain = texts.map((t) => stripVTControlCharacters(t)).join('\n');
    for (const visible of ['Many ␛]0;x␇ a', 'low ␛[2J', 'Tell ␛[2J it', shown('vendor')])
      expect(plain).toContain(visible);
    expect(story).toEqual({ kind: 'answer', value: `${hostile('story')}\nline 2` });
  });

  it('the re-evaluate choice, the cues and the shift check', async () => {
    inquirer.select.mockResolvedValueOnce('defer');
    const flagged: Flag = {
      id: 'f1',
      rule: 'manual',
      message: 'm',
      evidence: [],
      revisit: [hostile('revisit')],
      decision: 'deferred',
      at: '',
    };
    await prompts.decideFlag(flagged);
    allSafe(...names(configOf(inquirer.select)));
    inquirer.checkbox.mockResolvedValueOnce([]);
    await prompts.tickCues?.({ ...q('trigger'), cues: [{ id: 'c', text: hostile('cue') }] });
    allSafe(...names(configOf(inquirer.checkbox)));
    expect(names(configOf(inquirer.checkbox))).toEqual([shown('cue')]);
    inquirer.select.mockResolvedValueOnce('moved');
    await prompts.judgeShift?.(q('trigger'), hostile('before'), hostile('after'));
    allSafe(...screen);
    expect(screen.map((s) => stripVTControlCharacters(s)).join('\n')).toContain(shown('after'));
  });
});
