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
  const ids = [...questions.keys()];
  const problems: string[] = [];
  const answers = new Map<string, AnswerValue>();
  for (const [id, value] of Object.entries(raw)) {
    if (isHeardKey(bank, id, value)) continue;
    const q = questions.get(id);
    if (!q) {
      // Suggestions cost a comparison with every id: only for the problems that will be shown.
      const near = problems.length < MAX_PROBLEMS_SHOWN ? closest(id, ids) : undefined;
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
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    throw new UserError(`${file}: ${problems.length} answer(s) rejected; nothing was recorded`, shown);
  }
  return answers;
}

/**
 * Dates in an answers file as a rep would type them ("next friday", "2026-1-5", "end of Q1"),
 * read the same way as at a terminal and recorded as YYYY-MM-DD; `today` is the run's calendar day.
 * Returns the answers with those dates normalised, and a warning for each date in the past.
 */
export async function readScriptedDates(
  bank: QuestionBank,
  raw: Record<string, unknown>,
  file: string,
  today: string,
): Promise<{ raw: Record<string, unknown>; warnings: string[] }> {
  const out: Record<string, unknown> = { ...raw };
  const warnings: string[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const q = bank.byId.get(id);
    if (q?.type !== 'date' || typeof value !== 'string') continue;
    const { daysFrom, readDate, readDateNow } = await import('../model/date-words.js');
    const reading = readDateNow(value) ?? (await readDate(value, today));
    if (!reading.ok) continue; // checkScriptedAnswers names the problem
    out[id] = reading.date;
    if (daysFrom(today, reading.date) < 0)
      warnings.push(`${file}: "${id}" is ${reading.date}, in the past: recorded as given`);
  }
  return { raw: out, warnings };
}

/** A file that is wrong everywhere needs its first problems shown, not thousands. */
const MAX_PROBLEMS_SHOWN = 50;

/** `heard:` in an answers file holds the cues the rep ticked, unless the bank has a question of that id. */
function isHeardKey(bank: QuestionBank, id: string, value: unknown): boolean {
  return id === 'heard' && !bank.byId.has('heard') && value !== null && typeof value === 'object';
}

/** The cues ticked as heard, `heard: { question: [cue ids] }`, each checked against its question. */
export function checkHeard(
  bank: QuestionBank,
  raw: Record<string, unknown>,
  file: string,
): Map<string, string[]> {
  const heard = new Map<string, string[]>();
  const given = raw.heard;
  if (!isHeardKey(bank, 'heard', given)) return heard;
  const problems: string[] = [];
  for (const [id, cues] of Object.entries(given as Record<string, unknown>)) {
    const q = bank.byId.get(id);
    const list = typeof cues === 'string' ? [cues] : cues;
    if (!q) {
      problems.push(`${file}: heard: "${id}" is not a question of bank ${bank.id}`);
      continue;
    }
    if (!Array.isArray(list) || !list.every((c) => typeof c === 'string')) {
      problems.push(`${file}: heard: "${id}" takes a list of cue ids`);
      continue;
    }
    const unknown = list.filter((c) => !q.cues.some((cue) => cue.id === c));
    if (unknown.length > 0) {
      const known = q.cues.map((c) => c.id).join(', ') || 'none';
      problems.push(`${file}: heard: "${id}" has no cue "${unknown[0]}" (its cues: ${known})`);
      continue;
    }
    heard.set(id, [...new Set(list as string[])]);
  }
  if (problems.length > 0) {
    throw new UserError(`${file}: ${problems.length} heard cue(s) rejected; nothing was recorded`, problems);
  }
  return heard;
}

/**
 * Replies from the answers given. Strict (recording a session): a required question without an
 * answer is an error. Lenient (previews, bank tests): it is skipped.
 */
export function scriptedPrompts(
  answers: ReadonlyMap<string, AnswerValue>,
  file: string,
  strict = true,
  heard: ReadonlyMap<string, string[]> = new Map(),
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
    tickCues: async (q) => heard.get(q.id) ?? [],
    asked: () => [...asked],
    unused: () => [...answers.keys()].filter((id) => !asked.has(id)),
  };
}
