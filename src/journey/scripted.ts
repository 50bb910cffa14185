// The non-interactive answer source behind `--answers`: replies from a file of answers by question id.

import type { QuestionBank } from '../bank/bank.js';
import { UserError } from '../errors.js';
import { type AnswerValue, checkAnswer } from '../model/answer.js';
import type { Question } from '../model/question.js';
import { closest } from '../model/suggest.js';
import type { Prompts, Reply, RunnerMessage } from './port.js';

export interface ScriptedPrompts extends Prompts {
  /** Ids that were given but never asked, because their conditions did not hold. */
  unused(): string[];
  /** Ids of the questions asked, in order. */
  asked(): string[];
  messages: RunnerMessage[];
}

/**
 * Checks every given answer against its question before the interview starts, so that a bad file
 * is refused whole, with every problem named, and nothing is written.
 */
export function checkScriptedAnswers(
  bank: QuestionBank,
  raw: Record<string, unknown>,
  file: string,
): Map<string, AnswerValue> {
  const questions = bank.byId;
  const problems: string[] = [];
  const answers = new Map<string, AnswerValue>();
  for (const [id, value] of Object.entries(raw)) {
    const q = questions.get(id);
    if (!q) {
      const near = closest(id, [...questions.keys()]);
      problems.push(
        `${file}: "${id}" is not a question of bank ${bank.id}${near ? ` (did you mean "${near}"?)` : ''}`,
      );
      continue;
    }
    const check = checkAnswer(q, value);
    if (check.ok) answers.set(id, check.value);
    else problems.push(`${file}: "${id}" (${q.type}): ${check.reason}`);
  }
  if (problems.length > 0) {
    throw new UserError(`${file}: ${problems.length} answer(s) rejected; nothing was recorded`, problems);
  }
  return answers;
}

/**
 * Replies from the answers given. Strict (recording a session): a required question without an
 * answer is an error. Lenient (previews, bank tests): it is skipped.
 */
export function scriptedPrompts(
  answers: ReadonlyMap<string, AnswerValue>,
  file: string,
  strict = true,
): ScriptedPrompts {
  const asked = new Set<string>();
  const messages: RunnerMessage[] = [];
  return {
    messages,
    async ask(q: Question): Promise<Reply> {
      // A question asked twice means the runner is going round in circles; refuse rather than loop.
      if (asked.has(q.id)) throw new Error(`scripted interview asked "${q.id}" twice`);
      asked.add(q.id);
      const value = answers.get(q.id);
      if (value !== undefined) return { kind: 'answer', value };
      if (q.required && strict) {
        throw new UserError(
          `${file}: no answer for required question "${q.id}" (${q.ask}); nothing was recorded`,
        );
      }
      return { kind: 'skip' };
    },
    show(message) {
      messages.push(message);
    },
    // A script cannot answer Knowledge questions it did not expect: flags stay open for later.
    decideFlag: async () => 'defer',
    asked: () => [...asked],
    unused: () => [...answers.keys()].filter((id) => !asked.has(id)),
  };
}
