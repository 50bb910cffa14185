// Answer text inside a markdown note: whatever a prospect said, it stays text. Headings, rules,
// lists, quotes, code, tables, HTML, links and emphasis in it are escaped, and so is what note tools
// add to markdown (math, Obsidian comments, highlights, block ids and inline fields), so that the
// note's structure is only ever the one we wrote. Invisible characters are dropped.

/**
 * Punctuation markdown reads as syntax anywhere in a line (emphasis, code, links, HTML, headings,
 * tables, strikethrough, entities, e-mail autolinks, `$` math, `^` block ids), and a colon before
 * anything but a space (web addresses, directives like `:name`, `::` inline fields); CommonMark lets
 * us escape each one. One pass, so no escape is itself escaped.
 */
const SYNTAX = /[\\`*_[\]<>#|~&@$^]|:(?=\S)|(?<=:):/g;

/** Markup only in runs: `%%` comments and `==` highlights (Obsidian). */
const RUNS = /%{2,}|={2,}/g;

/** A bare `www.` address becomes a link (GFM autolinks; markdownlint MD034). */
const WEB = /(www)\./gi;

/**
 * Characters that change how text shows without being seen: zero-width spaces and joiners, the
 * byte-order mark, invisible operators, and bidirectional marks, embeddings, overrides and isolates.
 */
const INVISIBLE = /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * Zero-width (non-)joiners shape some scripts and join emoji sequences: kept between two characters
 * that need them (letters outside ASCII, marks, emoji), dropped anywhere else.
 */
const JOINABLE = String.raw`(?:[\p{Extended_Pictographic}\p{M}\u{1F3FB}-\u{1F3FF}\uFE0F]|[^\P{L}\p{ASCII}])`;
const STRAY_JOINER = new RegExp(`(?<!${JOINABLE})[\u200C\u200D]|[\u200C\u200D](?!${JOINABLE})`, 'gu');

/**
 * Control characters (but tab and newline) have no place in a note: C0, DEL and C1 (U+009B starts
 * a terminal's control sequence when a note is printed to one, as `journey export` does by default).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * Any character cleanText changes: a carriage return, a tab, a control, invisible or joining
 * character. Most answers hold none, and one scan for them is cheaper than five replacements.
 */
const UNCLEAN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** Normalises line ends, removes control characters and tabs, and drops invisible characters. */
export function cleanText(text: string): string {
  if (!UNCLEAN.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, ' ')
    .replace(/\t/g, '  ')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '');
}

/** One line of inline text: escaped, no line breaks, no leading or trailing spaces. */
export function inline(text: string): string {
  const clean = cleanText(text);
  const line = (clean.includes('\n') ? clean.replace(/\s*\n\s*/g, ' ') : clean).trim();
  return line === '' ? '(blank)' : escapeLine(line);
}

/** Any character SYNTAX or RUNS may match: a line without one is left to the cheaper rules. */
const MARKUP = /[\\`*_[\]<>#|~&@$^:%=]/;

function escapeLine(line: string): string {
  const marked = MARKUP.test(line)
    ? line.replace(SYNTAX, '\\$&').replace(RUNS, (run) => run.replace(/./g, '\\$&'))
    : line;
  return (
    marked
      .replace(WEB, '$1\\.')
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
