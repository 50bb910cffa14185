import { describe, expect, it } from 'vitest';
import { suggestLoop } from '../../src/journey/next-loop.js';
import type { Session } from '../../src/model/session.js';

const statement = { question: 'problem_statement', role: 'problem_statement', answer: 'Slow onboarding' };
const s = (loop: Session['loop'], status: Session['status'] = 'complete', entries: unknown[] = []) =>
  ({ loop, status, entries, revisits: [] }) as unknown as Session;
const k = () => s('knowledge', 'complete', [statement]);

describe('the natural next loop', () => {
  it.each([
    ['a new account', [], 0, 'prospect', 'knowledge', /new deal/],
    ['after a Knowledge call that agreed the problem', [k()], 0, 'prospect', 'options', /weigh the options/],
    [
      'after a Knowledge call that did not agree the problem',
      [s('knowledge')],
      0,
      'prospect',
      'knowledge',
      /No problem statement is agreed yet/,
    ],
    ['still weighing', [k(), s('options')], 0, 'prospect', 'options', /still weighing/],
    ['open loop-back flags', [k(), s('options')], 2, 'prospect', 'knowledge', /2 loop-back flags are open/],
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

  it('stays in Knowledge until the success measure has a baseline, when the banks ask for one', () => {
    const options = { baselineQuestion: 'baseline_now' };
    expect(suggestLoop([k()], 0, 'prospect', options)).toMatchObject({
      loop: 'knowledge',
      reason: /no baseline yet/,
    });
    const withBaseline = s('knowledge', 'complete', [statement, { question: 'baseline_now', answer: 56 }]);
    expect(suggestLoop([withBaseline], 0, 'prospect', options).loop).toBe('options');
  });

  it('tells a customer when the check-in is due', () => {
    expect(suggestLoop([], 0, 'customer', { nextCheckIn: '2026-03-01', today: '2026-03-05' }).reason).toMatch(
      /check-in is due \(2026-03-01\)/,
    );
    expect(suggestLoop([], 0, 'customer', { nextCheckIn: '2026-04-01', today: '2026-03-05' }).reason).toMatch(
      /next Results check-in is due on 2026-04-01/,
    );
  });
});
