// The interview runner: asks the open questions through a prompt adapter and saves after every change.
// Interactive and scripted interviews are this same loop with different adapters.
import { flattenQuestions, type Question, type QuestionBank } from '../bank/bank.js';
import type { AnswerValue } from './answer.js';
import {
  addNote,
  answersOf,
  completeSession,
  entryFor,
  isOpen,
  nextQuestion,
  questionBefore,
  recordAnswer,
  recordSkip,
} from './interview.js';
import type { Session } from './session.js';

export type Reply =
  | { kind: 'answer'; value: AnswerValue }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'note'; text: string }
  | { kind: 'why' }
  | { kind: 'save' }
  | { kind: 'cancel' };

export interface AskContext {
  /** 1-based position among the questions open so far, and how many that is. */
  position: number;
  total: number;
  /** The answer already recorded, when the rep went back to this question. */
  previous?: AnswerValue | undefined;
  canGoBack: boolean;
}

export type RunnerMessage =
  | { kind: 'coaching'; question: Question }
  | { kind: 'info'; text: string }
  | { kind: 'warning'; text: string };

/** The one port through which the runner talks to the rep (or to a script). */
export interface Prompts {
  ask(question: Question, context: AskContext): Promise<Reply>;
  show(message: RunnerMessage): void;
}

export type Outcome = 'complete' | 'saved' | 'cancelled';

export interface RunOptions {
  bank: QuestionBank;
  session: Session;
  prompts: Prompts;
  save: (session: Session) => Promise<void>;
  clock: () => Date;
}

export async function runInterview(options: RunOptions): Promise<{ session: Session; outcome: Outcome }> {
  const { bank, prompts, save, clock } = options;
  let session = options.session;
  let revisiting: Question | undefined;
  for (;;) {
    const question = revisiting ?? nextQuestion(bank, session);
    if (!question) {
      session = completeSession(session, clock());
      await save(session);
      return { session, outcome: 'complete' };
    }
    const reply = await prompts.ask(question, askContext(bank, session, question));
    switch (reply.kind) {
      case 'answer':
        session = recordAnswer(bank, session, question, reply.value, clock());
        await save(session);
        revisiting = undefined;
        break;
      case 'skip':
        if (question.required) {
          prompts.show({
            kind: 'warning',
            text: 'This one is required: get an answer, or /save and come back to it.',
          });
          break;
        }
        session = recordSkip(bank, session, question, clock());
        await save(session);
        revisiting = undefined;
        break;
      case 'back': {
        const before = questionBefore(session, revisiting?.id);
        const target = before ? flattenQuestions(bank.questions).find((q) => q.id === before) : undefined;
        if (target) revisiting = target;
        else
          prompts.show({ kind: 'info', text: 'This is the first question: there is nothing to go back to.' });
        break;
      }
      case 'note':
        session = addNote(session, reply.text, question.id, clock());
        await save(session);
        prompts.show({ kind: 'info', text: 'Note saved.' });
        break;
      case 'why':
        prompts.show({ kind: 'coaching', question });
        break;
      case 'save':
      case 'cancel':
        await save(session);
        return { session, outcome: reply.kind === 'save' ? 'saved' : 'cancelled' };
    }
  }
}

function askContext(bank: QuestionBank, session: Session, question: Question): AskContext {
  const answers = answersOf(session);
  const open = flattenQuestions(bank.questions).filter((q) => isOpen(bank, q, answers));
  const index = open.findIndex((q) => q.id === question.id);
  return {
    position: index < 0 ? session.entries.length + 1 : index + 1,
    total: Math.max(open.length, index + 1),
    previous: entryFor(session, question.id)?.answer,
    canGoBack:
      questionBefore(session, entryFor(session, question.id) ? question.id : undefined) !== undefined,
  };
}
