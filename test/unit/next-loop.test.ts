import { describe, expect, it } from 'vitest';
import { suggestLoop } from '../../src/journey/next-loop.js';
import type { Session } from '../../src/model/session.js';

const s = (loop: Session['loop'], status: Session['status'] = 'complete') => ({ loop, status }) as Session;

describe('the natural next loop', () => {
  it.each([
    ['a new account', [], 0, 'prospect', 'knowledge', /new account/],
    ['after Knowledge', [s('knowledge')], 0, 'prospect', 'options', /weigh the options/],
    ['still weighing', [s('knowledge'), s('options')], 0, 'prospect', 'options', /still weighing/],
    [
      'open loop-back flags',
      [s('knowledge'), s('options')],
      2,
      'prospect',
      'knowledge',
      /2 loop-back flags are open/,
    ],
    ['a customer', [s('knowledge'), s('options')], 0, 'customer', 'results', /customer/],
    ['a customer with an open flag', [s('results')], 1, 'customer', 'knowledge', /A loop-back flag is open/],
    [
      'nothing finished yet',
      [s('knowledge', 'in_progress')],
      0,
      'prospect',
      'knowledge',
      /No session is complete/,
    ],
  ] as const)('%s', (_name, sessions, flags, stage, loop, reason) => {
    const suggestion = suggestLoop(sessions as readonly Session[], flags, stage);
    expect(suggestion.loop).toBe(loop);
    expect(suggestion.reason).toMatch(reason);
  });
});
