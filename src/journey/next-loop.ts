// Which loop the next conversation should be in, and why: from the state of the deal, not from one
// completed session. Understanding is a gradual evolution: Knowledge until the problem statement is
// agreed and the success measure has a baseline; open loop-backs send it back there; a customer
// gets a Results check-in.
import type { BankOutline } from '../bank/outline.js';
import type { Account, Stage } from '../model/account.js';
import type { Loop } from '../model/loop.js';
import type { Entry, Session } from '../model/session.js';
import { allEntries, stageOf } from './background.js';
import { bankInUse } from './bank-in-use.js';
import { dueItem } from './due.js';
import { openFlagsOf } from './flags.js';

export interface LoopSuggestion {
  loop: Loop;
  reason: string;
}

export interface NextLoopOptions {
  /** The Knowledge question whose answer is the success measure's baseline, when the banks have one. */
  baselineQuestion?: string | undefined;
  /** For a customer: when the next check-in is due (YYYY-MM-DD), and today. */
  nextCheckIn?: string | null | undefined;
  today?: string | undefined;
}

export function suggestLoop(
  sessions: readonly Session[],
  openLoopBacks = 0,
  stage: Stage = 'prospect',
  options: NextLoopOptions = {},
): LoopSuggestion {
  if (openLoopBacks > 0) {
    const flags = openLoopBacks === 1 ? 'A loop-back flag is' : `${openLoopBacks} loop-back flags are`;
    return { loop: 'knowledge', reason: `${flags} open: go back and re-evaluate the problem with them.` };
  }
  if (stage === 'customer') return { loop: 'results', reason: checkInReason(options) };
  if (sessions.length === 0) {
    return {
      loop: 'knowledge',
      reason: 'A new deal starts in the Knowledge loop: understand the problem first.',
    };
  }
  const complete = sessions.filter((s) => s.status === 'complete');
  if (complete.length === 0) {
    return { loop: 'knowledge', reason: 'No session is complete yet, so the problem is not understood yet.' };
  }
  const answered = complete.flatMap((s) => allEntries(s)).filter((e: Entry) => e.answer !== undefined);
  if (!answered.some((e) => e.role === 'problem_statement')) {
    return {
      loop: 'knowledge',
      reason:
        'No problem statement is agreed yet: stay in the Knowledge loop until you can write one down together.',
    };
  }
  const { baselineQuestion } = options;
  if (baselineQuestion && !answered.some((e) => e.question === baselineQuestion)) {
    return {
      loop: 'knowledge',
      reason:
        'The problem statement is agreed, but the success measure has no baseline yet: quantify it before weighing options.',
    };
  }
  if (complete.some((s) => s.loop === 'options')) {
    return {
      loop: 'options',
      reason: 'They are still weighing options (journey won once the sale is made).',
    };
  }
  return {
    loop: 'options',
    reason: 'The problem statement is agreed and its measure known: weigh the options next.',
  };
}

function checkInReason({ nextCheckIn, today }: NextLoopOptions): string {
  if (!nextCheckIn || !today) return 'They are a customer: check the results they are getting.';
  if (nextCheckIn <= today) return `They are a customer and a Results check-in is due (${nextCheckIn}).`;
  return `They are a customer: the next Results check-in is due on ${nextCheckIn}.`;
}

/**
 * The next loop for one deal (or an account's whole history), as start and prep both say it: its
 * open loop-backs, its stage, whether its Knowledge bank asks for a baseline, and for a customer
 * the check-in they booked.
 */
export function nextLoopOf(deal: Account, outlines: readonly BankOutline[], now: Date): LoopSuggestion {
  return nextLoopWith(deal, bankInUse(deal.sessions, 'knowledge', outlines), now);
}

/** The same, with the Knowledge bank the deal uses already found. */
export function nextLoopWith(deal: Account, knowledge: BankOutline | undefined, now: Date): LoopSuggestion {
  const today = now.toISOString().slice(0, 10);
  return suggestLoop(deal.sessions, openFlagsOf(deal).length, stageOf(deal.sessions, deal.records), {
    baselineQuestion: knowledge?.questions.find((q) => q.role === 'success_baseline')?.id,
    nextCheckIn: dueItem({ account: deal.name, sessions: deal.sessions, records: deal.records }, today)?.next,
    today,
  });
}
