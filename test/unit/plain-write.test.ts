// The plain YAML writer (yaml/plain-write.ts) gives exactly the text the `yaml` package gives with
// toYaml's options, or nothing: checked on journey's own session files and on values made to trip it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writePlainYaml } from '../../src/yaml/plain-write.js';
import { readYaml } from '../../src/yaml/source.js';
import { packageYaml, toYaml } from '../../src/yaml/write.js';

/** What the package writes for the value, with toYaml's options and quoting. */
const byPackage = (value: unknown, blockQuote = true) => packageYaml(value, blockQuote);

function expectSameText(value: unknown): void {
  const text = writePlainYaml(value);
  if (text === undefined) return;
  expect(text).toBe(byPackage(value));
  expect(text).toBe(byPackage(value, false));
}

const SESSIONS = join(import.meta.dirname, '../fixtures/release-1-data/accounts');

describe('writePlainYaml', () => {
  it('writes every session of the release-1 data as the package does', () => {
    let written = 0;
    for (const account of readdirSync(SESSIONS)) {
      for (const name of readdirSync(join(SESSIONS, account)).filter((n) => n.endsWith('.yaml'))) {
        const session = load(readFileSync(join(SESSIONS, account, name), 'utf8'), { schema: CORE_SCHEMA });
        const text = writePlainYaml(session);
        // A session holding a text over two lines is the package's to write.
        if (text !== undefined) written++;
        expectSameText(session);
      }
    }
    expect(written).toBeGreaterThan(3);
  });

  it.each([
    ['a session-like map', { a: 1, b: 'text', c: [{ question: 'q', answer: ['x', 'y'] }], d: {}, e: [] }],
    [
      'texts that need quotes',
      { a: '', b: 'true', c: '12', d: 'a: b', e: '- x', f: '#x', g: 'x #y', h: 'x:' },
    ],
    ['quotes inside texts', { a: 'say "hi"', b: "it's", c: `both ' and "`, d: 'back\\slash' }],
    ['quoted texts with quotes', { a: '"hi" she said', b: "'twas", c: `- 'a' "b"`, d: '"\\"', e: "x: 'y'" }],
    [
      'look-alikes of numbers',
      { a: '2026-01-01', b: '2026-01-01T09:00:00.000Z', c: '1e3', d: '0x1F', e: '.5' },
    ],
    ['texts past ASCII', { a: 'Options loop — weigh them', b: 'Société Générale', c: '€40k' }],
    ['numbers', { a: 0, b: -3, c: 1.5, d: 1e21, e: 120000, f: 0.1 }],
    ['maps in lists in maps', { l: [{ a: { b: [1, { c: null }] } }, {}, []] }],
    ['undefined values', { a: undefined, b: { c: undefined }, d: [{ e: undefined, f: 1 }] }],
  ])('writes %s as the package does', (_name, value) => {
    expect(writePlainYaml(value)).toBe(byPackage(value));
  });

  it.each([
    ['a text over two lines', { a: 'one\ntwo' }],
    ['a tab', { a: 'a\tb' }],
    ['a list in a list', { a: [[1]] }],
    ['an undefined item', { a: [undefined] }],
    ['negative zero', { a: -0 }],
    ['infinity', { a: Number.POSITIVE_INFINITY }],
    ['a key with a space', { 'a b': 1 }],
    ['a key that reads as a boolean', { true: 1 }],
    ['a date', { a: new Date(0) }],
    ['an emoji', { a: 'ok 👍' }],
    ['a text like a document marker', { a: '--- x' }],
    ['a root list', [1, 2]],
    ['an empty root map', {}],
  ])('leaves %s to the package', (_name, value) => {
    expect(writePlainYaml(value)).toBeUndefined();
  });

  const texty = fc.string({
    unit: fc.constantFrom(
      ...'ab: -#\'"\\,[]{}&*!|>%@`?.0123456789eExotTfFnNul~_\n\té€—\u00a0\u0085\u2028'.split(''),
    ),
    maxLength: 12,
  });
  // Texts that need quotes, with quotes inside: which quotes the package picks.
  const quoted = fc
    .tuple(
      fc.constantFrom('- ', '#', '', '"', "'", '1'),
      fc.string({ unit: fc.constantFrom(...'a "\':#'.split('')), maxLength: 6 }),
    )
    .map(([start, rest]) => start + rest);
  const scalar = fc.oneof(
    texty,
    quoted,
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constantFrom(
      'true',
      'Null',
      '~',
      '0x1F',
      '0o17',
      '1_000',
      '.inf',
      '-.5',
      '1e5',
      '2026-01-01',
      '012',
      '+1',
      '-',
      '0b1',
      '-0b101',
      '+0x1F',
      '-0o17',
      '+0o7',
    ),
  );
  const key = fc.oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_-]{0,5}$/),
    texty,
    fc.constantFrom('true', 'null', 'y', 'on'),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  }));

  it('gives the package’s text, or nothing, for any map', () => {
    fc.assert(fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), expectSameText), {
      numRuns: 2000,
    });
  });

  it('writes most maps of journey’s shape itself', () => {
    const plainText = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.;!?()'/-]{0,30}$/);
    const entry = fc.record({
      question: fc.stringMatching(/^[a-z_]{1,8}$/),
      answer: fc.oneof(plainText, fc.integer()),
    });
    let written = 0;
    fc.assert(
      fc.property(fc.record({ id: plainText, entries: fc.array(entry, { maxLength: 5 }) }), (session) => {
        if (writePlainYaml(session) !== undefined) written++;
        expectSameText(session);
      }),
      { numRuns: 300 },
    );
    expect(written).toBeGreaterThan(250);
  });

  it('is the package’s own text where no text would be read as a number', () => {
    const value = { a: 'plain', b: ['0x1F', '1e5'], c: { d: 'x: y', e: 'one\ntwo' } };
    expect(byPackage(value)).toBe(stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }));
  });
});

describe('toYaml', () => {
  // What journey writes, its reader reads back the same: an answer "0b1" stays a text.
  const { value: anyValue } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.stringMatching(/^[-+]?0[box][0-9a-fA-F_]{1,4}$/),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      ),
      tie('list'),
      tie('map'),
    ),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  }));

  it('writes nothing its reader reads as something else, by either writer (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), anyValue, { minKeys: 1, maxKeys: 5 }), (map) => {
        for (const value of [map, { ...map, zz_two_lines: 'one\ntwo' }]) {
          const read = readYaml(toYaml(value, 'header'), 'x.yaml');
          expect(read.ok && read.value).toEqual(value);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('quotes the texts js-yaml reads as numbers: binary, signed hexadecimal and octal', () => {
    for (const text of ['0b1', '-0b101', '+0b1', '-0x10', '+0x10', '-0o17', '+0o7']) {
      const plain = toYaml({ answer: text });
      const byThePackage = toYaml({ answer: text, other: 'one\ntwo' });
      expect(plain).toBe(`answer: "${text}"\n`);
      expect(byThePackage.startsWith(`answer: "${text}"\n`)).toBe(true);
      const read = readYaml(byThePackage, 'x.yaml');
      expect(read.ok && read.value).toEqual({ answer: text, other: 'one\ntwo' });
    }
  });
});
