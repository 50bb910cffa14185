// The one way commands print: results to stdout, warnings and progress to stderr. Lines come here
// already safe: the renderers pass every user or file string through safeText before styling it
// (./safe-text.ts), since a styled line can no longer tell our colour codes from someone else's.
import { safeJson } from './safe-text.js';

export const output = {
  /** Text exactly as given (an exported note), with no newline added. */
  write(text: string): void {
    process.stdout.write(text);
  },
  out(text: string): void {
    process.stdout.write(`${text}\n`);
  },
  err(text: string): void {
    process.stderr.write(`${text}\n`);
  },
  /** JSON with control, bidi and zero-width characters escaped (\uXXXX): the same value, safe to show. */
  json(value: unknown): void {
    process.stdout.write(`${safeJson(value)}\n`);
  },
};
