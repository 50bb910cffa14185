// The one way commands print: results to stdout, warnings and progress to stderr.

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
  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  },
};
