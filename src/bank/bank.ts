// A question bank as the runner uses it: validated, normalised, with its conditions compiled.
import type { Loop } from '../model/loop.js';
import type { Question } from '../model/question.js';
import type { ChoiceTest, Condition } from './conditions.js';
import type { ExampleInput } from './schema.js';

export type { Condition } from './conditions.js';

/** Coaching a bank gives when its condition holds: a loop back to the Knowledge loop, or a tip. */
export interface Rule {
  id: string;
  when: string;
  kind: 'loop_back' | 'tip';
  /** The loop-back message, or the tip's text. */
  message: string;
  /** Knowledge-loop questions to ask again (loop-backs only). */
  revisit: string[];
  /** Question ids of this bank the condition reads; it is evaluated once they are all settled. */
  dependsOn: string[];
  /** Question ids (of any bank) whose earlier answers the condition reads: shown as evidence. */
  readsPrevious: string[];
  /** Texts the condition compares answers with: a trainer's typo in a choice shows here. */
  choiceTests: ChoiceTest[];
  evaluate: Condition;
  /** Fire in every session in which it holds, not only when the answers it reads changed (for tips). */
  everyTime: boolean;
  /** Where the rule starts in its bank file, for messages about it. */
  line: number;
}

export interface QuestionBank {
  id: string;
  version: number;
  loop: Loop;
  title: string;
  description?: string | undefined;
  questions: Question[];
  /** Every question in the order a rep meets them (follow-ups after their parents), and by id. */
  all: Question[];
  byId: ReadonlyMap<string, Question>;
  rules: Rule[];
  /** Relative change above which a tracked number counts as a shift (0.2 = 20%). */
  shiftThreshold: number;
  /**
   * How alike two tracked texts must be to say the same (0–1, on normalised, stemmed content words).
   * Below it the answer moved; well above it, it was only reworded; close to it, a rep is asked.
   */
  shiftSimilarity: number;
  /** Names that mean the same in list answers: normalised alias → normalised canonical name. */
  aliases: ReadonlyMap<string, string>;
  /** The call the bank is written for, in minutes, when it says. */
  minutes?: number | undefined;
  /** How long a question takes on a call (lint's estimate of whether the core questions fit). */
  secondsPerQuestion: number;
  /** sha256 of the bank's content (not its comments or layout), recorded in every session. */
  hash: string;
  file: string;
  conditions: ReadonlyMap<string, Condition>;
  /** For each question with a `when`, the texts it compares answers with. */
  conditionChoiceTests: ReadonlyMap<string, ChoiceTest[]>;
  /** Named cases that prove the rules fire when they should. */
  examples: ExampleInput[];
}

/** Every question in the order a rep meets them: each follow-up right after its parent. */
export function flattenQuestions(questions: readonly Question[]): Question[] {
  const out: Question[] = [];
  for (const q of questions) {
    out.push(q);
    out.push(...flattenQuestions(q.followUps));
  }
  return out;
}

export function problemStatementQuestion(bank: QuestionBank): Question | undefined {
  return bank.all.find((q) => q.role === 'problem_statement');
}
