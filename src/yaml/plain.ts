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

interface Line {
  indent: number;
  text: string;
}

/** The value of a document of the plain shape, whose root is a map; undefined for any other text. */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  if (!IMPLICIT || (NOT_PLAIN_ASCII.test(text) && AWKWARD.test(text))) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    const text = raw.slice(indent);
    // Blank and comment lines carry nothing outside block scalars, which this reader never meets.
    if (text === '' || text.startsWith('#')) continue;
    if (text.endsWith(' ')) return undefined;
    lines.push({ indent, text });
  }
  try {
    const reader = new Reader(lines);
    if (lines[0]?.indent !== 0) return undefined;
    const value = reader.map(0);
    return reader.done() ? value : undefined;
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

class Reader {
  private at = 0;

  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.at === this.lines.length;
  }

  map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = this.lines[this.at]; line && line.indent >= indent; line = this.lines[this.at]) {
      if (line.indent > indent) throw NOT_PLAIN;
      const text = line.text;
      const colon = keyEnd(text);
      if (colon < 0) throw NOT_PLAIN;
      const key = text.slice(0, colon);
      // A duplicate key is an error for readYaml to word; __proto__ is special to js-yaml; a key that
      // reads as a null or a boolean (`True`, `NULL`) is not the text it looks like.
      if (key === '__proto__' || Object.hasOwn(out, key) || typeof scalar(key) !== 'string') throw NOT_PLAIN;
      this.at++;
      out[key] = colon + 1 === text.length ? this.nested(indent) : this.inline(text.slice(colon + 2), indent);
    }
    return out;
  }

  list(indent: number): unknown[] {
    const out: unknown[] = [];
    for (let line = this.lines[this.at]; line && line.indent >= indent; line = this.lines[this.at]) {
      if (line.indent > indent || !line.text.startsWith('- ')) throw NOT_PLAIN;
      const rest = line.text.slice(2);
      if (keyEnd(rest) > 0) {
        // `- key: value` opens a map whose keys line up with this first one.
        this.lines[this.at] = { indent: indent + 2, text: rest };
        out.push(this.map(indent + 2));
      } else {
        this.at++;
        out.push(this.inline(rest, indent));
      }
    }
    return out;
  }

  /** The block under a `key:` line: a map or list indented further, else null. */
  private nested(indent: number): unknown {
    const next = this.lines[this.at];
    if (!next || next.indent < indent) return null;
    if (next.indent === indent) {
      // A list written level with its key is valid YAML, but not this reader's shape.
      if (next.text.startsWith('-')) throw NOT_PLAIN;
      return null;
    }
    return next.text.startsWith('- ') ? this.list(next.indent) : this.map(next.indent);
  }

  /** A one-line value; the line after it may not be indented further (a continued plain scalar). */
  private inline(text: string, indent: number): unknown {
    const next = this.lines[this.at];
    if (next && next.indent > indent) throw NOT_PLAIN;
    return scalar(text);
  }
}

/**
 * Where the colon of a `key: value` or `key:` line with a plain key is (the key is the text before
 * it, the value the text two after it); -1 for any other line. A number, not a pair: it is asked of
 * every line of every session a first index build reads.
 */
function keyEnd(text: string): number {
  const colon = text.indexOf(':');
  if (colon < 1) return -1;
  if (colon + 1 < text.length && text.charCodeAt(colon + 1) !== 32) return -1;
  return isPlainKey(text, colon) ? colon : -1;
}

/** Whether the text's first `length` characters are a plain key. */
function isPlainKey(text: string, length: number): boolean {
  if (length > KEY_MAX || !KEY_FIRST[text.charCodeAt(0)]) return false;
  for (let i = 1; i < length; i++) {
    if (!KEY_REST[text.charCodeAt(i)]) return false;
  }
  return true;
}

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
  if (colon >= 0 && (text.endsWith(':') || text.includes(': ', colon))) throw NOT_PLAIN;
  if (text.includes(' #')) throw NOT_PLAIN;
  if (!MAYBE_NOT_TEXT[first]) return text;
  // No null, boolean or number of the core schema holds a colon or a space (a time, a sentence).
  if (colon >= 0 || text.includes(' ')) return text;
  for (const type of IMPLICIT ?? []) {
    if (type.resolve(text)) return type.construct(text);
  }
  return text;
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
