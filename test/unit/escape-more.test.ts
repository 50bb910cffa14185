// Escaping beyond CommonMark: what note tools add to markdown (bare www. links, math, Obsidian
// comments and highlights, inline fields, directives, footnotes) and invisible characters. An answer
// must reach the note as plain text, however it is written: checked on markdownlint's own parse.
import fc from 'fast-check';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { block, inline } from '../../src/export/escape.js';

/** Every token type markdownlint's parser (micromark with GFM, math and directives) finds in a text. */
function tokenTypes(text: string): Set<string> {
  const found = new Set<string>();
  const walk = (tokens: readonly { type: string; children?: unknown }[]): void => {
    for (const t of tokens) {
      found.add(t.type);
      walk((t.children ?? []) as typeof tokens);
    }
  };
  lint({
    strings: { note: text },
    config: { default: false, tokens: true },
    customRules: [
      {
        names: ['tokens'],
        description: 'collects token types',
        tags: ['test'],
        parser: 'micromark',
        function: (params) => walk(params.parsers.micromark.tokens as never),
      },
    ],
  });
  return found;
}

/** What plain text in a paragraph parses to: nothing that renders as markup. */
const PLAIN = new Set([
  'content',
  'paragraph',
  'data',
  'characterEscape',
  'escapeMarker',
  'characterEscapeValue',
  'lineEnding',
  'lineEndingBlank',
  'linePrefix',
]);

const markup = (text: string) => [...tokenTypes(text)].filter((t) => !PLAIN.has(t));

/** The text with every backslash escape blanked out: what is left must hold no note-tool markup. */
const unescaped = (text: string) => text.replace(/\\./gu, ' ');

function markdownProblems(text: string): string {
  return lint({ strings: { note: text }, config: { default: true, MD013: false } }).toString();
}

describe('inline() escapes what note tools read as markup', () => {
  it.each([
    ['a bare www. address', 'see www.example.com today', 'see www\\.example.com today'],
    ['a bare WWW. address', 'WWW.Example.com', 'WWW\\.Example.com'],
    ['inline math', 'costs $x^2$ a month', 'costs \\$x\\^2\\$ a month'],
    ['display math', '$$', '\\$\\$'],
    ['an Obsidian comment', 'keep %%hidden%% out', 'keep \\%\\%hidden\\%\\% out'],
    ['an Obsidian highlight', 'this ==matters==', 'this \\=\\=matters\\=\\='],
    ['a Dataview inline field', 'Budget:: 100', 'Budget\\:\\: 100'],
    ['an Obsidian block id', 'the end ^block1', 'the end \\^block1'],
    ['a footnote', 'note[^1]', 'note\\[\\^1\\]'],
    ['a directive', ':::warning', '\\:\\:\\:warning'],
    ['a single percent and equals', '50% = half', '50% = half'],
    ['a web address after an escaped colon', 'x:://y', 'x\\:\\://y'],
  ])('%s', (_name, text, expected) => {
    expect(inline(text)).toBe(expected);
    expect(markup(inline(text))).toEqual([]);
  });

  it('leaves no bare URL for markdownlint (MD034)', () => {
    const text = `# Note\n\n${inline('Their site is www.acme.example and mail to a@b.co')}\n`;
    expect(markdownProblems(text)).toBe('');
  });
});

describe('invisible characters are dropped', () => {
  it.each([
    ['a zero-width space', 'a\u200Bb', 'ab'],
    ['a byte-order mark', '\uFEFFtext', 'text'],
    ['a word joiner', 'a\u2060b', 'ab'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['bidi isolates', '\u2066a\u2069 \u2067b\u2069 \u2068c\u2069', 'a b c'],
    ['left-to-right and right-to-left marks', 'a\u200Eb\u200Fc', 'abc'],
    ['an Arabic letter mark', 'a\u061Cb', 'ab'],
    ['a joiner between ASCII letters', 'ad\u200Dmin', 'admin'],
    ['a stray non-joiner', '\u200Cstart', 'start'],
  ])('%s', (_name, text, expected) => {
    expect(inline(text)).toBe(expected);
    expect(block(text)).toEqual([expected]);
  });

  it.each([
    ['an emoji family', '👨\u200D👩\u200D👧'],
    ['a skin-toned emoji sequence', '👩🏽\u200D💻'],
    ['a Persian word with a non-joiner', 'می\u200Cخواهم'],
  ])('keeps the joiners of %s', (_name, text) => {
    expect(inline(text)).toBe(text);
  });
});

describe('answer text never renders as markup (property, over an alphabet of markup)', () => {
  const pieces = fc.constantFrom(
    'www.',
    'WWW.',
    'example.com',
    'https://',
    '$',
    '$$',
    '%',
    '%%',
    '=',
    '==',
    ':',
    '::',
    ':::',
    '^',
    '[',
    ']',
    '(',
    ')',
    '!',
    '*',
    '_',
    '~',
    '`',
    '<',
    '>',
    '#',
    '|',
    '&',
    '@',
    '\\',
    '-',
    '+',
    '1.',
    '{',
    '}',
    ' ',
    '\n',
    'a',
    'b',
    '\u200B',
    '\u200D',
    '\u202E',
    '\u2066',
    '\uFEFF',
    '👩',
  );
  const hostile = fc.oneof(
    fc.array(pieces, { minLength: 1, maxLength: 24 }).map((p) => p.join('')),
    fc.string({ unit: 'grapheme', minLength: 1 }),
  );

  it('inline(): only text and escapes, no markup left for Obsidian, and markdownlint-clean', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const line = inline(text);
        expect(markup(line)).toEqual([]);
        expect(unescaped(line)).not.toMatch(/%%|==|::|\$|\^|www\.|[\u200B\u202E\u2066\uFEFF]/iu);
        expect(markdownProblems(`# Note\n\n${line}\n`)).toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('block(): each line stays text in a paragraph', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const lines = block(text);
        const paragraph = lines.join('\n');
        expect(markup(paragraph)).toEqual([]);
        expect(markdownProblems(`# Note\n\n${paragraph}\n`)).toBe('');
      }),
      { numRuns: 400 },
    );
  });
});
