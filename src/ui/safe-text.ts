// The one way text that came from a user or a file reaches the terminal: control characters are
// shown as visible symbols (an escape sequence in a contact's name cannot clear the screen or retitle
// the window), and bidi controls and zero-width characters, which can make text read differently
// from what it is, are dropped.

// C0 controls but tab and newline, DEL, and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates, marks, and zero-width spaces and joiners but ZWJ (emoji).
const INVISIBLE = /[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Text as it may be printed: one line unless `multiline`, every control character visible. */
export function safeText(text: string, options: { multiline?: boolean } = {}): string {
  const visible = text
    .replace(/\r\n/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, (c) => picture(c));
  return options.multiline ? visible : visible.replace(/\r?\n/g, ' ');
}

/** The Unicode "control picture" for a control character (␛ for ESC), else a \xNN escape. */
function picture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `\\x${code.toString(16).padStart(2, '0')}`;
}
