// Conditions in CEL (Common Expression Language): parsed and type-checked when a bank loads,
// evaluated against the answers given so far while the interview runs.
import { Environment } from '@marcbachmann/cel-js';
import type { QuestionType } from './schema.js';

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
};

/** What the expression environment knows: each question id and its answer type. */
export type AnswerTypes = ReadonlyMap<string, QuestionType | undefined>;

export interface ConditionEnvironment {
  env: Environment;
  types: AnswerTypes;
}

export type CompileResult =
  | { ok: true; evaluate: (answers: Readonly<Record<string, unknown>>) => boolean }
  | { ok: false; message: string; offset: number };

export function conditionEnvironment(types: AnswerTypes): ConditionEnvironment {
  const fields: Record<string, string> = {};
  for (const [id, type] of types) fields[id] = type ? CEL_TYPE[type] : 'dyn';
  const env = new Environment({ limits: { maxAstNodes: 2000, maxDepth: 40 } })
    .registerType('Answers', { fields })
    .registerVariable('answers', 'Answers');
  return { env, types };
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
  return {
    ok: true,
    evaluate: (answers) => {
      try {
        return parsed({ answers: toCel(answers, ce.types) }) === true;
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
  if (noVar) return `unknown name "${noVar[1]}" in condition (write answers.<question_id>)`;
  const overload = /^no such overload: (.+)$/.exec(message);
  if (overload)
    return `type mismatch in condition: cannot use ${overload[1]} (compare an answer with a value of its own type)`;
  if (/^Unexpected token: EOF/.test(message))
    return 'condition ends too early: something is missing at its end';
  return `condition: ${message}`;
}

/** Answers as CEL values: whole-number scales are CEL ints (BigInt); numbers are doubles. */
function toCel(answers: Readonly<Record<string, unknown>>, types: AnswerTypes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === undefined || value === null || !types.has(id)) continue;
    out[id] = types.get(id) === 'scale' && typeof value === 'number' ? BigInt(Math.round(value)) : value;
  }
  return out;
}
