// The interview runner: asks the open questions through a prompt adapter, reviews answers for
// loop-backs and tips, and saves after every change. Interactive and scripted interviews are this
// same loop with different adapters.
import type { ConditionRuntimeError } from '../bank/conditions.js';
import type { Question } from '../model/question.js';
import type { Flag, Session } from '../model/session.js';
import { NO_BACKGROUND } from './background.js';
import {
  answersOf,
  completeMeasure,
  completeSession,
  entryFor,
  isOpen,
  knownMeasure,
  nextQuestion,
  questionBefore,
  recordAnswer,
} from './interview.js';
import type { AskContext, Outcome, RunOptions } from './port.js';
import { flagsRestated, recordRestatement } from './restate.js';
import {
  applyShift,
  fireRules,
  manualFlag,
  movedByThreshold,
  nothingRaised,
  type Raised,
  type ReviewInput,
  shiftOf,
} from './review.js';
import { reevaluate } from './revisit.js';
import { sideReply } from './side-reply.js';
import { addWarning } from './warnings.js';

export async function runInterview(options: RunOptions): Promise<{ session: Session; outcome: Outcome }> {
  const { bank, prompts, save, clock } = options;
  const background = options.background ?? NO_BACKGROUND;
  let session = options.session;
  let revisiting: Question | undefined;
  /** Answered since the last review: reviewed once their follow-ups are done. */
  let pending: Question[] = [];

  const review = (): ReviewInput => ({
    bank,
    session,
    background,
    knowledge: options.knowledge,
    now: clock(),
  });
  const conditionFailed = (error: ConditionRuntimeError) => {
    const before = session.warnings.length;
    session = addWarning(session, error.message, clock());
    if (session.warnings.length > before) prompts.show({ kind: 'warning', text: error.message });
  };

  // Raised items are shown at once; a loop-back may re-evaluate the problem before going on.
  const show = async (raised: Raised): Promise<Outcome | undefined> => {
    for (const text of raised.warnings) prompts.show({ kind: 'warning', text });
    for (const tip of raised.tips) prompts.show({ kind: 'tip', tip });
    for (const shift of raised.shifts) prompts.show({ kind: 'shift', shift });
    for (const flag of raised.flags) {
      const outcome = await decide(flag);
      if (outcome) return outcome;
    }
    return restate();
  };
  const decide = async (flag: Flag): Promise<Outcome | undefined> => {
    prompts.show({ kind: 'flag', flag });
    const decision = await prompts.decideFlag(flag);
    if (decision === 'cancel') return 'cancelled';
    if (decision === 'defer') return undefined;
    const result = await reevaluate({ ...options, background, session, flag });
    session = result.session;
    return result.outcome;
  };
  // A restated problem resolves the open flags whose questions were asked again: say which.
  const restate = async (): Promise<Outcome | undefined> => {
    const resolved = flagsRestated(session, background);
    if (resolved.length === 0) return undefined;
    session = recordRestatement(session, resolved, clock());
    await save(session);
    prompts.show({ kind: 'resolved', flags: resolved });
    return undefined;
  };

  /** Shifts of the answers waiting for review, then the rules that are ready. */
  const reviewPending = async (final: boolean): Promise<Outcome | undefined> => {
    const before = session;
    const raised = nothingRaised();
    for (const q of pending) {
      const shift = shiftOf(review(), q);
      if (!shift || shift.verdict === 'same') continue;
      let moved = shift.verdict === 'moved';
      if (shift.verdict === 'unsure') {
        const verdict = prompts.judgeShift
          ? await prompts.judgeShift(q, shift.before, shift.after)
          : movedByThreshold(review(), q, shift.before, shift.after)
            ? 'moved'
            : 'reworded';
        if (verdict === 'cancel') return 'cancelled';
        moved = verdict === 'moved';
        const at = clock().toISOString();
        session = {
          ...session,
          judgements: [
            ...session.judgements,
            { question: q.id, before: shift.before, after: shift.after, verdict, at },
          ],
        };
      }
      if (moved) session = applyShift(review(), session, q, shift.before, shift.after, raised);
    }
    pending = [];
    session = fireRules(review(), raised, final);
    if (session !== before) await save(session);
    return show(raised);
  };

  /** After an answer: review now, unless the question's own follow-ups come next. */
  const settle = async (question?: Question): Promise<Outcome | undefined> => {
    if (question) {
      pending.push(question);
      await save(session);
    }
    const next = nextQuestion(bank, session, background, conditionFailed);
    if (next?.parent !== undefined && revisiting === undefined) return undefined;
    return reviewPending(false);
  };

  let stop = await settle();
  for (;;) {
    if (stop) return { session, outcome: stop };
    const question = revisiting ?? nextQuestion(bank, session, background, conditionFailed);
    if (!question) {
      stop = await reviewPending(true);
      if (stop) return { session, outcome: stop };
      session = completeSession(session, clock());
      await save(session);
      return { session, outcome: 'complete' };
    }
    const reply = await prompts.ask(question, askContext(options, session, question));
    switch (reply.kind) {
      case 'answer':
      case 'skip': {
        if (reply.kind === 'skip' && question.required && !options.lenient) {
          prompts.show({
            kind: 'warning',
            text: 'This one is required: get an answer, or /save and come back to it.',
          });
          break;
        }
        const value =
          reply.kind === 'answer' ? completeMeasure(question, reply.value, background) : undefined;
        let heard: string[] = [];
        if (value !== undefined && question.cues.length > 0 && prompts.tickCues) {
          const ticked = await prompts.tickCues(question);
          if (ticked === 'cancel') return { session, outcome: 'cancelled' };
          heard = ticked;
        }
        revisiting = undefined;
        session = recordAnswer(bank, session, question, value, clock(), background, heard);
        stop = await settle(question);
        break;
      }
      case 'back': {
        const before = questionBefore(session, revisiting?.id);
        const target = before ? bank.byId.get(before) : undefined;
        if (target) revisiting = target;
        else
          prompts.show({ kind: 'info', text: 'This is the first question: there is nothing to go back to.' });
        break;
      }
      case 'note':
      case 'why':
      case 'save':
      case 'cancel': {
        const handled = await sideReply(reply, question, session, options);
        session = handled.session;
        if (handled.outcome) return { session, outcome: handled.outcome };
        break;
      }
      case 'flag': {
        const flag = manualFlag(session, reply.text, options.knowledge, clock());
        session = { ...session, flags: [...session.flags, flag], updated: flag.at };
        await save(session);
        stop = await decide(flag);
        if (!stop) stop = await restate();
        break;
      }
    }
  }
}

function askContext(options: RunOptions, session: Session, question: Question): AskContext {
  const { bank } = options;
  const background = options.background ?? NO_BACKGROUND;
  const answers = answersOf(session);
  const open = bank.all.filter((q) => isOpen(bank, q, answers, background));
  const index = open.findIndex((q) => q.id === question.id);
  return {
    position: index < 0 ? session.entries.length + 1 : index + 1,
    total: Math.max(open.length, index + 1),
    previous: entryFor(session, question.id)?.answer,
    canGoBack:
      questionBefore(session, entryFor(session, question.id) ? question.id : undefined) !== undefined,
    ...(question.type === 'measure' ? { measure: knownMeasure(question, background) } : {}),
  };
}
