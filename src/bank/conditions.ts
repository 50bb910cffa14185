// Conditions in CEL (Common Expression Language): parsed and checked when a bank loads, evaluated
// against the interview's context while it runs. Question `when`s and rules share one environment:
// this session's answers, the account's previous answers, account facts, the cues the rep ticked,
// and our functions (see OUR_FUNCTIONS in expression.ts and the README's bank format).
import { Environment } from '@marcbachmann/cel-js';
import { type AccountFacts, EMPTY_ACCOUNT } from '../model/account.js';
import type { AnswerValue } from '../model/answer.js';
import { isMeasureValue, type MeasureValue } from '../model/answer.js';
import {
  type Aliases,
  addedItems,
  answerRank,
  DEFAULT_SHIFT_SIMILARITY,
  daysMoved,
  difference,
  keptItems,
  relativeChange,
  removedItems,
  sameAnswer,
} from '../model/compare.js';
import { addMonths } from '../model/dates.js';
import {
  behindTrajectory,
  DEFAULT_HORIZON_MONTHS,
  measureState,
  measureValues,
  worseningStreak,
} from '../model/measures.js';
import { knownPeople, newPeople } from '../model/people.js';
import type { QuestionType } from '../model/question.js';
import { textSimilarity } from '../model/similarity.js';
import {
  type BankQuestions,
  type ChoiceTest,
  choiceTests,
  cueReferences,
  FUNCTION_USAGE,
  OUR_FUNCTIONS,
  questionReferences,
  referenceProblem,
  staticMistake,
  unsupportedPattern,
} from './expression.js';

export type { BankQuestions, ChoiceTest, QuestionFacts } from './expression.js';

const CEL_TYPE: Record<QuestionType, string> = {
  text: 'string',
  long: 'string',
  choice: 'string',
  multi: 'list<string>',
  list: 'list<string>',
  confirm: 'bool',
  number: 'double',
  scale: 'int',
  date: 'string',
  measure: 'map<string, dyn>',
};

export interface ConditionContext {
  answers: Readonly<Record<string, AnswerValue>>;
  /** Cue ids the rep ticked as heard, by question id (heard()). */
  heard?: Readonly<Record<string, readonly string[]>> | undefined;
  /** The newest earlier answer to each question id (the runner decides which: see journey/). */
  previous: Readonly<Record<string, AnswerValue>>;
  account: AccountFacts;
  /** Every earlier answer to each question id, oldest first (new_people, worse_streak). */
  history?: Readonly<Record<string, readonly AnswerValue[]>> | undefined;
  /** Who was on the account's calls, this one included: people already known (new_people). */
  contacts?: readonly string[] | undefined;
  /** The call's date, and when the account's measures started moving (its close): for behind(). */
  today?: string | undefined;
  since?: string | undefined;
}

export function emptyContext(answers: Readonly<Record<string, AnswerValue>> = {}): ConditionContext {
  return { answers, previous: {}, account: EMPTY_ACCOUNT };
}

/** What conditions know of the bank as a whole. */
export interface BankFacts {
  aliases?: Aliases | undefined;
  shiftSimilarity?: number | undefined;
}

export interface ConditionEnvironment {
  env: Environment;
  questions: BankQuestions;
  /** The context the functions read while one evaluation runs (evaluation is synchronous). */
  current: { context: ConditionContext };
}

export type Condition = (context: ConditionContext) => boolean;

/** Where a condition sits: its bank file and line, and the rule or question it belongs to. */
export interface ConditionSite {
  file: string;
  line: number;
  kind: 'rule' | 'question';
  id: string;
}

/**
 * A condition that failed while it ran, for a reason other than an answer not given yet: a
 * conversion that cannot be done, a division by zero, an index past the end of a list. The message
 * is one line for a trainer: `file:line: rule "x": what went wrong` once its site is known.
 */
export class ConditionRuntimeError extends Error {
  override readonly name = 'ConditionRuntimeError';
  /** What went wrong, without the site. */
  readonly detail: string;
  readonly where: ConditionSite | undefined;

  constructor(detail: string, where?: ConditionSite, options?: ErrorOptions) {
    super(where ? `${where.file}:${where.line}: ${where.kind} "${where.id}": ${detail}` : detail, options);
    this.detail = detail;
    this.where = where;
  }
}

export type CompileResult =
  | { ok: true; evaluate: Condition; dependsOn: string[]; readsPrevious: string[]; choiceTests: ChoiceTest[] }
  | { ok: false; message: string; offset: number };

export function conditionEnvironment(questions: BankQuestions, bank: BankFacts = {}): ConditionEnvironment {
  const fields: Record<string, string> = {};
  for (const [id, facts] of questions) fields[id] = facts.type ? CEL_TYPE[facts.type] : 'dyn';
  const current = { context: emptyContext() };
  const now = (q: string) => current.context.answers[q];
  const before = (q: string) => current.context.previous[q];
  const aliases = bank.aliases;
  const similarity = bank.shiftSimilarity ?? DEFAULT_SHIFT_SIMILARITY;
  /** Both answers' places on the question's scale, or undefined without both. */
  const ranks = (q: string): [number, number] | undefined => {
    const order = questions.get(q)?.order;
    const was = answerRank(before(q), order);
    const is = answerRank(now(q), order);
    return was === undefined || is === undefined ? undefined : [was, is];
  };
  /** Every value a measure took, oldest first, this session's last (a bare number is an actual). */
  const measureHistory = (q: string): MeasureValue[] =>
    [...(current.context.history?.[q] ?? []), now(q)].flatMap((v) =>
      typeof v === 'number' ? [{ actual: v }] : isMeasureValue(v) ? [v] : [],
    );
  /** People named now in q who were never named before in q, `also`, or as a call's contact. */
  const peopleAdded = (q: string, also: readonly string[]): string[] => {
    const value = now(q);
    if (!Array.isArray(value)) return [];
    const history = current.context.history ?? {};
    const earlier = [q, ...also].flatMap((id) =>
      (history[id] ?? []).flatMap((v) => (Array.isArray(v) ? v : [])),
    );
    // With nobody named before (a first call), there is no one to be new against.
    if (earlier.length === 0) return [];
    return newPeople(value, knownPeople([...earlier, ...(current.context.contacts ?? [])], aliases), aliases);
  };
  const env = new Environment({ limits: { maxAstNodes: 2000, maxDepth: 40 } })
    .registerType('Answers', { fields })
    .registerVariable('answers', 'Answers')
    .registerVariable('previous', 'map<string, dyn>')
    .registerType('Account', {
      fields: { loops: 'list<string>', sessions: 'int', days_since_last_contact: 'int', stage: 'string' },
    })
    .registerVariable('account', 'Account')
    .registerFunction('answered(string): bool', (q: string) => now(q) !== undefined)
    .registerFunction('changed(string): bool', (q: string) => {
      const a = now(q);
      const b = before(q);
      return a !== undefined && b !== undefined && !sameAnswer(a, b, aliases);
    })
    .registerFunction('added(string): list<string>', (q: string) => addedItems(now(q), before(q), aliases))
    .registerFunction('added(string, string): list<string>', (q: string, since: string) =>
      addedItems(now(q), before(since), aliases),
    )
    .registerFunction('removed(string): list<string>', (q: string) =>
      removedItems(now(q), before(q), aliases),
    )
    .registerFunction('removed(string, string): list<string>', (q: string, since: string) =>
      removedItems(now(q), before(since), aliases),
    )
    .registerFunction('increased(string): bool', (q: string) => {
      const r = ranks(q);
      return r !== undefined && r[1] > r[0];
    })
    .registerFunction('decreased(string): bool', (q: string) => {
      const r = ranks(q);
      return r !== undefined && r[1] < r[0];
    })
    .registerFunction('change(string): double', (q: string) => relativeChange(before(q), now(q)))
    .registerFunction('days_moved(string): int', (q: string) => BigInt(daysMoved(before(q), now(q))))
    .registerFunction('similar(string): bool', (q: string) => {
      const a = now(q);
      const b = before(q);
      return typeof a === 'string' && typeof b === 'string' && textSimilarity(a, b) >= similarity;
    })
    .registerFunction('heard(string, string): bool', (q: string, cue: string) =>
      (current.context.heard?.[q] ?? []).includes(cue),
    )
    .registerFunction('new_people(string): list<string>', (q: string) => peopleAdded(q, []))
    .registerFunction('new_people(string, string): list<string>', (q: string, also: string) =>
      peopleAdded(q, [also]),
    )
    .registerFunction('kept(string): list<string>', (q: string) =>
      keptItems(now(q), before(q), aliases, similarity),
    )
    .registerFunction('difference(string): double', (q: string) => difference(before(q), now(q)))
    .registerFunction('worse_streak(string): int', (q: string) => BigInt(worseningStreak(measureHistory(q))))
    // Measures: behind("m") when the latest actual is short of where its trajectory says it should be
    // by the call's date; met("m") when it reached the target.
    .registerFunction('behind(string): bool', (q: string) => {
      const { today, since } = current.context;
      const values = measureHistory(q);
      if (!today) return measureState(measureValues(before(q), now(q))).behind;
      const start = since ?? today;
      return behindTrajectory(values, { start, by: addMonths(start, DEFAULT_HORIZON_MONTHS) }, today);
    })
    .registerFunction('met(string): bool', (q: string) => {
      const state = measureState(measureValues(before(q), now(q)));
      return state.progress !== null && state.progress >= 100;
    });
  return { env, questions, current };
}

/**
 * Parses and checks a condition. Every mistake that can be seen before it runs is a failure here
 * (syntax, types, unknown ids, fields and cues, a function on the wrong type of question, a division
 * by a literal zero). `site` places runtime errors: it is asked only when one happens.
 */
export function compileCondition(
  ce: ConditionEnvironment,
  expression: string,
  site?: () => ConditionSite,
): CompileResult {
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = ce.env.parse(expression);
  } catch (error) {
    return celFailure(error);
  }
  // An answer where a question id belongs reads better than the type error it also is.
  const early = staticMistake(parsed.ast);
  if (early) return { ok: false, ...early };
  const check = parsed.check();
  if (!check.valid) return celFailure(check.error);
  if (check.type !== 'bool' && check.type !== 'dyn') {
    return {
      ok: false,
      message: `a condition must be true or false, but this gives ${check.type}`,
      offset: 0,
    };
  }
  const refs = questionReferences(parsed.ast);
  const mistake =
    unsupportedPattern(parsed.ast) ?? referenceProblem(refs, cueReferences(parsed.ast), ce.questions);
  if (mistake) return { ok: false, ...mistake };
  const uses = refs.filter((r) => r.via !== 'previous');
  return {
    ok: true,
    dependsOn: [...new Set(uses.map((u) => u.id))],
    readsPrevious: [...new Set(refs.filter((r) => r.via === 'previous').map((r) => r.id))],
    choiceTests: choiceTests(parsed.ast),
    evaluate: (context) => {
      ce.current.context = context;
      try {
        return parsed(celContext(context, ce.questions)) === true;
      } catch (error) {
        // An answer the expression needs is not given yet (or was skipped): the condition does not hold.
        if (isMissingAnswer(error)) return false;
        throw new ConditionRuntimeError(runtimeDetail(error, expression), site?.(), { cause: error });
      }
    },
  };
}

interface CelErrorLike {
  code?: string;
  summary?: string;
  message?: string;
  node?: { op?: string; args?: unknown; pos?: number };
  range?: { start: number; end: number };
}

/** A key missing from `answers.<id>…` or `previous.<id>…`: an answer not given (yet), not a mistake. */
function isMissingAnswer(error: unknown): boolean {
  const e = error as CelErrorLike | undefined;
  if (e?.code !== 'no_such_key') return false;
  let node = e.node as { op?: string; args?: unknown } | undefined;
  while (node && (node.op === '.' || node.op === '[]') && Array.isArray(node.args)) {
    node = node.args[0] as typeof node;
  }
  return node?.op === 'id' && (node.args === 'answers' || node.args === 'previous');
}

/** A runtime error in a trainer's words, with the part of the condition that failed. */
function runtimeDetail(error: unknown, expression: string): string {
  const e = (error ?? {}) as CelErrorLike;
  const summary = e.summary ?? (e.message ?? String(error)).split('\n')[0] ?? '';
  const part = e.range ? expression.slice(e.range.start, e.range.end).trim() : '';
  const where = part && part !== expression.trim() ? ` in "${part}"` : '';
  const index = /index (\d+) >= size (\d+)/.exec(summary);
  const explained: Record<string, string> = {
    division_by_zero: 'division by zero',
    modulo_by_zero: 'modulo by zero',
    index_out_of_bounds: index
      ? `index ${index[1]} is past the end of a list of ${index[2]} (test size() first)`
      : 'an index is past the end of a list (test size() first)',
    index_out_of_range: `out of range: ${summary}`,
    int_conversion_error: 'int() cannot make a whole number of this value',
    uint_conversion_error: 'uint() cannot make a whole number of this value',
    numeric_overflow: 'a number is too large',
    no_such_overload: `type mismatch: ${summary.replace(/^no such overload: /, 'cannot use ')}`,
  };
  const detail = explained[e.code ?? ''] ?? summary;
  return `${detail}${where}`;
}

function celFailure(error: unknown): { ok: false; message: string; offset: number } {
  const e = error as CelErrorLike | undefined;
  const first = (e?.message ?? String(error)).split('\n')[0] ?? '';
  return { ok: false, message: explainCel(first, e?.node), offset: e?.node?.pos ?? 0 };
}

const ACCOUNT_FACTS = ['loops', 'sessions', 'days_since_last_contact', 'stage'];

/** CEL's messages, in a trainer's words. */
function explainCel(message: string, node: CelErrorLike['node']): string {
  const noKey = /^No such key: (\S+)/.exec(message);
  const target = Array.isArray(node?.args) ? (node.args[0] as { op?: string; args?: unknown }) : undefined;
  if (noKey && target?.op === 'id' && target.args === 'account')
    return `unknown account fact "${noKey[1]}" (account has: ${ACCOUNT_FACTS.join(', ')})`;
  if (noKey)
    return `unknown question id "${noKey[1]}" in condition (answers.<id> must name a question of this bank)`;
  const noVar = /^Unknown variable: (\S+)/.exec(message);
  if (noVar)
    return `unknown name "${noVar[1]}" in condition (use answers.<id>, previous.<id> or account.<fact>)`;
  const overload = /^no such overload: (.+)$/.exec(message);
  if (overload)
    return `type mismatch in condition: cannot use ${overload[1]} (compare an answer with a value of its own type)`;
  const noFunction = /^found no matching overload for '((\w+)\(.*\))'$/.exec(message);
  const usage = FUNCTION_USAGE[noFunction?.[2] ?? ''];
  if (noFunction && usage) return `${noFunction[1]} does not fit: write ${usage}`;
  if (noFunction)
    return `no function ${noFunction[1]} (functions: ${OUR_FUNCTIONS.join(', ')}, and CEL's own)`;
  if (/^Unexpected token: EOF/.test(message))
    return 'condition ends too early: something is missing at its end';
  return `condition: ${message}`;
}

/** An answer as a CEL value: whole-number scales are CEL ints (BigInt), numbers doubles. */
function celValue(value: AnswerValue, type: QuestionType | undefined): unknown {
  return type === 'scale' && typeof value === 'number' ? BigInt(Math.round(value)) : value;
}

function celContext(context: ConditionContext, questions: BankQuestions): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(context.answers)) {
    if (value === undefined || value === null || !questions.has(id)) continue;
    answers[id] = celValue(value, questions.get(id)?.type);
  }
  // Earlier answers to this bank's questions have the same CEL types as this session's.
  const previous: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(context.previous)) {
    if (value === undefined || value === null) continue;
    previous[id] = celValue(value, questions.get(id)?.type);
  }
  const { account } = context;
  return {
    answers,
    previous,
    account: {
      loops: account.loops,
      sessions: BigInt(account.sessions),
      days_since_last_contact: BigInt(account.days_since_last_contact),
      stage: account.stage,
    },
  };
}
