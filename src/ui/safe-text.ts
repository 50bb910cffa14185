// The one way text that came from a user or a file reaches the terminal: control characters are
// shown as visible symbols (an escape sequence in a contact's name cannot clear the screen or retitle
// the window), and bidi controls and zero-width characters, which can make text read differently
// from what it is, are dropped. Styling comes after: sanitise the data, then colour it.

// The character classes, as regular-expression source so the sets below share them.
// C0 controls but tab and newline; DEL and the C1 controls (0x9b alone starts a CSI sequence).
const C0 = '\\u0000-\\u0008\\u000b-\\u001f';
const C1 = '\\u007f-\\u009f';
// Bidi embeddings, overrides, isolates and marks (and the deprecated shaping and swapping controls),
// zero-width spaces and invisible operators, the BOM, the Mongolian vowel separator and interlinear
// annotation marks. ZWJ (U+200D) and ZWNJ (U+200C) stay: emoji, Indic and Persian text need them.
const HIDDEN =
  '\\u061c\\u180e\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';
// Line and paragraph separators: line breaks to some programs, not to others.
const SEPARATORS = '\\u2028\\u2029';

const CONTROL = new RegExp(`[${C0}${C1}]`, 'g');
const INVISIBLE = new RegExp(`[${HIDDEN}]`, 'g');
const SEPARATOR = new RegExp(`[${SEPARATORS}]`, 'g');
/** Anything safeText changes on a single line. */
const UNSAFE = new RegExp(`[\\t\\n${C0}${C1}${HIDDEN}${SEPARATORS}]`);
/** What JSON.stringify leaves raw in strings (it escapes C0 controls itself; its line breaks are structure). */
const JSON_UNSAFE = new RegExp(`[${C1}${HIDDEN}${SEPARATORS}]`, 'g');

export interface SafeTextOptions {
  /** Keep line breaks (and tabs): for a block of text such as a note or a bank's description. */
  multiline?: boolean;
}

/**
 * Text as it may be printed: every control character visible (␛ for ESC, \x9b for a C1 control),
 * bidi controls and zero-width characters dropped, and on one line unless `multiline` (line breaks
 * and tabs become spaces). Printable text comes back unchanged, and safeText(safeText(x)) is
 * safeText(x), so sanitising twice is harmless.
 */
export function safeText(text: string, options: SafeTextOptions = {}): string {
  // Most text has nothing to change: one scan instead of five (a listing sanitises every cell).
  if (!UNSAFE.test(text)) return text;
  const visible = text
    .replace(/\r\n/g, '\n')
    .replace(INVISIBLE, '')
    .replace(SEPARATOR, '\n')
    .replace(CONTROL, picture);
  return options.multiline ? visible : visible.replace(/[\n\t]/g, ' ');
}

/** The Unicode "control picture" for a C0 control or DEL (␛ for ESC), else a \xNN escape. */
function picture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `\\x${code.toString(16)}`;
}

/**
 * JSON for the terminal or a pipe: the same value, with the characters safeText would change escaped
 * as \uXXXX. JSON.stringify escapes C0 controls itself but leaves DEL, C1 controls, bidi controls and
 * zero-width characters raw; they can only stand inside strings, so escaping them loses nothing.
 */
export function safeJson(value: unknown): string {
  // JSON.stringify gives undefined for undefined (and functions): print what JSON.parse would take.
  return (JSON.stringify(value, null, 2) ?? 'null').replace(JSON_UNSAFE, unicodeEscape);
}

/**
 * A word for a command line the rep can copy: bare when plain, in single quotes when it has spaces or
 * shell characters, and as $'…' with escapes when it holds characters that may not be printed raw,
 * so what is shown is both safe and the exact name.
 */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_./-]+$/.test(s)) return s;
  if (!UNSAFE.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  const escaped = [...s].map((c) => {
    if (c === "'" || c === '\\') return `\\${c}`;
    if (!UNSAFE.test(c)) return c;
    const code = c.charCodeAt(0);
    // $'\x9b' would be the byte 0x9b, not the character: above ASCII, only \u gives UTF-8.
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(c);
  });
  return `$'${escaped.join('')}'`;
}

/** \uXXXX, as JSON and $'…' read it. */
function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
