// What a parsed CEL expression says about a bank: the question ids and cues it reads, the texts it
// compares answers with, and mistakes visible before it runs (regular expressions RE2 cannot run, a
// division by a literal zero, an answer passed where a question id belongs). Walks over the parser's
// tree; only useRe2ForMatches changes it.

import type { QuestionType } from '../model/question.js';

export const LIST_FUNCTIONS = ['added', 'removed', 'new_people'];

/** Our functions that take a question id first, and the question types each applies to. */
export const FUNCTION_TYPES: Readonly<Record<string, { types: readonly QuestionType[]; noun: string }>> = {
  added: { types: ['multi', 'list'], noun: 'a multi or list question' },
  removed: { types: ['multi', 'list'], noun: 'a multi or list question' },
  behind: { types: ['measure'], noun: 'a measure question' },
  met: { types: ['measure'], noun: 'a measure question' },
  increased: {
    types: ['number', 'scale', 'measure', 'date', 'choice'],
    noun: 'a number, scale, measure, date or ordered choice question',
  },
  decreased: {
    types: ['number', 'scale', 'measure', 'date', 'choice'],
    noun: 'a number, scale, measure, date or ordered choice question',
  },
  change: { types: ['number', 'scale', 'measure'], noun: 'a number, scale or measure question' },
  days_moved: { types: ['date'], noun: 'a date question' },
  similar: { types: ['text', 'long'], noun: 'a text or long question' },
  new_people: { types: ['multi', 'list'], noun: 'a multi or list question' },
  kept: { types: ['multi', 'list'], noun: 'a multi or list question' },
  difference: { types: ['number', 'scale', 'measure'], noun: 'a number, scale or measure question' },
  worse_streak: { types: ['measure'], noun: 'a measure question' },
};

/** Functions that compare choices by their order: a choice question must declare `ordered: true`. */
export const ORDER_FUNCTIONS = ['increased', 'decreased'];

/** How each function of ours is written, for a message about a call that does not fit. */
export const FUNCTION_USAGE: Readonly<Record<string, string>> = {
  answered: 'answered("question_id")',
  changed: 'changed("question_id")',
  added: 'added("question_id") or added("question_id", "earlier_question_id")',
  removed: 'removed("question_id") or removed("question_id", "earlier_question_id")',
  increased: 'increased("question_id")',
  decreased: 'decreased("question_id")',
  change: 'change("question_id")',
  days_moved: 'days_moved("question_id")',
  similar: 'similar("question_id")',
  heard: 'heard("question_id", "cue_id")',
  new_people: 'new_people("question_id") or new_people("question_id", "earlier_question_id")',
  kept: 'kept("question_id")',
  difference: 'difference("question_id")',
  worse_streak: 'worse_streak("measure_id")',
  behind: 'behind("measure_id")',
  met: 'met("measure_id")',
};

/** Every function of ours, for messages about an unknown one. */
export const OUR_FUNCTIONS = Object.keys(FUNCTION_USAGE);

/** What conditions know of one question of the bank. */
export interface QuestionFacts {
  type?: QuestionType | undefined;
  /** The choice ids in order, for a choice or multi declared `ordered: true`. */
  order?: readonly string[] | undefined;
  /** Ids of its `listen_for` cues. */
  cues?: ReadonlySet<string> | undefined;
}

/** Every question id of the bank and what conditions know of it. */
export type BankQuestions = ReadonlyMap<string, QuestionFacts>;

export interface Reference {
  id: string;
  via: string;
  offset: number;
}

/**
 * Question ids an expression reads: `answers.<id>` and the first argument of our functions (this
 * session), and `previous.<id>` and the second argument of added/removed (earlier sessions).
 */
export function questionReferences(ast: unknown): Reference[] {
  const out: Reference[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const { op, args, pos } = node as { op?: string; args?: unknown; pos?: number };
    if (op === '.' && Array.isArray(args)) {
      const [target, field] = args as [{ op?: string; args?: unknown }, unknown];
      if (
        target?.op === 'id' &&
        (target.args === 'answers' || target.args === 'previous') &&
        typeof field === 'string'
      ) {
        out.push({ id: field, via: target.args, offset: pos ?? 0 });
      }
    }
    if (op === 'call' && Array.isArray(args)) {
      const [name, params] = args as [unknown, unknown];
      const [first, second] = (Array.isArray(params) ? params : []).map(stringLiteral);
      if (typeof name === 'string' && OUR_FUNCTIONS.includes(name) && first) {
        out.push({ ...first, via: name });
      }
      if (typeof name === 'string' && LIST_FUNCTIONS.includes(name) && second) {
        out.push({ ...second, via: 'previous' });
      }
    }
    walk(args);
  };
  walk(ast);
  return out;
}

/** The name `matches` runs under: CEL's own `matches` uses JavaScript's engine and cannot be replaced. */
export const REGEX_FUNCTION = 're2Matches';

/** The parameter nodes of a `x.matches(p)` or `matches(x, p)` call, with the pattern's node. */
function matchesCall(node: { op?: string; args?: unknown }): { pattern: unknown } | undefined {
  const { op, args } = node;
  if ((op !== 'rcall' && op !== 'call') || !Array.isArray(args) || args[0] !== 'matches') return undefined;
  const params = (op === 'rcall' ? args[2] : args[1]) as unknown[] | undefined;
  return { pattern: op === 'rcall' ? params?.[0] : params?.[1] };
}

/**
 * Regular expressions run on RE2 (linear time, as CEL specifies): patterns it cannot run
 * (backreferences, lookaround) are found at load time rather than in the middle of a call.
 * `problemOf` says why a pattern cannot run, or undefined when it can.
 */
export function unsupportedPattern(
  ast: unknown,
  problemOf: (pattern: string) => string | undefined,
): { message: string; offset: number } | undefined {
  let found: { message: string; offset: number } | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const call = matchesCall(node as { op?: string; args?: unknown });
    const pattern = call ? stringLiteral(call.pattern) : undefined;
    const problem = pattern ? problemOf(pattern.id) : undefined;
    if (pattern && problem) {
      found = {
        message: `regular expression "${pattern.id}" is not supported: ${problem}`,
        offset: pattern.offset,
      };
      return;
    }
    walk((node as { args?: unknown }).args);
  };
  walk(ast);
  return found;
}

/**
 * Points every `matches` call at REGEX_FUNCTION, before the expression is checked (candidates are
 * bound at check time). Mutates the parser's tree; true when the expression matches at all.
 * A call written as REGEX_FUNCTION itself is left for the checker to refuse as unknown.
 */
export function useRe2ForMatches(ast: unknown): boolean {
  let used = false;
  const seen = new WeakSet<object>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const n = node as { op?: string; args?: unknown; meta?: { alternate?: unknown } };
    if (matchesCall(n) && Array.isArray(n.args)) {
      n.args[0] = REGEX_FUNCTION;
      used = true;
    }
    walk(n.args);
    walk(n.meta?.alternate);
  };
  walk(ast);
  return used;
}

/** `matches` runs under REGEX_FUNCTION: written by that name, it is no function of ours. */
export function regexFunctionWritten(ast: unknown): { message: string; offset: number } | undefined {
  let offset: number | undefined;
  const walk = (node: unknown): void => {
    if (offset !== undefined || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const { op, args, pos } = node as { op?: string; args?: unknown; pos?: number };
    if ((op === 'call' || op === 'rcall') && Array.isArray(args) && args[0] === REGEX_FUNCTION) {
      offset = pos ?? 0;
      return;
    }
    walk(args);
  };
  walk(ast);
  return offset === undefined
    ? undefined
    : { message: `no function ${REGEX_FUNCTION}: write text.matches("pattern")`, offset };
}

/**
 * Whether an expression may read answers it does not name: `answers` used other than as
 * `answers.<id>` (indexed, bound to a name, compared whole), or one of our functions given a
 * question id that is not written out. Such a condition is re-evaluated after every answer.
 */
export function readsUnnamedAnswers(ast: unknown): boolean {
  let unnamed = false;
  const walk = (node: unknown, selected: boolean): void => {
    if (unnamed || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child, false);
      return;
    }
    const { op, args } = node as { op?: string; args?: unknown };
    if (op === 'id' && args === 'answers' && !selected) {
      unnamed = true;
      return;
    }
    if (op === '.' && Array.isArray(args) && typeof args[1] === 'string') {
      walk(args[0], true);
      return;
    }
    if (
      op === 'call' &&
      Array.isArray(args) &&
      typeof args[0] === 'string' &&
      OUR_FUNCTIONS.includes(args[0])
    ) {
      const params = Array.isArray(args[1]) ? args[1] : [];
      if (params.length > 0 && !stringLiteral(params[0])) {
        unnamed = true;
        return;
      }
    }
    walk(args, false);
  };
  walk(ast, false);
  return unnamed;
}

/** An answer compared with a text: `answers.q == "x"`, `"x" == answers.q` or `"x" in answers.q`. */
export interface ChoiceTest {
  question: string;
  value: string;
  offset: number;
}

function answerField(node: unknown): string | undefined {
  const ref = answerOrPrevious(node);
  return ref?.via === 'answers' ? ref.id : undefined;
}

export function choiceTests(ast: unknown): ChoiceTest[] {
  const out: ChoiceTest[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const { op, args } = node as { op?: string; args?: unknown };
    if ((op === '==' || op === '!=' || op === 'in') && Array.isArray(args)) {
      const [left, right] = args;
      const pairs: [unknown, unknown][] =
        op === 'in'
          ? [[left, right]]
          : [
              [left, right],
              [right, left],
            ];
      for (const [literal, field] of pairs) {
        const value = stringLiteral(literal);
        const question = answerField(field);
        if (value && question) out.push({ question, value: value.id, offset: value.offset });
      }
    }
    walk(args);
  };
  walk(ast);
  return out;
}

function stringLiteral(node: unknown): { id: string; offset: number } | undefined {
  const n = node as { op?: string; args?: unknown; pos?: number } | undefined;
  return n?.op === 'value' && typeof n.args === 'string' ? { id: n.args, offset: n.pos ?? 0 } : undefined;
}

/** A cue an expression tests: `heard("q", "cue")`. */
export interface CueReference {
  question: string;
  cue: string;
  offset: number;
}

export function cueReferences(ast: unknown): CueReference[] {
  const out: CueReference[] = [];
  walkCalls(ast, (name, params) => {
    if (name !== 'heard') return;
    const [question, cue] = params.map(stringLiteral);
    if (question && cue) out.push({ question: question.id, cue: cue.id, offset: cue.offset });
  });
  return out;
}

/**
 * Mistakes an expression shows before it runs: a division or modulo by a literal zero (it always
 * fails, or gives infinity), and an answer passed to one of our functions where a question id
 * belongs (`increased(answers.budget)` for `increased("budget")`).
 */
export function staticMistake(ast: unknown): { message: string; offset: number } | undefined {
  let found: { message: string; offset: number } | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const { op, args } = node as { op?: string; args?: unknown };
    if ((op === '/' || op === '%') && Array.isArray(args) && isLiteralZero(args[1])) {
      const what = op === '/' ? 'division' : 'modulo';
      found = {
        message: `${what} by zero: "${op} 0" fails whenever the condition runs`,
        offset: (args[1] as { pos?: number }).pos ?? 0,
      };
      return;
    }
    if (op === 'call' && Array.isArray(args)) {
      const [name, params] = args as [unknown, unknown];
      const first = Array.isArray(params) ? answerOrPrevious(params[0]) : undefined;
      if (typeof name === 'string' && OUR_FUNCTIONS.includes(name) && first) {
        found = {
          message: `${name}() takes a question id in quotes: write ${name}("${first.id}"), not ${name}(${first.via}.${first.id})`,
          offset: first.offset,
        };
        return;
      }
    }
    walk(args);
  };
  walk(ast);
  return found;
}

function isLiteralZero(node: unknown): boolean {
  const n = node as { op?: string; args?: unknown } | undefined;
  return n?.op === 'value' && (n.args === 0 || n.args === 0n);
}

function answerOrPrevious(node: unknown): { id: string; via: string; offset: number } | undefined {
  const n = node as { op?: string; args?: unknown; pos?: number } | undefined;
  if (n?.op !== '.' || !Array.isArray(n.args)) return undefined;
  const [target, field] = n.args as [{ op?: string; args?: unknown }, unknown];
  if (target?.op !== 'id' || (target.args !== 'answers' && target.args !== 'previous')) return undefined;
  return typeof field === 'string' ? { id: field, via: target.args, offset: n.pos ?? 0 } : undefined;
}

/** Calls `visit` with each global function call's name and parameter nodes. */
function walkCalls(ast: unknown, visit: (name: string, params: unknown[]) => void): void {
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const { op, args } = node as { op?: string; args?: unknown };
    if (op === 'call' && Array.isArray(args)) {
      const [name, params] = args as [unknown, unknown];
      if (typeof name === 'string') visit(name, Array.isArray(params) ? params : []);
    }
    walk(args);
  };
  walk(ast);
}

/**
 * The first reference an expression makes that the bank cannot answer: a question id our functions
 * name that is not in the bank, a function on a type of question it does not apply to, or a cue
 * the question does not have.
 */
export function referenceProblem(
  refs: readonly Reference[],
  cues: readonly CueReference[],
  questions: BankQuestions,
): { message: string; offset: number } | undefined {
  for (const use of refs) {
    if (use.via === 'answers' || use.via === 'previous') continue;
    const facts = questions.get(use.id);
    if (!facts) {
      return {
        message: `unknown question id "${use.id}" in ${use.via}() (name a question of this bank)`,
        offset: use.offset,
      };
    }
    const wrongType = wrongTypeMessage(use.via, use.id, facts);
    if (wrongType) return { message: wrongType, offset: use.offset };
  }
  for (const { question, cue, offset } of cues) {
    const known = questions.get(question)?.cues ?? new Set<string>();
    if (known.has(cue)) continue;
    const hint =
      known.size > 0
        ? `its cues: ${[...known].join(', ')}`
        : `give a listen_for entry an id: - { id: ${cue}, text: … }`;
    return { message: `"${question}" has no cue "${cue}" (${hint})`, offset };
  }
  return undefined;
}

function wrongTypeMessage(via: string, id: string, facts: QuestionFacts): string | undefined {
  const wanted = FUNCTION_TYPES[via];
  const { type } = facts;
  if (!wanted || !type) return undefined;
  if (!wanted.types.includes(type)) return `${via}("${id}") needs ${wanted.noun}, but "${id}" is ${type}`;
  if (type === 'choice' && ORDER_FUNCTIONS.includes(via) && !facts.order)
    return `${via}("${id}") needs choices in order: add "ordered: true" to "${id}" (first choice = lowest)`;
  return undefined;
}
