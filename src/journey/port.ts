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
  /** Delete this unfinished session (the adapter has asked the rep first). */
  | { kind: 'discard' }
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
  /** A loop-back, with the questions it would revisit as the Knowledge bank asks them (by id). */
  | { kind: 'flag'; flag: Flag; asks?: Readonly<Record<string, string>> | undefined }
  | { kind: 'shift'; shift: Shift }
  /** Flags of the account this session resolved by restating the problem. */
  | { kind: 'resolved'; flags: Flag[] };

/** The one port through which the runner talks to the rep (or to a script). */
export interface Prompts {
  ask(question: Question, context: AskContext): Promise<Reply>;
  show(message: RunnerMessage): void;
  /** Re-evaluate the problem now (ask the revisit questions), or leave the flag open for later. */
  decideFlag(flag: Flag, asks?: Readonly<Record<string, string>>): Promise<'now' | 'defer' | 'cancel'>;
  /**
   * After an answer to a question with cues: the ids of the cues the rep heard (none by default).
   * Scripts give them as `heard:` in the answers file.
   */
  tickCues?(question: Question): Promise<string[] | 'cancel'>;
  /**
   * A tracked answer changed a little: was the problem only reworded, or has it moved? Only a rep on
   * the call can tell; without this (scripts), the bank's shift_similarity decides.
   */
  judgeShift?(
    question: Question,
    before: AnswerValue,
    after: AnswerValue,
  ): Promise<'reworded' | 'moved' | 'cancel'>;
}

/** How a run ended; 'discarded': the rep asked to delete the session (nothing more is saved). */
export type Outcome = 'complete' | 'saved' | 'cancelled' | 'discarded';

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
