// Whether output is coloured: a terminal's is, unless NO_COLOR, TERM=dumb or --no-color says not;
// FORCE_COLOR (set and not 0 or false, as chalk and Node read it) turns it on anywhere, over NO_COLOR
// and TERM=dumb, and FORCE_COLOR=0 turns it off; --no-color wins over everything. Every command sets
// it before it runs, so this module loads chalk and nothing else of ours.
import chalk from 'chalk';

export interface ColorInput {
  /** False when --no-color was given. */
  flag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
}

export function colorWanted(input: ColorInput): boolean {
  if (!input.flag) return false;
  const force = input.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force);
  if (input.env.NO_COLOR) return false;
  if (input.env.TERM === 'dumb') return false;
  return input.isTTY;
}

/** Turns colour on or off for everything rendered from here on. */
export function setColor(enabled: boolean): void {
  const force = process.env.FORCE_COLOR;
  const forced =
    force !== undefined && !['0', 'false'].includes(force) && !process.argv.includes('--no-color');
  chalk.level = enabled || forced ? (Math.max(chalk.level, 1) as 1 | 2 | 3) : 0;
}
