// Which loop the next conversation with an account should be in, and why.
import type { Stage } from '../model/account.js';
import type { Loop } from '../model/loop.js';
import type { Session } from '../model/session.js';

export interface LoopSuggestion {
  loop: Loop;
  reason: string;
}

export function suggestLoop(
  sessions: readonly Session[],
  openLoopBacks = 0,
  stage: Stage = 'prospect',
): LoopSuggestion {
  if (openLoopBacks > 0) {
    const flags = openLoopBacks === 1 ? 'A loop-back flag is' : `${openLoopBacks} loop-back flags are`;
    return { loop: 'knowledge', reason: `${flags} open: go back and re-evaluate the problem with them.` };
  }
  if (stage === 'customer') {
    return { loop: 'results', reason: 'They are a customer: check the results they are getting.' };
  }
  const complete = sessions.filter((s) => s.status === 'complete');
  const last = complete.at(-1);
  if (!last) {
    return sessions.length === 0
      ? {
          loop: 'knowledge',
          reason: 'A new account starts in the Knowledge loop: understand the problem first.',
        }
      : { loop: 'knowledge', reason: 'No session is complete yet, so the problem is not understood yet.' };
  }
  switch (last.loop) {
    case 'knowledge':
      return {
        loop: 'options',
        reason: 'The last session completed the Knowledge loop: weigh the options next.',
      };
    case 'options':
      return {
        loop: 'options',
        reason: 'They are still weighing options (run --loop results once the sale is made).',
      };
    case 'results':
      return { loop: 'results', reason: 'They are a customer: check the results they are getting.' };
  }
}
