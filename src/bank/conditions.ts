// Conditions in CEL (Common Expression Language): parsed and type-checked when a bank loads,
// evaluated against the interview's context while it runs. Question `when`s and rules share one
// environment: this session's answers, the account's previous answers, account facts, and the
// functions changed(), added(), removed() and answered().
import { Environment } from '@marcbachmann/cel-js';
import { type AccountFacts, EMPTY_ACCOUNT } from '../model/account.js';
import type { AnswerValue } from '../model/answer.js';
import { addedItems, removedItems, sameAnswer } from '../model/compare.js';
import { measureState, measureValues } from '../model/measures.js';
import type { QuestionType } from '../model/question.js';
import {
  type ChoiceTest,
  choiceTests,
  LIST_FUNCTIONS,
  MEASURE_FUNCTIONS,
  questionReferences,
  unsupportedPattern,
} from './expression.js';

export type { ChoiceTest } from './expression.js';

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
  /** The account's latest earlier answer to each question id, from any earlier session and bank. */
  previous: Readonly<Record<string, AnswerValue>>;
  account: AccountFacts;
}

export function emptyContext(answers: Readonly<Record<string, AnswerValue>> = {}): ConditionContext {
  return { answers, previous: {}, account: EMPTY_ACCOUNT };
}

/** What the expression environment knows: each question id and its answer type. */
export type AnswerTypes = ReadonlyMap<string, QuestionType | undefined>;

export interface ConditionEnvironment {
  env: Environment;
  types: AnswerTypes;
  /** The context the functions read while one evaluation runs (evaluation is synchronous). */
  current: { context: ConditionContext };
}

export type Condition = (context: ConditionContext) => boolean;

export type CompileResult =
  | { ok: true; evaluate: Condition; dependsOn: string[]; readsPrevious: string[]; choiceTests: ChoiceTest[] }
  | { ok: false; message: string; offset: number };

export function conditionEnvironment(types: AnswerTypes): ConditionEnvironment {
  const fields: Record<string, string> = {};
  for (const [id, type] of types) fields[id] = type ? CEL_TYPE[type] : 'dyn';
  const current = { context: emptyContext() };
  const now = (q: string) => current.context.answers[q];
  const before = (q: string) => current.context.previous[q];
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
      return a !== undefined && b !== undefined && !sameAnswer(a, b);
    })
    .registerFunction('added(string): list<string>', (q: string) => addedItems(now(q), before(q)))
    .registerFunction('added(string, string): list<string>', (q: string, since: string) =>
      addedItems(now(q), before(since)),
    )
    // Measures: behind("m") when the latest actual is short of the target; met("m") when it reached it.
    .registerFunction(
      'behind(string): bool',
      (q: string) => measureState(measureValues(before(q), now(q))).behind,
    )
    .registerFunction('met(string): bool', (q: string) => {
      const state = measureState(measureValues(before(q), now(q)));
      return state.progress !== null && state.progress >= 100;
    })
    .registerFunction('removed(string): list<string>', (q: string) => removedItems(now(q), before(q)))
    .registerFunction('removed(string, string): list<string>', (q: string, since: string) =>
      removedItems(now(q), before(since)),
    );
  return { env, types, current };
}

export function compileCondition(ce: ConditionEnvironment, expression: string): CompileResult {
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = ce.env.parse(expression);
  } catch (error) {
    return celFailure(error);
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
  const badPattern = unsupportedPattern(parsed.ast);
  if (badPattern) return { ok: false, ...badPattern };
  const refs = questionReferences(parsed.ast);
  const uses = refs.filter((r) => r.via !== 'previous');
  for (const use of uses) {
    if (use.via === 'answers') continue;
    if (!ce.types.has(use.id)) {
      return {
        ok: false,
        message: `unknown question id "${use.id}" in ${use.via}() (name a question of this bank)`,
        offset: use.offset,
      };
    }
    const type = ce.types.get(use.id);
    if (MEASURE_FUNCTIONS.includes(use.via) && type && type !== 'measure') {
      return {
        ok: false,
        message: `${use.via}("${use.id}") needs a measure question, but "${use.id}" is ${type}`,
        offset: use.offset,
      };
    }
    if (LIST_FUNCTIONS.includes(use.via) && type && type !== 'multi' && type !== 'list') {
      return {
        ok: false,
        message: `${use.via}("${use.id}") needs a multi or list question, but "${use.id}" is ${type}`,
        offset: use.offset,
      };
    }
  }
  return {
    ok: true,
    dependsOn: [...new Set(uses.map((u) => u.id))],
    readsPrevious: [...new Set(refs.filter((r) => r.via === 'previous').map((r) => r.id))],
    choiceTests: choiceTests(parsed.ast),
    evaluate: (context) => {
      ce.current.context = context;
      try {
        return parsed(celContext(context, ce.types)) === true;
      } catch {
        // An answer the expression needs is not given yet (or was skipped): the condition does not hold.
        return false;
      }
    },
  };
}

function celFailure(error: unknown): { ok: false; message: string; offset: number } {
  const e = error as { message?: string; node?: { pos?: number } } | undefined;
  const first = (e?.message ?? String(error)).split('\n')[0] ?? '';
  return { ok: false, message: explainCel(first), offset: e?.node?.pos ?? 0 };
}

/** CEL's messages, in a trainer's words. */
function explainCel(message: string): string {
  const noKey = /^No such key: (\S+)/.exec(message);
  if (noKey)
    return `unknown question id "${noKey[1]}" in condition (answers.<id> must name a question of this bank)`;
  const noVar = /^Unknown variable: (\S+)/.exec(message);
  if (noVar)
    return `unknown name "${noVar[1]}" in condition (use answers.<id>, previous.<id> or account.<fact>)`;
  const overload = /^no such overload: (.+)$/.exec(message);
  if (overload)
    return `type mismatch in condition: cannot use ${overload[1]} (compare an answer with a value of its own type)`;
  const noFunction = /^found no matching overload for '(.+)'$/.exec(message);
  if (noFunction)
    return `no function ${noFunction[1]} (functions: answered, changed, added, removed, and CEL's own)`;
  if (/^Unexpected token: EOF/.test(message))
    return 'condition ends too early: something is missing at its end';
  return `condition: ${message}`;
}

/** The context as CEL values: whole-number scales and counts are CEL ints (BigInt), numbers doubles. */
function celContext(context: ConditionContext, types: AnswerTypes): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(context.answers)) {
    if (value === undefined || value === null || !types.has(id)) continue;
    answers[id] = types.get(id) === 'scale' && typeof value === 'number' ? BigInt(Math.round(value)) : value;
  }
  const { account } = context;
  return {
    answers,
    previous: context.previous,
    account: {
      loops: account.loops,
      sessions: BigInt(account.sessions),
      days_since_last_contact: BigInt(account.days_since_last_contact),
      stage: account.stage,
    },
  };
}
