// Whether output is coloured: a terminal's is, unless NO_COLOR, TERM=dumb or --no-color says not;
// FORCE_COLOR (set and not 0 or false, as chalk and Node read it) turns it on anywhere, over NO_COLOR
// and TERM=dumb, and FORCE_COLOR=0 turns it off; --no-color wins over everything.

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
