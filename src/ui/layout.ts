// Where text goes on a terminal: its width, columns padded by display width (a CJK character or an
// emoji takes two cells, a combining accent none) and lines wrapped at word boundaries.
import { stripVTControlCharacters } from 'node:util';

/**
 * `string-width`, loaded only when some text to lay out needs it: it costs tens of milliseconds to
 * load (Unicode tables, a grapheme segmenter), more than a whole listing.
 */
let stringWidth: ((text: string) => number) | undefined;

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

/**
 * Characters whose width only `string-width` knows: East Asian wide and fullwidth forms, emoji and
 * joined emoji.
 */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u200d]|[\u{1f000}-\u{1faff}\u{20000}-\u{3fffd}]|\p{Extended_Pictographic}/u;

/**
 * The scripts the fallback counts exactly as `string-width` does, a cell per character and none per
 * combining mark: Latin, Greek, Cyrillic, Armenian and Hebrew, with punctuation, currency and
 * letter-like signs. Elsewhere (Devanagari and other scripts whose vowel signs take a cell, Bengali
 * conjuncts that take one for three characters, Arabic, Thai...) string-width is loaded to measure.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: controls count for nothing, as string-width says
const COUNTED = /^[\u0000-\u058f\u0591-\u05f4\u1e00-\u1fff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]*$/;

/** Makes display widths exact for these texts: loads `string-width` when any needs it. */
export async function widthsReady(texts: Iterable<string>): Promise<void> {
  if (stringWidth) return;
  for (const text of texts) {
    if (needsStringWidth(text)) {
      stringWidth = (await import('string-width')).default;
      return;
    }
  }
}

/** Whether only `string-width` measures this text right: anything else the fallback counts exactly. */
export function needsStringWidth(text: string): boolean {
  return !PRINTABLE_ASCII.test(text) && (WIDE.test(text) || !COUNTED.test(text));
}

/** What text is wrapped to when stdout is not a terminal (a pipe, a file, a test). */
export const DEFAULT_WIDTH = 80;

/** Never wrap narrower than this: a very narrow terminal wraps words one per line otherwise. */
const NARROWEST = 20;

/**
 * The terminal's width in cells; when stdout is not a terminal, COLUMNS if set (as most tools read
 * it: a pager, a script that wants long lines), else DEFAULT_WIDTH.
 */
export function terminalWidth(
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const columns = stream.isTTY ? stream.columns : Number(env.COLUMNS) || undefined;
  return columns && columns > 0 ? Math.max(columns, NARROWEST) : DEFAULT_WIDTH;
}

/** Cells a string takes on a terminal; colour codes take none. */
export function displayWidth(text: string): number {
  // Printable ASCII holds no escape (colour codes start with ESC or CSI): a cell per character, as
  // is, without the escape-stripping scan (a table measures every cell, a listing thousands).
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const plain = stripVTControlCharacters(text);
  if (PRINTABLE_ASCII.test(plain)) return plain.length;
  return stringWidth ? stringWidth(plain) : countedWidth(plain);
}

/**
 * The cells of text in the scripts the fallback counts (widthsReady found nothing else): a cell per
 * character, none for a combining mark, a control or a format character, or one a terminal ignores
 * (Default_Ignorable_Code_Point: U+2065, unassigned, among them).
 */
export function countedWidth(plain: string): number {
  let cells = 0;
  for (const ch of plain) if (!/[\p{M}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(ch)) cells++;
  return cells;
}

/** `text` padded with spaces to `width` cells (never cut). */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC
const SGR = /\u001b\[[0-9;]*m/g;
const RESET = '\u001b[0m';

/**
 * One line wrapped at spaces to `width` cells. Continuation lines start at the line's own indent
 * (its leading spaces), or at `hang` cells when given (a label column). Colour that spans a break is
 * closed at the end of the line and opened again on the next one. A word wider than the line is
 * left whole.
 */
export function wrapLine(line: string, width: number, hang?: number): string {
  if (displayWidth(line) <= width) return line;
  const plain = stripVTControlCharacters(line);
  const own = plain.length - plain.trimStart().length;
  const lead = Math.max(0, Math.min(hang ?? own, width - NARROWEST));
  const pad = ' '.repeat(lead);
  const lines: string[] = [];
  let current = '';
  let column = 0;
  let started = false; // a visible word is on the current line
  let continuation = false;
  let codes = ''; // every colour code so far: replayed in order, they restore the style
  line.split(' ').forEach((word, i) => {
    const cells = displayWidth(word);
    if (cells > 0 && started && column + 1 + cells > width) {
      lines.push(current + (codes ? RESET : ''));
      current = pad + codes;
      column = lead;
      started = false;
      continuation = true;
    }
    // Spaces at a break are dropped; on the first line they stay as written.
    const separator = i === 0 || (continuation && !started) ? '' : ' ';
    current += separator + word;
    column += separator.length + cells;
    if (cells > 0) started = true;
    codes += (word.match(SGR) ?? []).join('');
  });
  lines.push(current);
  return lines.join('\n');
}

/** Every line of `text` wrapped to `width`, each keeping its own indent. */
/** Prose for the rep, wrapped between words to the terminal's width. */
export function wrapToTerminal(text: string): string {
  return wrapText(text, terminalWidth());
}

export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}
