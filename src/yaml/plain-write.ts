// The plain YAML journey writes (block maps and lists of one-line values), written without the `yaml`
// package: a session is written at the end of every run, and setting the package up costs more than
// the writing. It gives exactly the text toYaml gives (yaml.stringify with no line wrapping, no
// anchors), or nothing for a value outside what it knows (a text over two lines, a list in a list, a
// key or a character whose quoting it is not sure of), and toYaml writes that one.

/** Thrown inside the writer when a value is not of the plain shape; never escapes it. */
const NOT_PLAIN = Symbol('not plain');

// A key written as it is: a letter or _ first, then letters, digits, _ and -, up to 100 characters
// (what the plain reader reads); keys that read as a null or a boolean are left to the package.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
// Characters the package escapes or that YAML treats as breaks or spaces (tabs, line breaks, control
// characters, the byte order mark, line and paragraph separators) and every surrogate: left to it.
const CONTROL = '\\x00-\\x1F\\x7F-\\x9F';
const AWKWARD = new RegExp(`[${CONTROL}\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF\\uD800-\\uDFFF]`);
// A one-line text the package does not write plain (its own test, less the parts about line breaks):
// an indicator first, `-` or `?` alone or before a space, `: ` or ` #` inside, a space or `:` last.
const NEEDS_QUOTES = /^[ ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-] |: | #|[ :]$/;
// A text that starts like a document marker: the package treats it apart in places, so it writes it.
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
// Texts that read as something else under YAML 1.2's core schema (the package's own tests): null,
// a boolean, an integer (decimal, octal, hexadecimal), a float, infinity or not-a-number.
const NOT_TEXT = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
// Only a text starting with one of these can match NOT_TEXT: most texts are spared the eight tests.
const MAYBE_NOT_TEXT = /^(?:$|[-+.0-9~nNtTfF])/;

/**
 * Texts YAML 1.2's core schema reads as text, so the package writes them plain, but journey's
 * reader (js-yaml's core schema, and yaml/plain.ts, held to it) reads as integers: binary ones, and
 * hexadecimal or octal ones with a sign. A rep's answer "0b1" came back as 1. Both writers quote them.
 */
export const READ_AS_NUMBER = /^(?:[-+]?0b[01]+|[-+]0x[0-9a-fA-F]+|[-+]0o[0-7]+)$/;

/** A file's text as journey writes every file: a comment line saying what it is, then the data. */
export function withHeader(header: string | undefined, text: string): string {
  return header ? `# ${header}\n${text}` : text;
}

/** The text of a map as toYaml writes it (without a header), or undefined outside the plain shape. */
export function writePlainYaml(value: unknown): string | undefined {
  try {
    const lines: string[] = [];
    if (!isPlainObject(value) || !mapLines(value, '', lines)) return undefined;
    lines.push('');
    return lines.join('\n');
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

/**
 * The lines of a map's pairs at this indent; false for a map with no pairs (written `{}`). `first`
 * is what the first line starts with instead of the indent (`- ` for a map in a list).
 */
function mapLines(map: Record<string, unknown>, indent: string, lines: string[], first = indent): boolean {
  let written = false;
  for (const key of Object.keys(map)) {
    const value = map[key];
    // The package leaves out a pair whose value is undefined.
    if (value === undefined) continue;
    if (!PLAIN_KEY.test(key) || !isText(key)) throw NOT_PLAIN;
    const start = `${written ? indent : first}${key}:`;
    written = true;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${start} []`);
      else {
        lines.push(start);
        listLines(value, `${indent}  `, lines);
      }
    } else if (isPlainObject(value)) {
      const at = lines.length;
      lines.push(start);
      if (!mapLines(value, `${indent}  `, lines)) lines[at] = `${start} {}`;
    } else {
      lines.push(`${start} ${scalar(value)}`);
    }
  }
  return written;
}

function listLines(list: readonly unknown[], indent: string, lines: string[]): void {
  for (const item of list) {
    if (Array.isArray(item)) {
      // A list in a list is not journey's shape: the package writes it.
      if (item.length > 0) throw NOT_PLAIN;
      lines.push(`${indent}- []`);
    } else if (isPlainObject(item)) {
      if (!mapLines(item, `${indent}  `, lines, `${indent}- `)) lines.push(`${indent}- {}`);
    } else {
      // The package writes an undefined item as null, but journey never writes one.
      if (item === undefined) throw NOT_PLAIN;
      lines.push(`${indent}- ${scalar(item)}`);
    }
  }
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // The package writes these its own way (-0, .inf, .nan).
    if (!Number.isFinite(value) || Object.is(value, -0)) throw NOT_PLAIN;
    return JSON.stringify(value);
  }
  if (typeof value !== 'string' || AWKWARD.test(value) || DOCUMENT_MARKER.test(value)) throw NOT_PLAIN;
  if (isText(value) && !NEEDS_QUOTES.test(value) && !READ_AS_NUMBER.test(value)) return value;
  // Quoted as the package quotes: single quotes around a text with a double quote and no single
  // one, else double quotes (with only `"` and `\` escaped, as AWKWARD leaves nothing else to escape).
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/** Whether a plain scalar of this text reads back as the text (not as a null, a boolean or a number). */
function isText(text: string): boolean {
  return !MAYBE_NOT_TEXT.test(text) || !NOT_TEXT.some((test) => test.test(text));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
