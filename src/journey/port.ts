// The one port through which the interview runner talks to the rep (or to a script), and the
// options and outcome of a run. Its own module so the runner, the re-evaluation and the side replies
// share it without importing each other.
import type { QuestionBank } from '../bank/bank.js';
import type { AnswerValue, MeasureValue } from '../model/answer.js';
import type { Question } from '../model/question.js';
import type { Flag, Session, Shift, Tip } from '../model/session.js';
import type { Background } from './background.js';

export type Reply =
  | { kind: 'answer'; value: AnswerValue }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'note'; text: string }
  | { kind: 'flag'; text: string }
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
  /** Set while re-evaluating the problem: the Knowledge question is asked again for this flag. */
  revisiting?: string | undefined;
  /** For a measure: its baseline, target and direction when already known (ask only the rest). */
  measure?: MeasureValue | undefined;
}

export type RunnerMessage =
  | { kind: 'coaching'; question: Question }
  | { kind: 'info'; text: string }
  | { kind: 'warning'; text: string }
  | { kind: 'tip'; tip: Tip }
  | { kind: 'flag'; flag: Flag }
  | { kind: 'shift'; shift: Shift };

/** The one port through which the runner talks to the rep (or to a script). */
export interface Prompts {
  ask(question: Question, context: AskContext): Promise<Reply>;
  show(message: RunnerMessage): void;
  /** Re-evaluate the problem now (ask the revisit questions), or leave the flag open for later. */
  decideFlag(flag: Flag): Promise<'now' | 'defer' | 'cancel'>;
}

export type Outcome = 'complete' | 'saved' | 'cancelled';

export interface RunOptions {
  bank: QuestionBank;
  session: Session;
  prompts: Prompts;
  save: (session: Session) => Promise<void>;
  clock: () => Date;
  /** The account's earlier answers and facts, for conditions, rules and shift detection. */
  background?: Background | undefined;
  /** The account's Knowledge bank, whose questions a loop-back asks again. */
  knowledge?: QuestionBank | undefined;
  /** Let required questions be skipped: for previews and bank tests, where nothing is recorded. */
  lenient?: boolean | undefined;
}
