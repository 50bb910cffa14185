// safeText, the one function that makes user and file text safe to print; safeJson, its JSON
// counterpart; shellQuote, a name as a command line can take it back.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeJson, safeText, shellQuote } from '../../src/ui/safe-text.js';

const ESC = '\u001b';
const BEL = '\u0007';
const CSI_C1 = '\u009b';
const RLO = '\u202e';
const ZWSP = '\u200b';

// C0 and C1 controls, DEL; and the bidi controls and invisible characters safeText drops.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u200b\u2060\ufeff]/u;

describe('safeText', () => {
  it.each([
    ['an OSC window title', `Acme${ESC}]0;pwned${BEL}`, 'Acme␛]0;pwned␇'],
    ['a clear screen', `${ESC}[2J${ESC}[H`, '␛[2J␛[H'],
    ['a colour in a name', `${ESC}[31mred${ESC}[0m`, '␛[31mred␛[0m'],
    ['a C1 CSI', `x${CSI_C1}31my`, 'x\\x9b31my'],
    ['another C1 control (NEL)', 'a\u0085b', 'a\\x85b'],
    ['DEL and NUL', 'a\u007fb\u0000c', 'a␡b␀c'],
    ['a backspace', 'abc\bd', 'abc␈d'],
    ['a lone carriage return (overwrites the line)', 'Paid\rUnpaid', 'Paid␍Unpaid'],
    ['a right-to-left override', `Invoice ${RLO}fdp.exe`, 'Invoice fdp.exe'],
    ['isolates, embeddings and marks', '\u2066a\u2069\u202ab\u202c\u200fc\u200e\u061c', 'abc'],
    ['zero-width spaces, word joiners and a BOM', `a${ZWSP}b\u2060c\ufeff`, 'abc'],
    ['line breaks and tabs', 'one\ntwo\r\nthree\tfour', 'one two three four'],
    ['line and paragraph separators', 'one\u2028two\u2029three', 'one two three'],
  ])('%s', (_, text, shown) => {
    expect(safeText(text)).toBe(shown);
  });

  it.each([
    ['plain text', 'Acme, Inc. — Zoë’s team (北京) 💡'],
    ['Arabic and Hebrew, which need no bidi control', 'شركة أكمي · חברת אקמה'],
    ['emoji joined with ZWJ', '👩‍💻 👨‍👩‍👧'],
    ['Persian and Hindi with ZWNJ', 'می‌خواهم · क्‌ष'],
    ['combining marks, NFD', 'Zoe\u0308 cafe\u0301'],
    ['the control pictures themselves', '␛[2J ␇'],
  ])('leaves %s unchanged', (_, text) => {
    expect(safeText(text)).toBe(text);
  });

  it('keeps line breaks and tabs in multiline text, and still shows every other control', () => {
    expect(safeText(`Note:\r\n\tline ${ESC}[2J\nend\u2028`, { multiline: true })).toBe(
      'Note:\n\tline ␛[2J\nend\n',
    );
  });

  const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
  const hostileChar = fc.oneof(
    fc.constantFrom(ESC, BEL, CSI_C1, RLO, ZWSP, '\r', '\n', '\t', '\r\n', '\u2028', '\ufeff', '\u2066'),
    codePoint,
    fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
  );
  const hostile = fc.string({ unit: hostileChar, maxLength: 60 });

  it('never leaves a control character, bidi control or zero-width space (property)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const line = safeText(text);
        expect(line).not.toMatch(CONTROLS);
        expect(line).not.toMatch(BIDI);
        expect(line).not.toMatch(ZERO_WIDTH);
        const block = safeText(text, { multiline: true });
        expect(block).not.toMatch(CONTROLS_BUT_LINES);
        expect(block).not.toMatch(BIDI);
        expect(block).not.toMatch(ZERO_WIDTH);
      }),
    );
  });

  it('is idempotent: sanitising twice changes nothing more (property)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(safeText(safeText(text))).toBe(safeText(text));
        const block = safeText(text, { multiline: true });
        expect(safeText(block, { multiline: true })).toBe(block);
      }),
    );
  });

  it('returns printable text unchanged (property)', () => {
    const printable = codePoint.filter(
      (c) =>
        !CONTROLS.test(c) &&
        !BIDI.test(c) &&
        !/[\u180e\u200b\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb]/u.test(c),
    );
    fc.assert(
      fc.property(fc.string({ unit: printable, maxLength: 60 }), (text) => {
        expect(safeText(text)).toBe(text);
        expect(safeText(text, { multiline: true })).toBe(text);
      }),
    );
  });
});

describe('safeJson', () => {
  it('escapes C1, bidi and zero-width characters, which JSON.stringify leaves raw', () => {
    const value = { contact: `Dana ${ESC}[2J ${CSI_C1}31m ${RLO}x${ZWSP}\u2028`, n: 1 };
    const json = safeJson(value);
    expect(json).toContain('"Dana \\u001b[2J \\u009b31m \\u202ex\\u200b\\u2028"');
    for (const raw of [ESC, CSI_C1, RLO, ZWSP, '\u2028']) expect(json).not.toContain(raw);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('is the same value, pretty-printed, with nothing unsafe left raw (property)', () => {
    const codePoint = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const text = fc.string({ unit: fc.oneof(codePoint, fc.constantFrom(ESC, CSI_C1, RLO, ZWSP)) });
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.array(text), fc.integer())), (value) => {
        const json = safeJson(value);
        expect(JSON.parse(json)).toEqual(value);
        expect(json).not.toMatch(CONTROLS_BUT_LINES);
        expect(json).not.toMatch(BIDI);
        expect(json).not.toMatch(ZERO_WIDTH);
      }),
    );
  });
});

describe('shellQuote', () => {
  it.each([
    ['acme', 'acme'],
    ['Acme, Inc.', "'Acme, Inc.'"],
    ["O'Brien & Co", "'O'\\''Brien & Co'"],
    [`Acme${ESC}]0;x${BEL}`, "$'Acme\\x1b]0;x\\x07'"],
    [`Ac${RLO}me 'x'`, "$'Ac\\u202eme \\'x\\''"],
    ['two\nlines', "$'two\\x0alines'"],
  ])('%j → %s', (name, quoted) => {
    expect(shellQuote(name)).toBe(quoted);
  });

  const bash = (() => {
    try {
      execFileSync('bash', ['-c', 'true']);
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!bash)('gives back the exact name when bash reads it, and is safe to print (property)', () => {
    const char = fc.oneof(
      fc.constantFrom(ESC, BEL, CSI_C1, RLO, ZWSP, "'", '\\', '"', '$', '`', ' ', '\n', '\t', '!', '*'),
      fc.integer({ min: 1, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    const names = fc
      .string({ unit: char, minLength: 1, maxLength: 12 })
      .filter((s) => !/[\ud800-\udfff]/u.test(s));
    fc.assert(
      fc.property(names, (name) => {
        const quoted = shellQuote(name);
        expect(safeText(quoted)).toBe(quoted);
        const back = execFileSync('bash', ['-c', `printf %s ${quoted}`], {
          encoding: 'utf8',
          env: { ...process.env, LC_ALL: 'C.UTF-8' },
        });
        expect(back).toBe(name);
      }),
      { numRuns: 40 },
    );
  });
});
