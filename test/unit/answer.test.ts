import { describe, expect, it } from 'vitest';
import { checkAnswer, formatAnswer, readNumber } from '../../src/model/answer.js';
import { bankFrom } from '../helpers.js';

const bank = bankFrom(`id: types
version: 1
loop: options
title: Types
questions:
  - { id: t, ask: T?, type: text }
  - { id: l, ask: L?, type: long }
  - { id: c, ask: C?, type: choice, choices: [a, { id: b_id, label: Bee }] }
  - { id: co, ask: CO?, type: choice, choices: [a], other: true }
  - { id: m, ask: M?, type: multi, choices: [a, b] }
  - { id: li, ask: LI?, type: list }
  - { id: y, ask: Y?, type: confirm }
  - { id: n, ask: N?, type: number, unit: USD, min: 0, max: 1000000 }
  - { id: s, ask: S?, type: scale }
  - { id: s10, ask: S10?, type: scale, min: 0, max: 10 }
  - { id: d, ask: D?, type: date }
`);
const q = (id: string) => {
  const found = bank.questions.find((x) => x.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('checkAnswer accepts each type in its normal form', () => {
  it.each([
    ['t', '  churn is up  ', 'churn is up'],
    ['t', 42, '42'],
    ['l', 'line one\r\nline two\n', 'line one\nline two'],
    ['c', 'a', 'a'],
    ['c', 'Bee', 'b_id'],
    ['c', 'B_ID', 'b_id'],
    ['co', 'something of their own', 'something of their own'],
    ['m', ['a', 'b', 'a'], ['a', 'b']],
    ['m', 'b', ['b']],
    ['m', [], []],
    ['li', ['Acme', ' Globex ', '', 'Acme'], ['Acme', 'Globex']],
    ['li', 'Solo', ['Solo']],
    ['y', true, true],
    ['y', 'yes', true],
    ['y', 'N', false],
    ['n', 1200, 1200],
    ['n', '1,200', 1200],
    ['n', '45000 USD', 45000],
    ['n', '12.5', 12.5],
    ['s', 3, 3],
    ['s', '5', 5],
    ['s10', 0, 0],
    ['d', '2026-02-28', '2026-02-28'],
    ['d', '2028-02-29', '2028-02-29'],
  ])('%s: %j → %j', (id, input, expected) => {
    expect(checkAnswer(q(id), input)).toEqual({ ok: true, value: expected });
  });
});

describe('checkAnswer rejects what does not fit, saying why', () => {
  it.each([
    ['t', '', 'the answer is empty'],
    ['t', 'two\nlines', 'a text answer is one line'],
    ['t', ['a'], 'expected text'],
    ['c', 'z', '"z" is not one of: a, b_id'],
    ['c', 3, 'expected one of the choices, as text'],
    ['m', ['a', 'z'], '"z" is not one of: a, b'],
    ['m', { a: 1 }, 'expected a list of choices'],
    ['li', ['ok', 'bad\nitem'], 'each item is one line'],
    ['y', 'maybe', 'expected yes or no'],
    ['n', 'lots', 'expected a number (in USD)'],
    ['n', -5, 'must be at least 0'],
    ['n', 2_000_000, 'must be at most 1000000'],
    ['n', Number.NaN, 'expected a number (in USD)'],
    ['s', 6, 'expected a whole number from 1 to 5'],
    ['s', 2.5, 'expected a whole number from 1 to 5'],
    ['d', '2026-02-30', '2026-02-30 is not a real date'],
    ['d', '28/02/2026', 'expected a date as YYYY-MM-DD'],
    ['t', null, 'no answer given'],
  ])('%s: %j', (id, input, reason) => {
    expect(checkAnswer(q(id), input)).toEqual({ ok: false, reason });
  });
});

describe('readNumber', () => {
  it.each([
    ['1_000', 1000],
    ['-3', -3],
    ['1e3', 1000],
    ['1,2', undefined],
    ['', undefined],
    ['0x10', undefined],
  ])('%j → %j', (input, expected) => {
    expect(readNumber(input)).toBe(expected);
  });
});

describe('formatAnswer', () => {
  it.each([
    ['c', 'b_id', 'Bee'],
    ['m', ['a', 'b'], 'a, b'],
    ['m', [], '(none)'],
    ['y', false, 'no'],
    ['n', 30, '30 USD'],
  ])('%s: %j → %s', (id, value, text) => {
    expect(formatAnswer(q(id), value)).toBe(text);
  });
});
