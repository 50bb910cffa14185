// The plain YAML journey writes (block maps and lists of one-line values, comment lines), read line by
// line several times faster than a general parser: a first index build reads a whole team's sessions.
// Anything outside that shape gives undefined, and the caller reads the text with readYaml, so a
// value from here is always the one readYaml would give (scalars are resolved by js-yaml's own types).
import { CORE_SCHEMA, type Type } from 'js-yaml';

/**
 * The implicit types of js-yaml's CORE_SCHEMA (null, bool, int, float), in the order its parser tries
 * them on a plain scalar; their types are not declared, hence the cast. Without them, nothing is
 * read here.
 */
const IMPLICIT = (CORE_SCHEMA as unknown as { implicit?: Type[] }).implicit;

// Characters js-yaml refuses (a stream it cannot read), tabs and carriage returns (whitespace rules
// this reader leaves to the general one), a byte order mark, and any surrogate.
const UNREADABLE = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x84\\x86-\\x9F\\uFFFE\\uFFFF';
const AWKWARD = new RegExp(`[\\t\\r\\uFEFF\\uD800-\\uDFFF${UNREADABLE}]`);
// Most files are printable ASCII and line breaks alone: one simple test spares them the one above.
const NOT_PLAIN_ASCII = /[^\n\x20-\x7E]/;
/** Character codes below 128 that are in `chars`: tested for a scalar's first character. */
const codes = (chars: string) => {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
};
// A plain scalar's first character may not be an indicator (a sign before a digit is resolved below).
const INDICATOR = codes('-?:,[]{}#&*!|>\'"%@` ');
// Only a scalar starting with one of these can be anything but text (null, a boolean, a number).
const MAYBE_NOT_TEXT = codes('-+.0123456789~nNtTfF');
// A plain key: a letter or _ first, then letters, digits, _ and -, up to 100 characters (tested by
// table, not a regular expression: a first index build reads some hundred keys a session).
const KEY_FIRST = codes('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_');
const KEY_REST = codes('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789-');
const KEY_MAX = 100;
const JSON_ESCAPES = /\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/;

/** Thrown inside the reader when the text is not of the plain shape; never escapes it. */
const NOT_PLAIN = Symbol('not plain');

/**
 * The text's lines that carry something, as numbers, not a string and an object each: where each one's
 * text starts (past its indent) and ends, and its indent. Kept from one file to the next and grown as
 * needed: a first index build reads a hundred lines in each of a team's sessions.
 */
let starts = new Int32Array(256);
let ends = new Int32Array(256);
let indents = new Int32Array(256);

/** The value of a document of the plain shape, whose root is a map; undefined for any other text. */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  if (!IMPLICIT || (NOT_PLAIN_ASCII.test(text) && AWKWARD.test(text))) return undefined;
  let count = 0;
  for (let from = 0; from < text.length; ) {
    const newline = text.indexOf('\n', from);
    const end = newline < 0 ? text.length : newline;
    let start = from;
    while (text.charCodeAt(start) === 32) start++;
    const indent = start - from;
    from = end + 1;
    // Blank and comment lines carry nothing outside block scalars, which this reader never meets.
    if (start === end || text.charCodeAt(start) === 35) continue;
    if (text.charCodeAt(end - 1) === 32) return undefined;
    if (count === starts.length) grow();
    starts[count] = start;
    ends[count] = end;
    indents[count] = indent;
    count++;
  }
  try {
    if (count === 0 || indents[0] !== 0) return undefined;
    const reader = new Reader(text, count);
    const value = reader.map(0);
    return reader.done() ? value : undefined;
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

function grow(): void {
  const more = (table: Int32Array) => {
    const bigger = new Int32Array(table.length * 2);
    bigger.set(table);
    return bigger;
  };
  starts = more(starts);
  ends = more(ends);
  indents = more(indents);
}

/** Whether the line's text starts with `- `, an item of a list (a line never ends in a space). */
const isItem = (text: string, line: number) =>
  text.charCodeAt(starts[line] as number) === 45 && text.charCodeAt((starts[line] as number) + 1) === 32;

class Reader {
  /** The line read next. */
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly count: number,
  ) {}

  done(): boolean {
    return this.at === this.count;
  }

  map(indent: number): Record<string, unknown> {
    const { text } = this;
    const out: Record<string, unknown> = {};
    for (let line = this.at; line < this.count && (indents[line] as number) >= indent; line = this.at) {
      if ((indents[line] as number) > indent) throw NOT_PLAIN;
      const start = starts[line] as number;
      const end = ends[line] as number;
      const colon = keyEnd(text, start, end);
      if (colon < 0) throw NOT_PLAIN;
      const key = keyAt(text, start, colon);
      // A duplicate key is an error for readYaml to word; __proto__ is special to js-yaml; a key that
      // reads as a null or a boolean (`True`, `NULL`) is not the text it looks like.
      if (key === '__proto__' || Object.hasOwn(out, key) || !isTextKey(key)) throw NOT_PLAIN;
      this.at++;
      out[key] = colon + 1 === end ? this.nested(indent) : this.inline(colon + 2, end, indent);
    }
    return out;
  }

  list(indent: number): unknown[] {
    const { text } = this;
    const out: unknown[] = [];
    for (let line = this.at; line < this.count && (indents[line] as number) >= indent; line = this.at) {
      if ((indents[line] as number) > indent || !isItem(text, line)) throw NOT_PLAIN;
      const rest = (starts[line] as number) + 2;
      if (keyEnd(text, rest, ends[line] as number) >= 0) {
        // `- key: value` opens a map whose keys line up with this first one.
        starts[line] = rest;
        indents[line] = indent + 2;
        out.push(this.map(indent + 2));
      } else {
        this.at++;
        out.push(this.inline(rest, ends[line] as number, indent));
      }
    }
    return out;
  }

  /** The block under a `key:` line: a map or list indented further, else null. */
  private nested(indent: number): unknown {
    const next = this.at;
    if (next === this.count || (indents[next] as number) < indent) return null;
    if (indents[next] === indent) {
      // A list written level with its key is valid YAML, but not this reader's shape.
      if (this.text.charCodeAt(starts[next] as number) === 45) throw NOT_PLAIN;
      return null;
    }
    return isItem(this.text, next) ? this.list(indents[next] as number) : this.map(indents[next] as number);
  }

  /** A one-line value; the line after it may not be indented further (a continued plain scalar). */
  private inline(start: number, end: number, indent: number): unknown {
    if (this.at < this.count && (indents[this.at] as number) > indent) throw NOT_PLAIN;
    return scalar(this.text.slice(start, end));
  }
}

/**
 * Where the colon of a `key: value` or `key:` line with a plain key is (the key is the text from
 * `start` to it, the value the text two after it up to `end`); -1 for any other line. A number, not a
 * pair: it is asked of every line of every session a first index build reads.
 */
function keyEnd(text: string, start: number, end: number): number {
  const colon = text.indexOf(':', start);
  if (colon < start + 1 || colon >= end) return -1;
  if (colon + 1 < end && text.charCodeAt(colon + 1) !== 32) return -1;
  return isPlainKey(text, start, colon) ? colon : -1;
}

/** Whether the text from `start` to `end` is a plain key. */
function isPlainKey(text: string, start: number, end: number): boolean {
  if (end - start > KEY_MAX || !KEY_FIRST[text.charCodeAt(start)]) return false;
  for (let i = start + 1; i < end; i++) {
    if (!KEY_REST[text.charCodeAt(i)]) return false;
  }
  return true;
}

/**
 * Keys met before, by length and first letter: a session repeats the same few dozen keys in every
 * entry, and the string kept here is given again instead of a new one for each line (which the map
 * would then look up among the property names anyway).
 */
const KEYS = new Map<number, string>();

/** The key from `start` to `end`: the one met before when it is the same, else a new one (kept). */
function keyAt(text: string, start: number, end: number): string {
  const slot = (end - start) * 128 + text.charCodeAt(start);
  const known = KEYS.get(slot);
  if (known !== undefined && text.startsWith(known, start)) return known;
  const key = text.slice(start, end);
  KEYS.set(slot, key);
  return key;
}

/** Whether a plain key reads as the text it is: only one whose first letter starts a null or a boolean may not. */
const isTextKey = (key: string) => !MAYBE_NOT_TEXT[key.charCodeAt(0)] || typeof scalar(key) === 'string';

function scalar(text: string): unknown {
  if (text === '[]') return [];
  if (text === '{}') return {};
  const first = text.charCodeAt(0);
  if (first === 34) return doubleQuoted(text);
  if (first === 39) return singleQuoted(text);
  if (INDICATOR[first] && !/^-[0-9.]/.test(text)) throw NOT_PLAIN;
  // A comment after the value, or a second key on the line: left to the general parser.
  // (One search for a colon: most answers hold none, and need no second look for ': '.)
  const colon = text.indexOf(':');
  if (colon >= 0 && (text.endsWith(':') || spaceBeside(text, ':', colon, 1))) throw NOT_PLAIN;
  if (spaceBeside(text, '#', text.indexOf('#'), -1)) throw NOT_PLAIN;
  if (!MAYBE_NOT_TEXT[first]) return text;
  // No null, boolean or number of the core schema holds a colon or a space (a time, a sentence).
  if (colon >= 0 || text.includes(' ')) return text;
  for (const type of IMPLICIT ?? []) {
    if (type.resolve(text)) return type.construct(text);
  }
  return text;
}

/**
 * Whether a space is beside any `char` of the text from its first place `from` (-1: none): just
 * before it (`side` -1, as in ` #`) or just after (`side` 1, as in `: `). A search for one character
 * and a look beside it: several times faster than a search for the pair, and every value of every
 * session a first index build reads is searched.
 */
function spaceBeside(text: string, char: string, from: number, side: -1 | 1): boolean {
  for (let i = from; i >= 0; i = text.indexOf(char, i + 1)) {
    if (text.charCodeAt(i + side) === 32) return true;
  }
  return false;
}

function doubleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith('"')) throw NOT_PLAIN;
  const inner = text.slice(1, -1);
  // An unescaped quote inside, or an escape JSON does not share with YAML.
  if (/(^|[^\\])(\\\\)*"/.test(inner) || JSON_ESCAPES.test(inner) || inner.endsWith('\\')) throw NOT_PLAIN;
  return JSON.parse(text) as string;
}

function singleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith("'")) throw NOT_PLAIN;
  const inner = text.slice(1, -1);
  if (inner.replaceAll("''", '').includes("'")) throw NOT_PLAIN;
  return inner.replaceAll("''", "'");
}
