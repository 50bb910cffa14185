// The interview runner: asks the open questions through a prompt adapter, reviews each answer for
// loop-backs and tips, and saves after every change. Interactive and scripted interviews are this
// same loop with different adapters.

import type { QuestionBank } from '../bank/bank.js';
import type { Question } from '../model/question.js';
import type { Flag, Session } from '../model/session.js';
import { type Background, NO_BACKGROUND } from './background.js';
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
import { manualFlag, type Raised, reviewAnswer, reviewAtEnd } from './review.js';
import { reevaluate } from './revisit.js';
import { sideReply } from './side-reply.js';

export async function runInterview(options: RunOptions): Promise<{ session: Session; outcome: Outcome }> {
  const { bank, prompts, save, clock } = options;
  const background = options.background ?? NO_BACKGROUND;
  const review = (session: Session) => ({
    bank,
    session,
    background,
    knowledge: options.knowledge,
    now: clock(),
  });
  let session = options.session;
  let revisiting: Question | undefined;

  // Raised items are shown at once; a loop-back may re-evaluate the problem before going on.
  const handle = async (raised: Raised): Promise<Outcome | undefined> => {
    for (const tip of raised.tips) prompts.show({ kind: 'tip', tip });
    for (const shift of raised.shifts) prompts.show({ kind: 'shift', shift });
    for (const flag of raised.flags) {
      const outcome = await decide(flag);
      if (outcome) return outcome;
    }
    return undefined;
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
  const settle = async (next: Session, question?: Question): Promise<Outcome | undefined> => {
    const reviewed = reviewAnswer(review(next), question);
    const changed = reviewed.session !== session;
    session = reviewed.session;
    if (changed) await save(session);
    return handle(reviewed.raised);
  };

  let stop = await settle(session);
  for (;;) {
    if (stop) return { session, outcome: stop };
    const question = revisiting ?? nextQuestion(bank, session, background);
    if (!question) {
      const reviewed = reviewAtEnd(review(session));
      session = reviewed.session;
      await save(session);
      stop = await handle(reviewed.raised);
      if (stop) return { session, outcome: stop };
      session = completeSession(session, clock());
      await save(session);
      return { session, outcome: 'complete' };
    }
    const reply = await prompts.ask(question, askContext(bank, session, question, background));
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
        revisiting = undefined;
        stop = await settle(recordAnswer(bank, session, question, value, clock(), background), question);
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
        break;
      }
    }
  }
}

function askContext(
  bank: QuestionBank,
  session: Session,
  question: Question,
  background: Background,
): AskContext {
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
