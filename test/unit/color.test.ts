// When output is coloured: the README's rules, one row each.
import { describe, expect, it } from 'vitest';
import { colorWanted } from '../../src/ui/color.js';

describe('colorWanted', () => {
  it.each([
    ['a terminal', true, {}, true, true],
    ['a pipe', true, {}, false, false],
    ['NO_COLOR on a terminal', true, { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR on a terminal', true, { NO_COLOR: '' }, true, true],
    ['TERM=dumb on a terminal', true, { TERM: 'dumb' }, true, false],
    ['--no-color on a terminal', false, {}, true, false],
    ['FORCE_COLOR=1 on a pipe', true, { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR= (empty) on a pipe', true, { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR=1 over NO_COLOR', true, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['FORCE_COLOR=1 over TERM=dumb', true, { FORCE_COLOR: '1', TERM: 'dumb' }, true, true],
    ['--no-color over FORCE_COLOR=1', false, { FORCE_COLOR: '1' }, true, false],
    ['FORCE_COLOR=0 on a terminal', true, { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', true, { FORCE_COLOR: 'false' }, true, false],
  ] as const)('%s: flag %s, env %j, tty %s → %s', (_, flag, env, isTTY, expected) => {
    expect(colorWanted({ flag, env, isTTY })).toBe(expected);
  });
});
