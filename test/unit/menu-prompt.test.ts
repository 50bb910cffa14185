// The interview's menu itself, driven through a fake terminal: a scale takes the number typed
// ("9" Enter is 9, "10" is 10, never a list position), Enter with nothing typed records nothing,
// commands act on a single key, and Save/Back/Help come first.
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { Separator } from '@inquirer/core';
import { afterEach, describe, expect, it } from 'vitest';
import { menu } from '../../src/ui/menu-prompt.js';

type Value = { answer: number } | { command: string };

function terminal() {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: () => void };
  input.isTTY = true;
  input.setRawMode = () => undefined;
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk) => {
    screen += String(chunk);
  });
  const keys = async (...sequence: string[]) => {
    for (const key of sequence) {
      input.write(key);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { context: { input, output }, keys, screen: () => stripVTControlCharacters(screen) };
}

function scaleMenu(min: number, max: number, none?: Value) {
  const answers = Array.from({ length: max - min + 1 }, (_, i) => ({
    name: String(min + i),
    value: { answer: min + i } as Value,
  }));
  return {
    message: 'How likely to recommend?',
    choices: [
      { name: 'Save and quit', value: { command: 'save' } as Value, key: 's' },
      { name: 'Back', value: { command: 'back' } as Value, key: 'b' },
      { name: 'Help', value: { command: 'help' } as Value, key: '?' },
      new Separator(),
      ...answers,
      new Separator(),
      { name: 'Skip', value: { command: 'skip' } as Value, key: 'x' },
    ],
    start: -1,
    scale: {
      min,
      max,
      valueOf: (n: number) => answers.find((a) => (a.value as { answer: number }).answer === n)?.value,
    },
    ...(none ? { none } : {}),
  };
}

describe('the menu prompt', () => {
  it.each([
    [['9', '\r'], 9],
    [['1', '0', '\r'], 10],
    [['0', '\r'], 0],
    [['7', '\x7f', '3', '\r'], 3],
  ])('a 0–10 scale records the number typed: %j is %d', async (typed, value) => {
    const t = terminal();
    const answer = menu<Value>(scaleMenu(0, 10), t.context);
    await t.keys(...typed);
    expect(await answer).toEqual({ answer: value });
    expect(t.screen()).toMatch(new RegExp(`How likely to recommend\\? ${value}\\s*$`));
  });

  it('a number out of range is refused in place, then a good one is taken', async () => {
    const t = terminal();
    const answer = menu<Value>(scaleMenu(0, 10), t.context);
    await t.keys('1', '1', '\r');
    expect(t.screen()).toContain('Type a whole number from 0 to 10.');
    await t.keys('\x7f', '\x7f', '8', '\r');
    expect(await answer).toEqual({ answer: 8 });
  });

  it('Enter with nothing typed records nothing on a required scale, and skips an optional one', async () => {
    const t = terminal();
    const answer = menu<Value>(scaleMenu(0, 10), t.context);
    await t.keys('\r');
    expect(t.screen()).toContain('Type a number from 0 to 10, or pick one with ↑↓.');
    await t.keys('\u001b[B', '\r'); // Down from nowhere: the first number
    expect(await answer).toEqual({ answer: 0 });
    const u = terminal();
    const skipped = menu<Value>(scaleMenu(1, 5, { command: 'skip' }), u.context);
    await u.keys('\r');
    expect(await skipped).toEqual({ command: 'skip' });
  });

  it('commands act on a single key, and Save, Back and Help come first', async () => {
    for (const [key, command] of [
      ['s', 'save'],
      ['b', 'back'],
      ['?', 'help'],
      ['x', 'skip'],
    ]) {
      const t = terminal();
      const answer = menu<Value>(scaleMenu(0, 10), t.context);
      await t.keys(key as string);
      expect(await answer).toEqual({ command });
      const lines = t.screen().split('\n');
      expect(lines.findIndex((l) => l.includes('Save and quit'))).toBeLessThan(
        lines.findIndex((l) => /^\s+0$/.test(l)),
      );
    }
  });

  it('the done line shows the answer, never the name of a command', async () => {
    const t = terminal();
    const answer = menu<Value>(
      {
        message: 'Tried before?',
        choices: [
          { name: 'Yes', value: { answer: 1 } },
          { name: 'Add a note', value: { command: 'note' }, key: 'a', short: '' },
        ],
      },
      t.context,
    );
    await t.keys('a');
    expect(await answer).toEqual({ command: 'note' });
    expect(t.screen()).not.toMatch(/Tried before\? Add a note\s*$/);
  });

  it('a command that shows nothing leaves no done line at all: the prompt is wiped', async () => {
    const t = terminal();
    const answer = menu<Value>(
      {
        message: 'Tried before?',
        choices: [
          { name: 'Yes', value: { answer: 1 } },
          { name: 'Why ask this?', value: { command: 'why' }, key: 'w', short: '' },
          { name: 'Skip', value: { command: 'skip' }, key: 'x', short: 'skipped' },
        ],
      },
      t.context,
    );
    await t.keys('w');
    expect(await answer).toEqual({ command: 'why' });
    expect(t.screen()).not.toMatch(/✔/);
  });
});

describe('the menu in a small terminal', () => {
  const size = { rows: process.stdout.rows, columns: process.stdout.columns };
  afterEach(() => {
    process.stdout.rows = size.rows;
    process.stdout.columns = size.columns;
  });

  /** The last frame drawn: what is on screen now. */
  const lastFrame = (screen: string) => screen.split('How likely to recommend?').at(-1) ?? '';

  it('fits 15 rows: the question, a line of keys above and below, the answers scrolling between', async () => {
    process.stdout.rows = 15;
    process.stdout.columns = 60;
    const t = terminal();
    const answer = menu<Value>(
      { ...scaleMenu(0, 10), message: 'How likely to recommend? '.repeat(3).trim() },
      t.context,
    );
    await t.keys('\u001b[B');
    const frame = `How likely to recommend?${lastFrame(t.screen())}`.split('\n');
    expect(frame.length).toBeLessThanOrEqual(14);
    expect(frame[1]).toMatch(/^\s+\(s\) save · \(b\) back · \(\?\) help$/);
    expect(frame.some((l) => /^\s+\(x\) skip$/.test(l))).toBe(true);
    expect(frame.some((l) => /type 0–10/.test(l))).toBe(true);
    // ↑↓ moves through the answers only; the keys still act.
    await t.keys('\u001b[A', '\u001b[A');
    expect(lastFrame(t.screen())).toMatch(/❯ 0/);
    await t.keys('s');
    expect(await answer).toEqual({ command: 'save' });
  });

  it('a menu that fits is drawn whole, each command on its own line', async () => {
    process.stdout.rows = 40;
    process.stdout.columns = 80;
    const t = terminal();
    const answer = menu<Value>(scaleMenu(0, 10), t.context);
    await t.keys('5', '\r');
    expect(await answer).toEqual({ answer: 5 });
    expect(t.screen()).toMatch(/\n\s+\(s\) Save and quit\n/);
  });
});
