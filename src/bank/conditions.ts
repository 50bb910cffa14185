// Conditions in CEL (Common Expression Language): parsed and checked when a bank loads, evaluated
// against the interview's context while it runs. Question `when`s and rules share one environment:
// this session's answers, the account's previous answers, account facts, the cues the rep ticked,
// and our functions (see OUR_FUNCTIONS in expression.ts and the README's bank format).
// No condition can hang a call: `matches` runs on RE2 (linear time), and every evaluation has a
// budget of work (CONDITION_LIMITS) it cannot exceed.
import type { Environment } from '@marcbachmann/cel-js';
import type { RE2JS } from 're2js';
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
  REGEX_FUNCTION,
  readsUnnamedAnswers,
  referenceProblem,
  regexFunctionWritten,
  staticMistake,
  unsupportedPattern,
  useRe2ForMatches,
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
  /** The context the functions read, and the work done, while one evaluation runs (it is synchronous). */
  current: { context: ConditionContext; meter: Meter };
}

export interface Condition {
  (context: ConditionContext): boolean;
  /**
   * The question ids of this bank whose answers it reads (`answers.<id>`, our functions' ids): its
   * result changes only with them and the background. Undefined when it may read any answer.
   */
  readonly reads?: readonly string[] | undefined;
}

/**
 * The most work one evaluation of a condition may do. A step is one node of the expression
 * evaluated; a list made costs a step per item, a text one per 64 characters, a regular expression
 * one per 64 characters × instructions of its program, our functions by the size of the answers they
 * compare. A real condition uses a few hundred steps; a million is about a tenth of a second.
 */
export const CONDITION_LIMITS = { steps: 1_000_000, listItems: 10_000, textChars: 1_000_000 } as const;

/** Thrown inside CEL to stop an evaluation over budget; the meter keeps why (CEL may swallow it). */
const OVER_BUDGET = new Error('condition over budget');

/** The work one evaluation has done. */
export class Meter {
  used = 0;
  /** Why the evaluation went over its budget, once it has. */
  exceeded: string | undefined;

  charge(steps: number): void {
    this.used += steps;
    if (this.used > CONDITION_LIMITS.steps)
      this.stop(`more than ${CONDITION_LIMITS.steps.toLocaleString('en')} steps`);
  }

  /** A value the expression made or read: lists and texts have a size cap; made ones cost their size. */
  value(value: unknown, made: boolean): void {
    if (typeof value === 'string') {
      if (value.length > CONDITION_LIMITS.textChars)
        this.stop(`a text of more than ${CONDITION_LIMITS.textChars.toLocaleString('en')} characters`);
      if (made) this.charge(value.length >> 6);
    } else if (Array.isArray(value)) {
      if (value.length > CONDITION_LIMITS.listItems)
        this.stop(`a list of more than ${CONDITION_LIMITS.listItems.toLocaleString('en')} items`);
      if (made) this.charge(value.length);
    }
  }

  stop(why: string): never {
    this.exceeded ??= why;
    throw OVER_BUDGET;
  }
}

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
  const current = { context: emptyContext(), meter: new Meter() };
  /** Our functions cost by the size of what they compare: each item or 64 characters is a step. */
  const sizeOf = (value: AnswerValue | undefined): number =>
    value === undefined
      ? 0
      : Array.isArray(value)
        ? value.reduce((n, item) => n + 1 + (item.length >> 6), 0)
        : typeof value === 'string'
          ? 1 + (value.length >> 6)
          : 1;
  const cost = (...values: (AnswerValue | undefined)[]) => {
    current.meter.charge(values.reduce<number>((n, v) => n + sizeOf(v), 1));
  };
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
  const measureHistory = (q: string): MeasureValue[] => {
    const values = [...(current.context.history?.[q] ?? []), now(q)];
    current.meter.charge(values.length);
    return values.flatMap((v) => (typeof v === 'number' ? [{ actual: v }] : isMeasureValue(v) ? [v] : []));
  };
  /** People named now in q who were never named before in q, `also`, or as a call's contact. */
  const peopleAdded = (q: string, also: readonly string[]): string[] => {
    const value = now(q);
    if (!Array.isArray(value)) return [];
    const history = current.context.history ?? {};
    const earlier = [q, ...also].flatMap((id) =>
      (history[id] ?? []).flatMap((v) => (Array.isArray(v) ? v : [])),
    );
    const known = earlier.length + (current.context.contacts?.length ?? 0);
    current.meter.charge(1 + value.length + known + ((value.length * known) >> 6));
    // With nobody named before (a first call), there is no one to be new against.
    if (earlier.length === 0) return [];
    return newPeople(value, knownPeople([...earlier, ...(current.context.contacts ?? [])], aliases), aliases);
  };
  const env = new (cel().Environment)({ limits: { maxAstNodes: 2000, maxDepth: 40 } })
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
      cost(a, b);
      return a !== undefined && b !== undefined && !sameAnswer(a, b, aliases);
    })
    .registerFunction('added(string): list<string>', (q: string) => {
      cost(now(q), before(q));
      return addedItems(now(q), before(q), aliases);
    })
    .registerFunction('added(string, string): list<string>', (q: string, since: string) => {
      cost(now(q), before(since));
      return addedItems(now(q), before(since), aliases);
    })
    .registerFunction('removed(string): list<string>', (q: string) => {
      cost(now(q), before(q));
      return removedItems(now(q), before(q), aliases);
    })
    .registerFunction('removed(string, string): list<string>', (q: string, since: string) => {
      cost(now(q), before(since));
      return removedItems(now(q), before(since), aliases);
    })
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
      cost(a, b);
      return typeof a === 'string' && typeof b === 'string' && textSimilarity(a, b) >= similarity;
    })
    .registerFunction('heard(string, string): bool', (q: string, cue: string) =>
      (current.context.heard?.[q] ?? []).includes(cue),
    )
    .registerFunction('new_people(string): list<string>', (q: string) => peopleAdded(q, []))
    .registerFunction('new_people(string, string): list<string>', (q: string, also: string) =>
      peopleAdded(q, [also]),
    )
    .registerFunction('kept(string): list<string>', (q: string) => {
      // Every item is compared with every earlier one, in other words too.
      current.meter.charge(1 + sizeOf(now(q)) * (1 + sizeOf(before(q))));
      return keptItems(now(q), before(q), aliases, similarity);
    })
    .registerFunction('difference(string): double', (q: string) => difference(before(q), now(q)))
    .registerFunction('worse_streak(string): int', (q: string) => BigInt(worseningStreak(measureHistory(q))))
    // Measures: behind("m") when this call's actual is short of where its trajectory says it should
    // be by the call's date (a call with no new figure judges nothing: an old actual is not compared
    // with today's line); met("m") when it reached the target.
    .registerFunction('behind(string): bool', (q: string) => {
      if (!hasActual(now(q))) return false;
      const { today, since } = current.context;
      const values = measureHistory(q);
      if (!today) return measureState(measureValues(before(q), now(q))).behind;
      const start = since ?? today;
      // The date agreed for the target (from the success plan), else six months from the start.
      const agreed = [...values].reverse().find((v) => v.by !== undefined)?.by;
      return behindTrajectory(
        values,
        { start, by: agreed ?? addMonths(start, DEFAULT_HORIZON_MONTHS) },
        today,
      );
    })
    .registerFunction('met(string): bool', (q: string) => {
      const state = measureState(measureValues(before(q), now(q)));
      return state.progress !== null && state.progress >= 100;
    })
    // CEL's `matches`, on RE2: every `matches` call is renamed to this before it is checked.
    .registerFunction(`string.${REGEX_FUNCTION}(string): bool`, (text: string, pattern: string) =>
      regexMatches(text, pattern, current.meter),
    )
    .registerFunction(`${REGEX_FUNCTION}(string, string): bool`, (text: string, pattern: string) =>
      regexMatches(text, pattern, current.meter),
    );
  return { env, questions, current };
}

type Cel = typeof import('@marcbachmann/cel-js');
let celEngine: Cel | undefined;

/**
 * cel-js, set up the first time a condition is parsed or fails: it builds its standard library as it
 * loads (several milliseconds), which a run that builds its banks from what was kept of them and
 * compiles no condition (a lint of banks checked before) never needs. Required, as conditions compile
 * synchronously; the bundle runs its code only then.
 */
function cel(): Cel {
  celEngine ??= require('@marcbachmann/cel-js') as Cel;
  return celEngine;
}

type Re2 = typeof import('re2js');
let re2: Re2 | undefined;

/**
 * RE2 for JavaScript (re2js, about 300 KB), loaded the first time a pattern needs it: banks compile
 * synchronously, so it is required rather than imported; it stays a package outside the bundle
 * (scripts/build-options.mjs), read only then.
 */
function regexEngine(): Re2 {
  re2 ??= require('re2js') as Re2;
  return re2;
}

/**
 * Whether a pattern is surely valid RE2 without asking the engine: literal characters, `.`, `^`, `$`,
 * `|`, plain groups, `\s \d \w \b` (and their negations) and escaped punctuation, each `*`, `+` or
 * `?` right after something it can repeat. Anything else (classes, counts, `(?`) goes to RE2.
 */
export function isPlainPattern(pattern: string): boolean {
  let depth = 0;
  let repeatable = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[++i] ?? '';
      if (!/[sSdDwWbB.^$|?*+()[\]{}\\/-]/.test(next)) return false;
      repeatable = !/[bB]/.test(next);
    } else if (c === '(') {
      if (pattern[i + 1] === '?') return false;
      depth++;
      repeatable = false;
    } else if (c === ')') {
      if (--depth < 0) return false;
      repeatable = true;
    } else if (c === '*' || c === '+' || c === '?') {
      if (!repeatable) return false;
      repeatable = false;
    } else if (c === '[' || c === ']' || c === '{' || c === '}' || /[\uD800-\uDFFF]/.test(c)) {
      return false;
    } else {
      repeatable = c !== '|' && c !== '^' && c !== '$';
    }
  }
  return depth === 0;
}

/** Compiled patterns by their text (a bank has few; a pattern made from answers may vary). */
const compiled = new Map<string, { regex: RE2JS; instructions: number } | { problem: string }>();

function compilePattern(pattern: string): { regex: RE2JS; instructions: number } | { problem: string } {
  const known = compiled.get(pattern);
  if (known) return known;
  if (compiled.size >= 1000) compiled.clear();
  const { RE2JS: Engine, RE2JSException } = regexEngine();
  let result: { regex: RE2JS; instructions: number } | { problem: string };
  try {
    const regex = Engine.compile(pattern);
    const program = (regex.re2Input as { prog?: { numInst?: () => number } }).prog;
    result = { regex, instructions: program?.numInst?.() ?? pattern.length };
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    result = { problem: regexProblem(error.message) };
  }
  compiled.set(pattern, result);
  return result;
}

/** RE2's reason in a trainer's words. */
function regexProblem(message: string): string {
  const reason = message.replace(/^error parsing regexp: /, '');
  return /\\[1-9]|\(\?<?[=!]|named capture/.test(message)
    ? `${reason} (conditions use RE2 regular expressions, which have no backreferences or lookaround)`
    : reason;
}

/** Why RE2 cannot run a pattern, or undefined when it can (bank load: the engine loads only if needed). */
export function patternProblem(pattern: string): string | undefined {
  if (isPlainPattern(pattern)) return undefined;
  const result = compilePattern(pattern);
  return 'problem' in result ? result.problem : undefined;
}

/** CEL `matches`: whether the pattern matches anywhere in the text, in time linear in the text. */
function regexMatches(text: string, pattern: string, meter: Meter): boolean {
  meter.charge(1 + (pattern.length >> 3));
  const result = compilePattern(pattern);
  if ('problem' in result) {
    throw new (cel().EvaluationError)(`regular expression "${pattern}" is not supported: ${result.problem}`);
  }
  meter.charge(Math.ceil((text.length * result.instructions) / 64));
  return result.regex.test(text);
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
  const checked = checkedOnce(ce, expression);
  if (!checked.ok) return checked;
  const { parsed, refs } = checked;
  const uses = refs.filter((r) => r.via !== 'previous');
  const dependsOn = [...new Set(uses.map((u) => u.id))];
  const evaluate = (context: ConditionContext): boolean => {
    // Counting the work is set up on the first evaluation: a bank that is only checked never pays.
    if (!checked.metered) {
      meterEvaluation(parsed.ast, ce.current);
      checked.metered = true;
    }
    const meter = new Meter();
    ce.current.context = context;
    ce.current.meter = meter;
    let result: unknown;
    let failure: { error: unknown } | undefined;
    try {
      result = parsed(celContext(context, ce.questions));
    } catch (error) {
      failure = { error };
    }
    // Over budget is the failure, whatever CEL made of it (`||` and exists() swallow errors).
    if (meter.exceeded) {
      throw new ConditionRuntimeError(
        `condition took too much work: ${meter.exceeded} (limit what it goes through, or test size() first)`,
        site?.(),
        failure && { cause: failure.error },
      );
    }
    if (!failure) return result === true;
    // An answer the expression needs is not given yet (or was skipped): the condition does not hold.
    if (isMissingAnswer(failure.error)) return false;
    throw new ConditionRuntimeError(runtimeDetail(failure.error, expression), site?.(), {
      cause: failure.error,
    });
  };
  return {
    ok: true,
    dependsOn,
    readsPrevious: [...new Set(refs.filter((r) => r.via === 'previous').map((r) => r.id))],
    choiceTests: checked.choiceTests,
    evaluate: Object.assign(evaluate, { reads: checked.readsUnnamed ? undefined : dependsOn }),
  };
}

type ParsedCondition = ReturnType<Environment['parse']>;

type CheckedCondition =
  | {
      ok: true;
      parsed: ParsedCondition;
      refs: ReturnType<typeof questionReferences>;
      choiceTests: ChoiceTest[];
      readsUnnamed: boolean;
      metered: boolean;
    }
  | { ok: false; message: string; offset: number };

/** Each environment's checked conditions by their text: a bank that repeats one checks it once. */
const checkedConditions = new WeakMap<ConditionEnvironment, Map<string, CheckedCondition>>();

function checkedOnce(ce: ConditionEnvironment, expression: string): CheckedCondition {
  let known = checkedConditions.get(ce);
  if (!known) {
    known = new Map();
    checkedConditions.set(ce, known);
  }
  let checked = known.get(expression);
  if (!checked) {
    checked = checkCondition(ce, expression);
    known.set(expression, checked);
  }
  return checked;
}

function checkCondition(ce: ConditionEnvironment, expression: string): CheckedCondition {
  let parsed: ParsedCondition;
  try {
    parsed = ce.env.parse(expression);
  } catch (error) {
    return celFailure(error);
  }
  // An answer where a question id belongs reads better than the type error it also is.
  const early = staticMistake(parsed.ast);
  if (early) return { ok: false, ...early };
  // Only a condition that names `matches` (or our name for it) can call it: the others skip the walks.
  if (expression.includes('atches')) {
    const pattern = unsupportedPattern(parsed.ast, patternProblem) ?? regexFunctionWritten(parsed.ast);
    if (pattern) return { ok: false, ...pattern };
    useRe2ForMatches(parsed.ast);
  }
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
  const mistake = referenceProblem(refs, cueReferences(parsed.ast), ce.questions);
  if (mistake) return { ok: false, ...mistake };
  return {
    ok: true,
    parsed,
    refs,
    choiceTests: choiceTests(parsed.ast),
    readsUnnamed: readsUnnamedAnswers(parsed.ast),
    metered: false,
  };
}

/** Operations that make a new value (a list, a text): it costs its size. Others read one. */
const MAKES_VALUES = new Set(['call', 'rcall', '+', 'list', 'comprehension']);

interface CelNode {
  op: string;
  args: unknown;
  meta: {
    alternate?: CelNode;
    macro?: { evaluate: EvaluateNode } & Record<string, unknown>;
    evaluate: EvaluateNode;
  };
  evaluate: EvaluateNode;
}
type EvaluateNode = (this: unknown, evaluator: unknown, node: unknown, scope: unknown) => unknown;

function isCelNode(value: object): value is CelNode {
  const v = value as Partial<CelNode>;
  return typeof v.op === 'string' && typeof v.evaluate === 'function' && typeof v.meta === 'object';
}

/**
 * Counts the work of every evaluation against the meter of the one running: each node of the
 * checked tree (macro expansions included) is one step, and the values it makes are measured.
 * cel-js offers no hook for this; a node's own `evaluate` is what its evaluator calls.
 */
function meterEvaluation(ast: unknown, current: { meter: Meter }): void {
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (isCelNode(value)) {
      meter(value);
      visit(value.args);
      visit(value.meta.alternate);
      visit(value.meta.macro);
      return;
    }
    // Comprehensions and macros keep their parts in plain objects; anything else (types, scopes) is not tree.
    if (Object.getPrototypeOf(value) === Object.prototype)
      for (const part of Object.values(value)) visit(part);
  };
  const meter = (node: CelNode): void => {
    const makes = MAKES_VALUES.has(node.op);
    node.evaluate = function metered(evaluator, self, scope) {
      current.meter.charge(1);
      const { alternate, macro, evaluate } = node.meta;
      const value = alternate
        ? alternate.evaluate(evaluator, alternate, scope)
        : macro
          ? macro.evaluate(evaluator, macro, scope)
          : evaluate.call(node, evaluator, self, scope);
      current.meter.value(value, makes);
      return value;
    };
  };
  visit(ast);
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
  const first = ((e?.message ?? String(error)).split('\n')[0] ?? '').replaceAll(REGEX_FUNCTION, 'matches');
  return { ok: false, message: explainCel(first, e?.node), offset: e?.node?.pos ?? 0 };
}

const ACCOUNT_FACTS = ['loops', 'sessions', 'days_since_last_contact', 'stage'];

/** How CEL's own functions that trainers reach for are written. */
const CEL_USAGE: Readonly<Record<string, string>> = {
  matches: 'text.matches("pattern") or matches(text, "pattern")',
};

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
  const usage = { ...FUNCTION_USAGE, ...CEL_USAGE }[noFunction?.[2] ?? ''];
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
  const { account } = context;
  return {
    answers: answersView(context.answers, questions),
    previous: celPrevious(context.previous, questions),
    account: {
      loops: account.loops,
      sessions: BigInt(account.sessions),
      days_since_last_contact: BigInt(account.days_since_last_contact),
      stage: account.stage,
    },
  };
}

/**
 * This session's answers as CEL reads them, converted one at a time as the expression reads them:
 * an evaluation costs what it reads, not the number of answers (cel-js reads an object type's
 * fields by property).
 */
function answersView(answers: ConditionContext['answers'], questions: BankQuestions): object {
  return new Proxy(Object.create(null) as object, {
    get(_target, id) {
      if (typeof id !== 'string' || !questions.has(id)) return undefined;
      const value = answers[id];
      return value === undefined || value === null ? undefined : celValue(value, questions.get(id)?.type);
    },
  });
}

/** Earlier answers as CEL values, converted once per object (a run reads the same one throughout). */
const previousCache = new WeakMap<object, { questions: BankQuestions; values: Record<string, unknown> }>();

function celPrevious(
  previous: ConditionContext['previous'],
  questions: BankQuestions,
): Record<string, unknown> {
  const cached = previousCache.get(previous);
  if (cached?.questions === questions) return cached.values;
  // Earlier answers to this bank's questions have the same CEL types as this session's.
  const values: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(previous)) {
    if (value === undefined || value === null) continue;
    values[id] = celValue(value, questions.get(id)?.type);
  }
  previousCache.set(previous, { questions, values });
  return values;
}

/** An answer that records an actual figure for a measure (a number, or a map with `actual`). */
function hasActual(value: unknown): boolean {
  return typeof value === 'number' || (isMeasureValue(value) && value.actual !== undefined);
}
