// The prompt adapter on its own, with every inquirer prompt scripted (no terminal, no tmux): which
// prompt each question type gets and with what, slash commands and menu entries as replies, answer
// validation, and Ctrl-C as a cancel reply.
import { stripVTControlCharacters } from 'node:util';
import { ExitPromptError } from '@inquirer/core';
import { Separator } from '@inquirer/prompts';
import { beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { pickOne, searchOne, terminalPrompts } from '../../src/ui/prompts.js';

// Every prompt inquirer offers is replaced, so a prompt the adapter was not scripted for fails the
// test instead of waiting for a keyboard.
const inquirer = vi.hoisted(() => ({
  input: vi.fn(),
  select: vi.fn(),
  checkbox: vi.fn(),
  editor: vi.fn(),
  confirm: vi.fn(),
  number: vi.fn(),
  expand: vi.fn(),
  rawlist: vi.fn(),
  password: vi.fn(),
  search: vi.fn(),
}));
vi.mock('@inquirer/prompts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@inquirer/prompts')>()),
  ...inquirer,
}));
// The interview's own menu (commands on single keys, typed numbers on a scale), scripted the same way.
const menuPrompt = vi.hoisted(() => ({ menu: vi.fn() }));
vi.mock('../../src/ui/menu-prompt.js', () => menuPrompt);

type Adapter = ReturnType<typeof terminalPrompts>;
type Question = Parameters<Adapter['ask']>[0];
type AskContext = Parameters<Adapter['ask']>[1];
type Flag = Parameters<Adapter['decideFlag']>[0];
type PromptName = keyof typeof inquirer | 'menu';

interface Choice {
  name: string;
  value: unknown;
  disabled?: boolean | string;
  checked?: boolean;
}
type Transformer = (value: string, flags: { isFinal: boolean }) => string;
interface MenuConfigLike {
  start?: number;
  scale?: { valueOf: (n: number) => unknown };
}
interface Config {
  message: string;
  none?: unknown;
  default?: unknown;
  validate?: (value: string) => true | string;
  choices?: (Choice | Separator)[];
}

function question(fields: Partial<Question> = {}): Question {
  return {
    id: 'q',
    ask: 'What triggered this now?',
    type: 'text',
    listenFor: [],
    cues: [],
    required: false,
    tags: [],
    choices: [],
    ordered: false,
    other: false,
    labels: {},
    followUps: [],
    line: 0,
    core: false,
    askRep: false,
    brief: false,
    ...fields,
  };
}

const CHOICES = [
  { id: 'price', label: 'Price' },
  { id: 'fit', label: 'Fit with our process' },
];
const TOP_ENTRIES = ['Save and quit', 'Back to the previous question', 'Help: the commands and keys', '---'];
const COMMAND_ENTRIES = [
  '---',
  'Skip this question',
  'Add a note',
  'Raise a loop-back flag',
  'Why ask this?',
  'Discard this session',
];

const context = (fields: Partial<AskContext> = {}): AskContext => ({
  position: 3,
  total: 14,
  canGoBack: true,
  ...fields,
});

/** The editor of long answers: what it opened with, and what the rep writes in it. */
const editor = vi.hoisted(() => ({ edit: vi.fn(), opened: [] as string[] }));
const writeInEditor = (text: string) =>
  editor.edit.mockImplementationOnce(async (_choice: unknown, initial: string) => {
    editor.opened.push(initial);
    return { ok: true, text: `${initial}${text}` };
  });

let screen: string[];
let adapter: Adapter;
beforeEach(() => {
  for (const [name, prompt] of [...Object.entries(inquirer), ['menu', menuPrompt.menu] as const]) {
    prompt.mockReset();
    prompt.mockImplementation(async (config: Config) => {
      throw new Error(`unscripted ${name} prompt: ${config.message}`);
    });
  }
  screen = [];
  editor.edit.mockReset();
  editor.opened = [];
  adapter = terminalPrompts('options', (text) => screen.push(stripVTControlCharacters(text)), {
    today: () => '2026-03-04',
    edit: editor.edit,
  });
});

/** The config the adapter passed to a prompt's nth call. */
function configOf(prompt: Mock, call = 0): Config {
  const args = prompt.mock.calls[call];
  if (!args) throw new Error(`the prompt was called ${prompt.mock.calls.length} time(s), not ${call + 1}`);
  return args[0] as Config;
}

const used = (): PromptName[] =>
  ([...Object.keys(inquirer), 'menu'] as PromptName[]).filter(
    (name) => (name === 'menu' ? menuPrompt.menu : inquirer[name]).mock.calls.length > 0,
  );

const names = (config: Config): string[] =>
  (config.choices ?? []).map((c) => (c instanceof Separator ? '---' : c.name));

function findChoice(config: Config, name: string): Choice {
  const choice = (config.choices ?? []).find(
    (c): c is Choice => !(c instanceof Separator) && c.name === name,
  );
  if (!choice) throw new Error(`no choice "${name}" in ${JSON.stringify(names(config))}`);
  if (choice.disabled) throw new Error(`choice "${name}" is disabled`);
  return choice;
}

/** The rep types these lines into successive input prompts. */
const type = (...lines: string[]) => {
  for (const line of lines) inquirer.input.mockResolvedValueOnce(line);
};
/** The rep picks the menu entry shown with this name (in a question's menu). */
const pick = (name: string) =>
  menuPrompt.menu.mockImplementationOnce(async (config: Config) => findChoice(config, name).value);
/** The rep picks an entry of an inquirer select (outside the questions). */
const choose = (name: string) =>
  inquirer.select.mockImplementationOnce(async (config: Config) => findChoice(config, name).value);
/** The rep ticks these checkbox entries and presses enter. */
const tick = (...picked: string[]) =>
  inquirer.checkbox.mockImplementationOnce(async (config: Config) =>
    picked.map((name) => findChoice(config, name).value),
  );
const ctrlC = (prompt: Mock) =>
  prompt.mockRejectedValueOnce(new ExitPromptError('User force closed the prompt'));

describe('each question type reaches its prompt', () => {
  it('text: a line of input, trimmed', async () => {
    type('  Lost two renewals  ');
    expect(await adapter.ask(question(), context())).toEqual({ kind: 'answer', value: 'Lost two renewals' });
    expect(used()).toEqual(['input']);
    expect(configOf(inquirer.input).message).toBe('What triggered this now?');
    expect(configOf(inquirer.input).default).toBeUndefined();
  });

  it('number: input showing the unit, read with separators and the unit', async () => {
    type('1,200 people');
    const q = question({ type: 'number', ask: 'How big is the team?', unit: 'people' });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 1200 });
    expect(used()).toEqual(['input']);
    expect(stripVTControlCharacters(configOf(inquirer.input).message)).toBe('How big is the team? (people)');
  });

  it('date: input showing the format', async () => {
    type('2026-04-01');
    const q = question({ type: 'date', ask: 'When is the decision?' });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: '2026-04-01' });
    expect(used()).toEqual(['input']);
    expect(stripVTControlCharacters(configOf(inquirer.input).message)).toBe(
      'When is the decision? (YYYY-MM-DD or "next friday")',
    );
  });

  it('long: Enter opens the editor, with line endings made plain; the ✔ line shows its first line', async () => {
    type('');
    writeInEditor('\n  First line\r\nSecond line  \n');
    const q = question({ type: 'long', ask: 'State the problem' });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 'First line\nSecond line' });
    expect(used()).toEqual(['input']);
    expect(configOf(inquirer.input).message).toContain('State the problem');
    expect(screen.join('\n')).toMatch(/✔ First line … \(2 lines\)/);
  });

  it('long: the editor opens with the question and its coaching as #│ lines, left out of the answer', async () => {
    type('');
    writeInEditor('Churn is up\n');
    const q = question({
      type: 'long',
      ask: 'State the problem',
      why: 'The anchor.',
      listenFor: ['numbers'],
    });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 'Churn is up' });
    expect(editor.opened[0]).toMatch(
      /^#│ State the problem\n#│ Why ask: The anchor\.\n#│ Listen for: numbers\n/,
    );
  });

  it('long: the rep’s own lines starting with # are kept, only journey’s #│ lines go', async () => {
    type('');
    writeInEditor('#1 pain is the intercompany recon.\n# Next steps\nClose takes 9 days\n\\# as typed\n');
    const q = question({ type: 'long', ask: 'State the problem', why: 'The anchor.' });
    expect(await adapter.ask(q, context())).toEqual({
      kind: 'answer',
      value: '#1 pain is the intercompany recon.\n# Next steps\nClose takes 9 days\n\\# as typed',
    });
    // An earlier answer with # lines opens as it is, and comes back unchanged.
    type('');
    writeInEditor('');
    const earlier = '#1 pain is the intercompany recon.\nClose takes 9 days';
    expect(await adapter.ask(q, context({ previous: earlier }))).toEqual({ kind: 'answer', value: earlier });
    expect(editor.opened[1]).toContain(`\n${earlier}\n`);
  });

  it('long: a command typed before the editor opens works (/back), and no editor opens', async () => {
    type('/back');
    expect(await adapter.ask(question({ type: 'long' }), context())).toEqual({ kind: 'back' });
    expect(editor.edit).not.toHaveBeenCalled();
  });

  it('long: a line typed instead of opening the editor is the answer', async () => {
    type('Churn is up');
    expect(await adapter.ask(question({ type: 'long' }), context())).toEqual({
      kind: 'answer',
      value: 'Churn is up',
    });
    expect(editor.edit).not.toHaveBeenCalled();
  });

  it('long: an editor that fails, or nothing written, goes back to the question', async () => {
    type('', '', '/skip');
    editor.edit.mockResolvedValueOnce({ ok: false, problem: 'could not start nope ($EDITOR)' });
    writeInEditor('');
    expect(await adapter.ask(question({ type: 'long', required: true }), context())).toEqual({
      kind: 'skip',
    });
    expect(screen.join('\n')).toMatch(/could not start nope \(\$EDITOR\): back to the question/);
    expect(screen.join('\n')).toMatch(/Nothing written\./);
  });

  it('list: one input per item until an empty line', async () => {
    type('Gong', '  Chorus ', '');
    const q = question({ type: 'list', ask: 'Which vendors?' });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: ['Gong', 'Chorus'] });
    expect(used()).toEqual(['input']);
    expect(configOf(inquirer.input, 0).message).toContain('Which vendors?');
    expect(configOf(inquirer.input, 1).message).toContain('item 2');
    expect(configOf(inquirer.input, 2).message).toContain('item 3');
  });

  it('list: an empty first line records "none" when optional, and skips when required', async () => {
    type('', '');
    expect(await adapter.ask(question({ type: 'list' }), context())).toEqual({ kind: 'answer', value: [] });
    expect(await adapter.ask(question({ type: 'list', required: true }), context())).toEqual({
      kind: 'skip',
    });
  });

  it('list asked again: starts from the earlier items, Enter keeps them, -item takes one out', async () => {
    type('');
    const q = question({ type: 'list', ask: 'Who decides?' });
    expect(await adapter.ask(q, context({ previous: ['VP', 'CFO'] }))).toEqual({
      kind: 'answer',
      value: ['VP', 'CFO'],
    });
    expect(screen.join('\n')).toMatch(/So far: VP, CFO \(Enter keeps them; -item removes one\)/);
    type('-cfo', 'Head of Legal', '');
    expect(await adapter.ask(q, context({ previous: ['VP', 'CFO'] }))).toEqual({
      kind: 'answer',
      value: ['VP', 'Head of Legal'],
    });
  });

  it('cues: a checkbox of what to listen for, the ticked ids come back; Ctrl-C cancels', async () => {
    const q = question({
      cues: [
        { id: 'reframed', text: 'a vendor reframed the problem' },
        { id: 'price_anchor', text: 'a price anchor' },
      ],
    });
    tick('a price anchor');
    expect(await adapter.tickCues?.(q)).toEqual(['price_anchor']);
    ctrlC(inquirer.checkbox);
    expect(await adapter.tickCues?.(q)).toBe('cancel');
  });

  it('an unsure shift: shows before and now, and asks the rep whether the problem moved', async () => {
    choose('Same problem, reworded');
    const q = question({ ask: 'Root cause?' });
    expect(await adapter.judgeShift?.(q, 'Nobody owns the handoff', 'The handoff has no owner')).toBe(
      'reworded',
    );
    expect(screen.join('\n')).toMatch(
      /Last time: Nobody owns the handoff\n {2}Now: {7}The handoff has no owner/,
    );
    choose('The problem has moved (raise a loop-back)');
    expect(await adapter.judgeShift?.(q, 'a', 'b')).toBe('moved');
    ctrlC(inquirer.select);
    expect(await adapter.judgeShift?.(q, 'a', 'b')).toBe('cancel');
  });

  it('choice: a menu of the labels, then the commands, answering with the choice id', async () => {
    pick('Fit with our process');
    const q = question({ type: 'choice', ask: 'What matters most?', choices: CHOICES });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 'fit' });
    expect(used()).toEqual(['menu']);
    expect(names(configOf(menuPrompt.menu))).toEqual([
      ...TOP_ENTRIES,
      'Price',
      'Fit with our process',
      ...COMMAND_ENTRIES,
    ]);
  });

  it('choice with other: "Something else…" asks for their words', async () => {
    pick('Something else…');
    type('  Build it in-house ');
    const q = question({ type: 'choice', choices: CHOICES, other: true });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 'Build it in-house' });
    expect(names(configOf(menuPrompt.menu)).slice(4, 7)).toEqual([
      'Price',
      'Fit with our process',
      'Something else…',
    ]);
    expect(used()).toEqual(['input', 'menu']);
  });

  it.each([
    ['Yes', true],
    ['No', false],
  ])('confirm: a Yes/No menu (%s)', async (name, value) => {
    pick(name);
    const q = question({ type: 'confirm', ask: 'Tried to fix it before?' });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value });
    expect(used()).toEqual(['menu']);
    expect(names(configOf(menuPrompt.menu))).toEqual([...TOP_ENTRIES, 'Yes', 'No', ...COMMAND_ENTRIES]);
  });

  it('scale: one entry per step, the ends labelled', async () => {
    pick('4');
    const q = question({ type: 'scale', ask: 'How urgent?', labels: { min: 'Someday', max: 'On fire' } });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 4 });
    expect(names(configOf(menuPrompt.menu)).slice(4, 9)).toEqual([
      '1 · Someday',
      '2',
      '3',
      '4',
      '5 · On fire',
    ]);
  });

  it('scale: its own range', async () => {
    pick('0');
    const q = question({ type: 'scale', min: 0, max: 10 });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 0 });
    expect(names(configOf(menuPrompt.menu)).lastIndexOf('---')).toBe(15);
  });

  it('multi: checkboxes, answering with the ids picked', async () => {
    tick('Price', 'Fit with our process');
    const q = question({ type: 'multi', ask: 'What matters?', choices: CHOICES });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: ['price', 'fit'] });
    expect(used()).toEqual(['checkbox']);
    expect(names(configOf(inquirer.checkbox))).toEqual(['Price', 'Fit with our process']);
  });

  it('multi with other: their words join the ids picked', async () => {
    tick('Price', 'Something else…');
    type('Security review');
    const q = question({ type: 'multi', choices: CHOICES, other: true });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: ['price', 'Security review'] });
  });

  it('multi with nothing picked: "none of these" when optional', async () => {
    tick();
    pick('Record "none of these"');
    const q = question({ type: 'multi', choices: CHOICES });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: [] });
    expect(names(configOf(menuPrompt.menu))).toEqual([
      ...TOP_ENTRIES,
      'Pick again',
      'Record "none of these"',
      ...COMMAND_ENTRIES,
    ]);
  });

  it('multi with nothing picked: required offers no "none of these", and "Pick again" asks again', async () => {
    tick();
    pick('Pick again');
    tick('Price');
    const q = question({ type: 'multi', choices: CHOICES, required: true });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: ['price'] });
    expect(names(configOf(menuPrompt.menu))).toEqual([...TOP_ENTRIES, 'Pick again', ...COMMAND_ENTRIES]);
    expect(inquirer.checkbox).toHaveBeenCalledTimes(2);
  });

  it('multi with nothing picked: a command entry is a command', async () => {
    tick();
    pick('Skip this question');
    const q = question({ type: 'multi', choices: CHOICES });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'skip' });
  });

  it('measure, first time: which way is better, baseline, target and today', async () => {
    pick('Lower is better');
    type('40 days', '20', '35');
    const q = question({ type: 'measure', ask: 'Days to close', unit: 'days' });
    expect(await adapter.ask(q, context())).toEqual({
      kind: 'answer',
      value: { direction: 'lower', baseline: 40, target: 20, actual: 35 },
    });
    expect(names(configOf(menuPrompt.menu))).toEqual([
      ...TOP_ENTRIES,
      'Higher is better',
      'Lower is better',
      ...COMMAND_ENTRIES,
    ]);
    const messages = [0, 1, 2].map((n) => stripVTControlCharacters(configOf(inquirer.input, n).message));
    expect(messages[0]).toContain('Baseline');
    expect(messages[1]).toContain('target');
    expect(messages.every((m) => m.includes('(days)'))).toBe(true);
  });

  it('measure, at a check-in: only today’s value, with what is known shown', async () => {
    type('15');
    const q = question({ type: 'measure', ask: 'Active users' });
    const known = { direction: 'higher' as const, baseline: 10, target: 20 };
    expect(await adapter.ask(q, context({ measure: known }))).toEqual({
      kind: 'answer',
      value: { actual: 15 },
    });
    expect(used()).toEqual(['input']);
    expect(stripVTControlCharacters(configOf(inquirer.input).message)).toContain(
      'baseline 10, target 20, higher is better',
    );
  });

  it('measure, with a baseline known but no target: asks the target and today', async () => {
    type('25', '12');
    const q = question({ type: 'measure', ask: 'Active users' });
    const known = { direction: 'higher' as const, baseline: 10 };
    expect(await adapter.ask(q, context({ measure: known }))).toEqual({
      kind: 'answer',
      value: { target: 25, actual: 12 },
    });
    expect(used()).toEqual(['input']);
    expect(configOf(inquirer.input, 0).message).toContain('Agreed target');
  });
});

describe('going back shows the answer already given', () => {
  it.each([
    [question(), 'Lost two renewals', 'Lost two renewals'],
    [question({ type: 'number', unit: 'people' }), 12, '12 people'],
    [question({ type: 'date' }), '2026-03-01', '2026-03-01'],
  ])('typed: %#', async (q, previous, shown) => {
    type('/back');
    await adapter.ask(q, context({ previous }));
    expect(configOf(inquirer.input).default).toBe(shown);
  });

  it('a typed default that is accepted as it is records the same answer', async () => {
    // input returns the default when the rep just presses enter
    inquirer.input.mockImplementationOnce(async (config: Config) => config.default);
    const q = question({ type: 'number', unit: 'people' });
    expect(await adapter.ask(q, context({ previous: 12 }))).toEqual({ kind: 'answer', value: 12 });
  });

  it('long: the editor opens with the answer', async () => {
    type('');
    writeInEditor('');
    expect(await adapter.ask(question({ type: 'long' }), context({ previous: 'Churn is up' }))).toEqual({
      kind: 'answer',
      value: 'Churn is up',
    });
    expect(editor.opened[0]).toMatch(/\nChurn is up\n$/);
  });

  it.each([
    [question({ type: 'choice', choices: CHOICES }), 'fit', 'Fit with our process'],
    [question({ type: 'confirm' }), false, 'No'],
    [question({ type: 'scale' }), 2, '2'],
  ])('menu: the cursor starts on it (%#)', async (q, previous, name) => {
    pick('Back to the previous question');
    await adapter.ask(q, context({ previous }));
    const config = configOf(menuPrompt.menu);
    expect(config.default).toBe(findChoice(config, name).value);
  });

  it('multi: the boxes picked before are ticked', async () => {
    tick('Price');
    await adapter.ask(question({ type: 'multi', choices: CHOICES }), context({ previous: ['fit'] }));
    const checked = (configOf(inquirer.checkbox).choices as Choice[]).map((c) => [c.name, c.checked]);
    expect(checked).toEqual([
      ['Price', false],
      ['Fit with our process', true],
    ]);
  });
});

describe('slash commands at a text prompt', () => {
  it.each([
    ['/skip', { kind: 'skip' }],
    ['/back', { kind: 'back' }],
    ['/why', { kind: 'why' }],
    ['/save', { kind: 'save' }],
    ['/quit', { kind: 'save' }],
    ['  /SKIP  ', { kind: 'skip' }],
    ['/note CFO joined the call', { kind: 'note', text: 'CFO joined the call' }],
    ['/flag they said the real issue is churn', { kind: 'flag', text: 'they said the real issue is churn' }],
    ['/note   two   spaces ', { kind: 'note', text: 'two spaces' }],
  ])('%j is %j', async (typed, reply) => {
    type(typed);
    expect(await adapter.ask(question({ required: true }), context())).toEqual(reply);
  });

  it.each([
    ['/note', 'Note:', 'note'],
    ['/flag', 'What changes the problem?', 'flag'],
  ] as const)('%s alone asks for its text', async (typed, asks, kind) => {
    type(typed, '  They now report to the CFO ');
    expect(await adapter.ask(question(), context())).toEqual({ kind, text: 'They now report to the CFO' });
    const second = configOf(inquirer.input, 1);
    expect(second.message).toContain(asks);
    expect(second.validate?.('   ')).toBe(true); // an empty line goes back to the question
    expect(second.validate?.('/bogus')).toBe('Unknown command: type /help to see them all.');
    expect(second.validate?.('x')).toBe(true);
  });

  it('/help lists the commands and asks the same question again', async () => {
    type('/help', 'Lost two renewals');
    expect(await adapter.ask(question(), context())).toEqual({ kind: 'answer', value: 'Lost two renewals' });
    expect(inquirer.input).toHaveBeenCalledTimes(2);
    expect(configOf(inquirer.input, 1).message).toBe(configOf(inquirer.input, 0).message);
    const help = screen.join('\n');
    for (const command of ['/skip', '/back', '/note', '/flag', '/why', '/save', '/help']) {
      expect(help).toContain(command);
    }
  });

  it.each([
    ['number', question({ type: 'number' }), inquirer.input],
    ['date', question({ type: 'date' }), inquirer.input],
    ['long', question({ type: 'long' }), inquirer.input],
    ['list', question({ type: 'list' }), inquirer.input],
    ['measure', question({ type: 'measure' }), inquirer.input],
  ])('work in a %s question too', async (_, q, prompt) => {
    prompt.mockResolvedValueOnce('/flag budget moved to next year');
    const known = { direction: 'higher' as const, baseline: 1, target: 2 };
    expect(await adapter.ask(q, context({ measure: known }))).toEqual({
      kind: 'flag',
      text: 'budget moved to next year',
    });
  });

  it('a list keeps the items typed before a /why, and starts fresh once answered', async () => {
    const q = question({ type: 'list', id: 'vendors' });
    type('Gong', '/why');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'why' });
    type('Chorus', '');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: ['Gong', 'Chorus'] });
    expect(configOf(inquirer.input, 2).message).toContain('item 2');
    type('');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: [] });
  });
});

describe('menu entries are the same commands', () => {
  it.each([
    ['Skip this question', { kind: 'skip' }],
    ['Back to the previous question', { kind: 'back' }],
    ['Why ask this?', { kind: 'why' }],
    ['Save and quit', { kind: 'save' }],
  ])('%s', async (entry, reply) => {
    pick(entry);
    expect(await adapter.ask(question({ type: 'choice', choices: CHOICES }), context())).toEqual(reply);
  });

  it.each([
    ['Add a note', 'note'],
    ['Raise a loop-back flag', 'flag'],
  ] as const)('%s asks for the text', async (entry, kind) => {
    pick(entry);
    type('Procurement joins next call');
    expect(await adapter.ask(question({ type: 'confirm' }), context())).toEqual({
      kind,
      text: 'Procurement joins next call',
    });
  });
});

describe('answers are checked before the prompt lets go', () => {
  const number = question({ type: 'number', unit: 'people', min: 1, max: 500 });
  it.each([
    [number, '12', true],
    [number, '12 people', true],
    [number, '1,200', 'must be at most 500'],
    [number, '0', 'must be at least 1'],
    [number, 'twelve', 'expected a number (in people)'],
    [number, '', true], // Enter on an optional question skips it
    [{ ...number, required: true }, '', 'expected a number (in people)'],
    [number, '$1,200', 'must be at most 500'],
    [number, '0.1k', true],
    [number, '/skip', true],
    [number, '/frobnicate', 'Unknown command: type /help to see them all.'],
    [question({ type: 'date' }), '2026-02-30', '2026-02-30 is not a real date'],
    [question({ type: 'date' }), '2026-3-1', true],
    [question({ type: 'date' }), '2026-03-01', true],
    [question({ type: 'date' }), 'next friday', true],
    [
      question({ type: 'date' }),
      'the blue moon',
      'expected a date: YYYY-MM-DD, or words such as "next friday", "in 2 weeks", "end of Q1"',
    ],
    [question(), '', true],
    [question({ required: true }), '', 'the answer is empty'],
    [question({ required: true }), '   ', 'the answer is empty'],
    [question(), 'Lost two renewals', true],
  ])('%#: %j → %j', async (q, typed, verdict) => {
    type('/save');
    await adapter.ask(q, context());
    expect(await configOf(inquirer.input).validate?.(typed)).toBe(verdict);
  });

  it('long answers are checked after the editor too: a command written alone is a command', async () => {
    type('', '');
    writeInEditor('/bogus');
    writeInEditor('/save');
    expect(await adapter.ask(question({ type: 'long' }), context())).toEqual({ kind: 'save' });
    expect(screen.join('\n')).toMatch(/Not recorded: .*back to|Unknown command|Not recorded/);
  });

  it('a list item takes any text but an unknown command', async () => {
    type('/save');
    await adapter.ask(question({ type: 'list' }), context());
    const { validate } = configOf(inquirer.input);
    expect(validate?.('Gong')).toBe(true);
    expect(validate?.('')).toBe(true);
    expect(validate?.('/bogus')).toBe('Unknown command: type /help to see them all.');
  });

  it('a measure takes numbers only', async () => {
    type('/save');
    await adapter.ask(
      question({ type: 'measure', unit: 'days' }),
      context({ measure: { direction: 'lower' } }),
    );
    const { validate } = configOf(inquirer.input);
    expect(validate?.('about a month')).toBe('expected a number (in days)');
    expect(validate?.('30 days')).toBe(true);
  });

  it('"Something else…" needs their words', async () => {
    pick('Something else…');
    type('Their own tool');
    await adapter.ask(question({ type: 'choice', choices: CHOICES, other: true }), context());
    const { validate } = configOf(inquirer.input);
    expect(validate?.('  ')).toBe(true); // back to the question
    expect(validate?.('/bogus')).toBe('Unknown command: type /help to see them all.');
    expect(validate?.('Their own tool')).toBe(true);
  });
});

describe('second prompts: commands work, never recorded; Esc or an empty line goes back', () => {
  const other = question({ type: 'choice', choices: CHOICES, other: true });

  it.each([
    ['/back', { kind: 'back' }],
    ['/skip', { kind: 'skip' }],
    ['/save', { kind: 'save' }],
    ['/note met the CFO', { kind: 'note', text: 'met the CFO' }],
  ])('after "Something else…", %s is the command, not their words', async (typed, reply) => {
    pick('Something else…');
    type(typed);
    expect(await adapter.ask(other, context())).toEqual(reply);
  });

  it('after "Something else…", an empty line asks the question again', async () => {
    pick('Something else…');
    type('');
    pick('Price');
    expect(await adapter.ask(other, context())).toEqual({ kind: 'answer', value: 'price' });
    expect(menuPrompt.menu).toHaveBeenCalledTimes(2);
    expect(screen.join('\n')).toContain('Back to the question.');
  });

  it('in the note prompt, "/note …" is the note, and /back is a command, never a note', async () => {
    pick('Add a note');
    type('/note Procurement joins');
    expect(await adapter.ask(question({ type: 'confirm' }), context())).toEqual({
      kind: 'note',
      text: 'Procurement joins',
    });
    pick('Add a note');
    type('/back');
    expect(await adapter.ask(question({ type: 'confirm' }), context())).toEqual({ kind: 'back' });
  });

  it('a chosen "Add a note" can be cancelled: Esc goes back to the question', async () => {
    pick('Add a note');
    inquirer.input.mockImplementationOnce(async (_config: Config, { signal }: { signal: AbortSignal }) => {
      process.stdin.emit('keypress', '', { name: 'escape' });
      return new Promise((_, reject) => (signal.aborted ? reject(new Error('aborted')) : undefined));
    });
    pick('No');
    expect(await adapter.ask(question({ type: 'confirm' }), context())).toEqual({
      kind: 'answer',
      value: false,
    });
  });

  it('a measure step takes a command, and Esc restarts the question', async () => {
    const q = question({ type: 'measure', unit: 'days' });
    const known = { direction: 'lower' as const, baseline: 40 };
    type('20', '/back');
    expect(await adapter.ask(q, context({ measure: known }))).toEqual({ kind: 'back' });
    type('');
    type('25', '12');
    expect(await adapter.ask(q, context({ measure: known }))).toEqual({
      kind: 'answer',
      value: { target: 25, actual: 12 },
    });
  });
});

describe('Ctrl-D saves and quits, like /save', () => {
  const ctrlD = (prompt: Mock) =>
    prompt.mockImplementationOnce(async (_config: Config, { signal }: { signal: AbortSignal }) => {
      process.stdin.emit('keypress', '', { name: 'd', ctrl: true });
      return new Promise((_, reject) => (signal.aborted ? reject(new Error('aborted')) : undefined));
    });

  it.each([
    ['text', question(), inquirer.input],
    ['choice', question({ type: 'choice', choices: CHOICES }), menuPrompt.menu],
    ['long', question({ type: 'long' }), inquirer.input],
  ])('at a %s question', async (_, q, prompt) => {
    ctrlD(prompt);
    expect(await adapter.ask(q, context())).toEqual({ kind: 'save' });
  });

  it('in the note prompt', async () => {
    type('/note');
    ctrlD(inquirer.input);
    expect(await adapter.ask(question(), context())).toEqual({ kind: 'save' });
  });
});

describe('empty answers, the ✔ line, /discard', () => {
  it('Enter on an empty optional question skips it; a required one says what is missing', async () => {
    type('');
    expect(await adapter.ask(question(), context())).toEqual({ kind: 'skip' });
  });

  it('a menu of an optional question skips on Enter with nothing picked; a required one does not', async () => {
    pick('Price');
    await adapter.ask(question({ type: 'choice', choices: CHOICES }), context());
    expect(configOf(menuPrompt.menu).none).toEqual({ command: 'skip' });
    pick('Price');
    await adapter.ask(question({ type: 'choice', choices: CHOICES, required: true }), context());
    expect(configOf(menuPrompt.menu, 1).none).toBeUndefined();
  });

  it('a scale: the cursor starts on no number, and typed numbers are the values', async () => {
    pick('Price');
    await adapter.ask(question({ type: 'choice', choices: CHOICES }), context()).catch(() => undefined);
    menuPrompt.menu.mockImplementationOnce(async (config: MenuConfigLike) => config.scale?.valueOf(9));
    const q = question({ type: 'scale', min: 0, max: 10 });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: 9 });
    const config = configOf(menuPrompt.menu, 1) as MenuConfigLike;
    expect(config.start).toBe(-1);
    expect(config.scale?.valueOf(10)).toEqual({ answer: 10 });
  });

  it.each([
    ['/skip', 'skipped'],
    ['/why', ''],
    ['/note', ''],
    ['/back', ''],
  ])('the ✔ line never shows %s', async (typed, shown) => {
    type('/save');
    await adapter.ask(question(), context());
    const transformer = (configOf(inquirer.input) as Config & { transformer: Transformer }).transformer;
    expect(stripVTControlCharacters(transformer(typed, { isFinal: true }))).toBe(shown);
  });

  it('the ✔ line shows the value recorded: a number read from "$85,000", a date read from words', async () => {
    type('/save', '/save');
    await adapter.ask(question({ type: 'number', unit: 'USD' }), context());
    const money = (configOf(inquirer.input) as Config & { transformer: Transformer }).transformer;
    expect(stripVTControlCharacters(money('$85,000', { isFinal: true }))).toBe('85000 USD');
    await adapter.ask(question({ type: 'date' }), context());
    const date = configOf(inquirer.input, 1) as Config & { transformer: Transformer };
    expect(await date.validate?.('2026-1-5')).toBe(true);
    expect(stripVTControlCharacters(date.transformer('2026-1-5', { isFinal: true }))).toBe('2026-01-05');
  });

  it('a date in words is echoed back as an ISO date to confirm; a past date is warned about', async () => {
    type('next friday', '');
    expect(await adapter.ask(question({ type: 'date' }), context())).toEqual({
      kind: 'answer',
      value: '2026-03-13',
    });
    expect(stripVTControlCharacters(configOf(inquirer.input, 1).message)).toBe(
      'Record 2026-03-13 (Friday, in 9 days)? (Y/n, or type another date)',
    );
    type('2019-05-01', 'n', '2026-05-01');
    expect(await adapter.ask(question({ type: 'date' }), context())).toEqual({
      kind: 'answer',
      value: '2026-05-01',
    });
    expect(screen.join('\n')).toMatch(/2019-05-01 is in the past/);
    expect(stripVTControlCharacters(configOf(inquirer.input, 3).message)).toMatch(
      /^Record 2019-05-01 anyway\?/,
    );
    expect(screen.join('\n')).toContain('Back to the question.');
  });

  it('at a date’s confirmation, y records it, n goes back, and other text is a new date to confirm', async () => {
    const q = question({ type: 'date' });
    type('in 2 weeks', 'y');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: '2026-03-18' });
    // Typed at the confirmation: never a yes to the old date, but the new date, confirmed in turn.
    type('in 2 weeks', 'end of Q2', '');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: '2026-06-30' });
    const confirmation = configOf(inquirer.input, 3) as Config & { transformer: Transformer };
    expect(stripVTControlCharacters(confirmation.message)).toMatch(/^Record 2026-03-18 /);
    expect(await confirmation.validate?.('end of Q2')).toBe(true);
    expect(await confirmation.validate?.('whenever')).toMatch(/expected a date/);
    expect(stripVTControlCharacters(confirmation.transformer('end of Q2', { isFinal: true }))).toBe(
      'another date: 2026-06-30',
    );
    expect(stripVTControlCharacters(confirmation.transformer('', { isFinal: true }))).toBe('Yes');
    expect(stripVTControlCharacters(configOf(inquirer.input, 4).message)).toMatch(
      /^Record 2026-06-30 \(Tuesday, in \d+ days\)\?/,
    );
    // n: back to the question, which takes a date written out in full without asking.
    type('in 2 weeks', 'no', '2026-04-01');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: '2026-04-01' });
    // A command works at the confirmation too.
    type('in 2 weeks', '/skip');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'skip' });
  });

  it('/discard asks first: no asks the question again, yes is the discard reply', async () => {
    type('/discard', '/discard');
    inquirer.confirm.mockResolvedValueOnce(false);
    inquirer.confirm.mockResolvedValueOnce(true);
    expect(await adapter.ask(question(), context())).toEqual({ kind: 'discard' });
    expect(configOf(inquirer.confirm).default).toBe(false);
    pick('Discard this session');
    inquirer.confirm.mockResolvedValueOnce(true);
    expect(await adapter.ask(question({ type: 'confirm' }), context())).toEqual({ kind: 'discard' });
  });
});

describe('Ctrl-C is a cancel reply, wherever it is pressed', () => {
  it.each([
    ['text', question(), inquirer.input],
    ['number', question({ type: 'number' }), inquirer.input],
    ['long', question({ type: 'long' }), inquirer.input],
    ['list', question({ type: 'list' }), inquirer.input],
    ['choice', question({ type: 'choice', choices: CHOICES }), menuPrompt.menu],
    ['confirm', question({ type: 'confirm' }), menuPrompt.menu],
    ['scale', question({ type: 'scale' }), menuPrompt.menu],
    ['multi', question({ type: 'multi', choices: CHOICES }), inquirer.checkbox],
    ['measure', question({ type: 'measure' }), menuPrompt.menu],
  ])('at a %s question', async (_, q, prompt) => {
    ctrlC(prompt);
    expect(await adapter.ask(q, context())).toEqual({ kind: 'cancel' });
  });

  it('in the middle of a list', async () => {
    type('Gong');
    ctrlC(inquirer.input);
    expect(await adapter.ask(question({ type: 'list' }), context())).toEqual({ kind: 'cancel' });
  });

  it('while typing the text of a /note', async () => {
    type('/note');
    ctrlC(inquirer.input);
    expect(await adapter.ask(question(), context())).toEqual({ kind: 'cancel' });
  });

  it('while typing "Something else…"', async () => {
    pick('Something else…');
    ctrlC(inquirer.input);
    const q = question({ type: 'choice', choices: CHOICES, other: true });
    expect(await adapter.ask(q, context())).toEqual({ kind: 'cancel' });
  });

  it('at the "Nothing picked" menu of a multi', async () => {
    tick();
    ctrlC(menuPrompt.menu);
    expect(await adapter.ask(question({ type: 'multi', choices: CHOICES }), context())).toEqual({
      kind: 'cancel',
    });
  });

  it('half-way through a measure', async () => {
    pick('Higher is better');
    type('10');
    ctrlC(inquirer.input);
    expect(await adapter.ask(question({ type: 'measure' }), context())).toEqual({ kind: 'cancel' });
  });

  it('any other error is not a cancel: it reaches the caller', async () => {
    const broken = new Error('stdin is not readable');
    inquirer.input.mockRejectedValueOnce(broken);
    await expect(adapter.ask(question(), context())).rejects.toBe(broken);
  });
});

describe('decideFlag', () => {
  const flag = (revisit: string[]): Flag => ({
    id: '1rclu65-1',
    rule: 'new_decision_maker',
    message: 'A new decision maker joined',
    evidence: [],
    revisit,
    decision: 'deferred',
    at: '2026-03-01T10:00:00.000Z',
  });

  it.each(['now', 'defer'] as const)('returns %s as picked', async (answer) => {
    inquirer.select.mockResolvedValueOnce(answer);
    expect(await adapter.decideFlag(flag(['trigger']))).toBe(answer);
  });

  it('offers Now with the questions it will ask again, and starts on it', async () => {
    inquirer.select.mockResolvedValueOnce('now');
    await adapter.decideFlag(flag(['trigger', 'impact']), {
      trigger: 'What happened that put this on the agenda now?',
      impact: 'Where does it hurt?',
    });
    const config = configOf(inquirer.select);
    const [now, later] = (config.choices ?? []) as Choice[];
    expect(now?.value).toBe('now');
    // Named as the rep will ask them, not by id.
    expect(now?.name).toContain(
      'ask 2 Knowledge-loop question(s) again (What happened that put this on the…; Where does it hurt?)',
    );
    expect(now?.disabled).toBe(false);
    expect(later?.value).toBe('defer');
    expect(config.default).toBe('now');
  });

  it('with nothing to revisit, Now cannot be picked and Later is the default', async () => {
    choose('Later: keep the flag open (it shows in journey prep and journey flags)');
    expect(await adapter.decideFlag(flag([]))).toBe('defer');
    const config = configOf(inquirer.select);
    const [now] = (config.choices ?? []) as Choice[];
    expect(now?.disabled).toBe('no questions to revisit');
    expect(config.default).toBe('defer');
  });

  it('Ctrl-C is cancel', async () => {
    ctrlC(inquirer.select);
    expect(await adapter.decideFlag(flag(['trigger']))).toBe('cancel');
  });

  it('any other error reaches the caller', async () => {
    inquirer.select.mockRejectedValueOnce(new Error('boom'));
    await expect(adapter.decideFlag(flag(['trigger']))).rejects.toThrow('boom');
  });
});

describe('what the rep sees around a question', () => {
  it('where they are: loop, position, total and required', async () => {
    type('x');
    await adapter.ask(question({ required: true }), context({ position: 3, total: 14 }));
    expect(screen.join('\n')).toContain('options · 3 of 14 · required');
  });

  it('a re-evaluation names the flag and the Knowledge loop', async () => {
    type('x');
    await adapter.ask(question(), context({ revisiting: '1rclu65-1', position: 1, total: 2 }));
    expect(screen.join('\n')).toContain('re-evaluating for flag 1rclu65-1 · knowledge · 1 of 2');
  });

  it('the /why and /help hint once, not at every question', async () => {
    type('a', 'b');
    await adapter.ask(question(), context());
    await adapter.ask(question(), context());
    const hints = screen.filter((line) =>
      line.includes('Type /why for coaching, /help for commands; Ctrl-D saves and quits.'),
    );
    expect(hints).toHaveLength(1);
  });

  it('show writes the runner’s messages', () => {
    adapter.show({ kind: 'info', text: 'Answer saved.' });
    adapter.show({ kind: 'warning', text: 'Required questions left: trigger' });
    expect(screen).toEqual(['Answer saved.', 'Required questions left: trigger']);
  });
});

describe('what the rep found in a real terminal', () => {
  const pressEsc = (prompt: Mock) =>
    prompt.mockImplementationOnce(async (_config: Config, { signal }: { signal: AbortSignal }) => {
      process.stdin.emit('keypress', '', { name: 'escape' });
      return new Promise((_, reject) => (signal.aborted ? reject(new Error('aborted')) : undefined));
    });

  it('Esc in "Something else…" reopens the menu with the cursor on it, never on the first choice', async () => {
    const q = question({ type: 'choice', choices: CHOICES, other: true });
    pick('Something else…');
    pressEsc(inquirer.input);
    pick('Price');
    await adapter.ask(q, context());
    const again = configOf(menuPrompt.menu, 1);
    expect(again.default).toBe(findChoice(again, 'Something else…').value);
    // Only for that reopening: the next time the question is asked, the cursor starts as usual.
    pick('Price');
    await adapter.ask(q, context());
    expect(configOf(menuPrompt.menu, 2).default).toBeUndefined();
  });

  it('a /note typed in "In their words" keeps the boxes ticked, and the note is the reply', async () => {
    const q = question({ type: 'multi', choices: CHOICES, other: true });
    tick('Fit with our process', 'Something else…');
    type('/note CFO joined');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'note', text: 'CFO joined' });
    tick('Fit with our process', 'Something else…');
    type('Security review');
    expect(await adapter.ask(q, context())).toEqual({ kind: 'answer', value: ['fit', 'Security review'] });
    const ticked = (configOf(inquirer.checkbox, 1).choices ?? []) as Choice[];
    expect(ticked.map((c) => c.checked)).toEqual([false, true, true]);
    // Esc there comes back to the boxes as ticked too.
    tick('Price', 'Something else…');
    pressEsc(inquirer.input);
    tick('Price');
    await adapter.ask(q, context());
    expect(((configOf(inquirer.checkbox, 3).choices ?? []) as Choice[]).map((c) => c.checked)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('an empty note says nothing was saved, never "note taken"', async () => {
    pick('Add a note');
    type('');
    pick('Yes');
    expect(await adapter.ask(question({ type: 'confirm' }), context())).toEqual({
      kind: 'answer',
      value: true,
    });
    const note = configOf(inquirer.input) as Config & { transformer: Transformer };
    expect(stripVTControlCharacters(note.transformer('', { isFinal: true }))).toBe('nothing saved');
    expect(stripVTControlCharacters(note.transformer('CFO joined', { isFinal: true }))).toBe('note taken');
    expect(screen.join('\n')).toContain('No note saved.');
  });

  it('a command that shows nothing (/why, /back, /note) wipes its ✔ line instead of leaving the question alone', async () => {
    const seen: { clearPromptOnDone: boolean }[] = [];
    for (const typed of ['/why', '/skip']) {
      inquirer.input.mockImplementationOnce(
        async (config: Config & { transformer: Transformer }, context: { clearPromptOnDone: boolean }) => {
          config.transformer(typed, { isFinal: true });
          seen.push({ ...context });
          return typed;
        },
      );
      await adapter.ask(question(), context());
    }
    expect(seen.map((c) => c.clearPromptOnDone)).toEqual([true, false]);
  });

  it.each([
    [
      'searchOne',
      () => searchOne('Which account?', () => [{ name: 'Acme', value: 'acme' }]),
      inquirer.search,
    ],
    ['pickOne', () => pickOne('Which one?', [{ name: 'Acme', value: 'acme' }]), inquirer.select],
  ])('Esc in %s cancels like Ctrl-C: nothing recorded', async (_, run, prompt) => {
    pressEsc(prompt);
    await expect(run()).rejects.toThrow('Cancelled: nothing was recorded.');
    ctrlC(prompt);
    await expect(run()).rejects.toThrow('Cancelled: nothing was recorded.');
  });
});
