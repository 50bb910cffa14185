// Answer text inside a markdown note: whatever a prospect said, it stays text. Headings, rules,
// lists, quotes, code, tables, HTML, links and emphasis in it are escaped so that the note's
// structure is only ever the one we wrote.

/**
 * Punctuation markdown reads as syntax anywhere in a line (emphasis, code, links, HTML, headings,
 * tables, strikethrough, entities, e-mail autolinks); CommonMark lets us escape each one.
 */
const SYNTAX = /[\\`*_[\]<>#|~&@]/g;

/** Control characters (but tab and newline) have no place in a note. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0085\u2028\u2029]/g;

/** Normalises line ends and removes control characters and tabs. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, ' ').replace(/\t/g, '  ');
}

/** One line of inline text: escaped, no line breaks, no leading or trailing spaces. */
export function inline(text: string): string {
  const line = cleanText(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return line === '' ? '(blank)' : escapeLine(line);
}

function escapeLine(line: string): string {
  return (
    line
      .replace(SYNTAX, '\\$&')
      // A web address would become a link.
      .replace(/:\/\//g, '\\://')
      // At the start of a line: a list item, a setext underline, or an ordered list.
      .replace(/^[-+=]/, '\\$&')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/**
 * Multi-line text as the lines of a paragraph (or several, where it had blank lines), each line
 * escaped and stripped of leading spaces (which could start a code block).
 */
export function block(text: string): string[] {
  const lines = cleanText(text)
    .split('\n')
    .map((l) => escapeLine(l.trim()));
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out.at(-1) === '')) continue;
    out.push(line);
  }
  while (out.at(-1) === '') out.pop();
  return out.length > 0 ? out : ['(empty)'];
}

/** A table cell: one line, pipes escaped with everything else. */
export function cell(text: string): string {
  return inline(text);
}
