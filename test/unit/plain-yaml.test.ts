// The plain YAML reader (yaml/plain.ts) gives exactly what readYaml gives, or nothing: every value it
// returns is checked against js-yaml and readYaml, on journey's own files and on text made to trip it.
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readPlainYaml } from '../../src/yaml/plain.js';
import { readYaml } from '../../src/yaml/source.js';
import { toYaml } from '../../src/yaml/write.js';

/** What readYaml gives for the text (undefined: it refuses it). */
function careful(text: string): unknown {
  const read = readYaml(text, 'f.yaml');
  return read.ok ? read.value : undefined;
}

function expectAgrees(text: string): void {
  const plain = readPlainYaml(text);
  if (plain === undefined) return;
  expect(plain).toStrictEqual(careful(text));
  expect(plain).toStrictEqual(load(text, { schema: CORE_SCHEMA }));
}

describe('readPlainYaml', () => {
  it.each([
    ['a map of scalars', 'a: 1\nb: text\nc: true\nd: null\ne: ~\nf: -2\ng: 1.5\nh: 2026-01-01\n'],
    ['nested maps and lists', 'a:\n  b:\n    - x\n    - y: 1\n      z: [] \n'],
    [
      'a list of maps',
      'entries:\n  - question: q1\n    answer: An answer, with a comma.\n  - question: q2\n',
    ],
    ['quoted scalars', 'a: "say \\"hi\\"\\n"\nb: \'it\'\'s\'\nc: "1"\nd: \'true\'\n'],
    ['empty collections', 'a: []\nb: {}\nc:\nd: 1\n'],
    ['comments and blank lines', '# header\n\na: 1\n  # indented comment\nb: 2\n'],
    ['a key with nothing under it in a list item', 'l:\n  - a:\n    b: 1\n  - c:\n'],
    [
      'times, sentences and look-alikes of numbers',
      'a: 2026-01-01T09:00:00.000Z\nb: 09:00\nc: 1 000\nd: true story\nf: 0x1F:2\ng: .5 more\n',
    ],
    ['keys of a hundred characters, with digits, _ and -', `${'k'.repeat(100)}: 1\n_a-1_: 2\nZ9: 3\n`],
    ['hashes and colons inside words', 'a: x#y#\nb: 09:00:01\nc: http://x:1/#top\nd: 1:2 3#4\n'],
  ])('reads %s as readYaml does', (_name, text) => {
    expect(readPlainYaml(text.replace(' \n', '\n'))).toBeDefined();
    expectAgrees(text.replace(' \n', '\n'));
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['keys that read as booleans or nulls', 'labels:\n  True: Yes we buy\n  NULL: Nothing\n  FALSE: no\n'],
    ['two keys that are one boolean', 'labels:\n  True: Yes we buy\n  true: No we do not\n'],
    ['a flow map', 'a: { b: 1 }\n'],
    ['a flow list', 'a: [1, 2]\n'],
    ['a block scalar', 'a: |\n  two\n  lines\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a comment after a value', 'a: 1 # one\n'],
    ['a comment after a value with hashes', 'a: x#y #z\n'],
    ['a second key after a colon in a word', 'a: 1:2 b: 3\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['a list level with its key', 'a:\n- 1\n'],
    ['a root list', '- 1\n- 2\n'],
    ['a quoted key', '"a": 1\n'],
    ['a YAML-only escape', 'a: "\\x41"\n'],
    ['an unclosed quote', 'a: "open\n'],
    ['a text after a quote', "a: 'x' y\n"],
    ['trailing spaces', 'a: 1 \n'],
    ['an odd indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['a byte order mark', '\uFEFFa: 1\n'],
    ['a control character', 'a: \u0007\n'],
    ['an indicator first', 'a: @x\n'],
    ['an empty text', ''],
    ['a key of 101 characters', `${'k'.repeat(101)}: 1\n`],
    ['a key starting with a digit', '9a: 1\n'],
    ['a key with a dot', 'a.b: 1\n'],
    ['a key with a character past ASCII', 'é: 1\n'],
  ])('leaves %s to readYaml', (_name, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it('reads a file of more lines than its table first holds, and each file on its own', () => {
    // The line table and the keys met are kept from one file to the next: a long file grows the
    // table, and what one file left there (a list item's line shifted in place, a key of the same
    // length and first letter) never shows in the next.
    const long = `entries:\n${Array.from({ length: 400 }, (_, i) => `  - ab: ${i}\n    ac: x${i}\n`).join('')}`;
    expectAgrees(long);
    expect(readPlainYaml(long)?.entries).toHaveLength(400);
    expectAgrees('ad: 1\nae:\n  - af: 2\n');
    expect(readPlainYaml('ae:\n  - af: 2\n  - ag\n')).toStrictEqual({ ae: [{ af: 2 }, 'ag'] });
    expect(readPlainYaml('a: 1\n  b: 2\n')).toBeUndefined();
    expect(readPlainYaml('ab: 1\nac: 2\nab: 3\n')).toBeUndefined();
    expect(readPlainYaml('ab: 1\nac: 2\n')).toStrictEqual({ ab: 1, ac: 2 });
  });

  it('reads what journey writes, as readYaml does', () => {
    const text = toYaml(
      {
        format: 1,
        id: '20260101T090000Z-knowledge-abc1234',
        account: 'Acme: "East" #1',
        deal: null,
        status: 'complete',
        entries: [
          { question: 'q', ask: 'Why?', type: 'text', answer: "it's - fine, really: yes", at: '2026' },
          { question: 'n', type: 'number', answer: 12, skipped: false },
          { question: 'l', type: 'list', answer: ['one', 'two: three', '- four'] },
        ],
        notes: [],
        flags: [{ id: 'f-1', evidence: ['x'], revisit: [] }],
      },
      'A journey session (format 1).',
    );
    expect(readPlainYaml(text)).toBeDefined();
    expectAgrees(text);
  });

  const texty = fc.string({
    unit: fc.constantFrom(...'ab: -#\'"\\,[]{}&*!|>%@`?.0123456789eExntTfFN~_\n\té€\u2028'.split('')),
    maxLength: 12,
  });
  const scalar = fc.oneof(
    texty,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('true', 'null', '~', '0x1F', '1_000', '.inf', '-.5', '2026-01-01', '012', '+1', '-0'),
  );
  const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  }));

  it('gives what readYaml gives for any value journey could write', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), (doc) => {
        expectAgrees(toYaml(doc, 'header'));
        expectAgrees(toYaml(doc, undefined, { blockScalars: false }));
      }),
      { numRuns: 400 },
    );
  });

  it('gives what readYaml gives, or nothing, for text made of YAML pieces', () => {
    const line = fc.tuple(
      fc.constantFrom('', '  ', '    ', '- ', '  - ', '      '),
      fc.constantFrom('a: ', 'b:', 'c: ', '- ', '', '# '),
      texty,
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        expectAgrees(`${lines.map((l) => l.join('')).join('\n')}\n`);
      }),
      { numRuns: 1000 },
    );
  });
});
