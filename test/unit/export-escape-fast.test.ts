// escape.ts skips its replacements when one scan finds nothing they would change: the notes must be
// byte for byte what the full chain of replacements made, for any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { block, cleanText, inline } from '../../src/export/escape.js';

// The escaping as it was before the fast paths, kept here as the reference.
const SYNTAX = /[\\`*_[\]<>#|~&@$^]|:(?=\S)|(?<=:):/g;
const RUNS = /%{2,}|={2,}/g;
const WEB = /(www)\./gi;
const INVISIBLE = /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const JOINABLE = String.raw`(?:[\p{Extended_Pictographic}\p{M}\u{1F3FB}-\u{1F3FF}\uFE0F]|[^\P{L}\p{ASCII}])`;
const STRAY_JOINER = new RegExp(`(?<!${JOINABLE})[\u200C\u200D]|[\u200C\u200D](?!${JOINABLE})`, 'gu');
// biome-ignore lint/suspicious/noControlCharactersInRegex: the reference removes them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;

const referenceClean = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, ' ')
    .replace(/\t/g, '  ')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '');

const referenceLine = (line: string) =>
  line
    .replace(SYNTAX, '\\$&')
    .replace(RUNS, (run) => run.replace(/./g, '\\$&'))
    .replace(WEB, '$1\\.')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');

function referenceInline(text: string): string {
  const line = referenceClean(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return line === '' ? '(blank)' : referenceLine(line);
}

function referenceBlock(text: string): string[] {
  const lines = referenceClean(text)
    .split('\n')
    .map((l) => referenceLine(l.trim()));
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out.at(-1) === '')) continue;
    out.push(line);
  }
  while (out.at(-1) === '') out.pop();
  return out.length > 0 ? out : ['(empty)'];
}

/** Plain words most of the time (the fast path), with every character the rules look for mixed in. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('word', 'www.example.com', 'Www.', '12.', '3)', '- ', '+', '=', '==', '%%', 'a:b'),
        fc.constantFrom(':', '::', ' ', '\n', '\r\n', '\r', '\t', '\u200B', '\u200C', '\u200D', '\uFEFF'),
        fc.constantFrom(
          '\u0007',
          '\u0085',
          '\u009B',
          '\u0080',
          '\u2028',
          '\u202E',
          '\u2066',
          '\u061C',
          '👩',
          'é',
          'ক',
          '\u0301',
        ),
        fc.constantFrom('*', '_', '`', '[', ']', '<', '>', '#', '|', '~', '&', '@', '$', '^', '\\'),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

describe('escaping with fast paths', () => {
  it('cleans, inlines and blocks any text exactly as the full chain of replacements', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(cleanText(t)).toBe(referenceClean(t));
        expect(inline(t)).toBe(referenceInline(t));
        expect(block(t)).toEqual(referenceBlock(t));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['plain words', 'We lost two renewals'],
    ['a web address', 'see www.acme.com'],
    ['a leading list mark', '- not a list'],
    ['an ordered list start', '2) second'],
    ['a tab and a carriage return', 'a\tb\r\nc'],
    ['a zero-width joiner in an emoji', '👩\u200D💻'],
    ['a stray joiner', 'a\u200Db'],
  ])('%s', (_, t) => {
    expect(inline(t)).toBe(referenceInline(t));
    expect(block(t)).toEqual(referenceBlock(t));
  });

  it('leaves no C1 control in a note (U+009B starts a control sequence on a terminal)', () => {
    expect(inline('red \u009b31m text \u0080 end')).toBe('red  31m text   end');
    expect(block('a\u009b2J\nb')).toEqual(['a 2J', 'b']);
  });
});
