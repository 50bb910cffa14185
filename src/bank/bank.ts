// A question bank as the runner uses it: validated, normalised, with its conditions compiled.
import type { Loop } from '../journey/loop.js';
import type { QuestionType } from './schema.js';

export interface Choice {
  id: string;
  label: string;
}

export interface Question {
  id: string;
  ask: string;
  type: QuestionType;
  why?: string | undefined;
  listenFor: string[];
  required: boolean;
  tags: string[];
  when?: string | undefined;
  choices: Choice[];
  other: boolean;
  unit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  labels: { min?: string | undefined; max?: string | undefined };
  placeholder?: string | undefined;
  followUps: Question[];
  /** The question this one follows up, if any. */
  parent?: string | undefined;
}

/** Decides whether a question's `when` holds for the answers given so far. */
export type Condition = (answers: Readonly<Record<string, unknown>>) => boolean;

export interface QuestionBank {
  id: string;
  version: number;
  loop: Loop;
  title: string;
  description?: string | undefined;
  questions: Question[];
  /** sha256 of the bank's content (not its comments or layout), recorded in every session. */
  hash: string;
  file: string;
  conditions: ReadonlyMap<string, Condition>;
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

export function findQuestion(bank: QuestionBank, id: string): Question | undefined {
  return flattenQuestions(bank.questions).find((q) => q.id === id);
}

export function scaleRange(q: Question): { min: number; max: number } {
  return { min: q.min ?? 1, max: q.max ?? 5 };
}
