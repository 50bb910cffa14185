// A bank checked in full on an earlier run, kept by its file's content (store/checked-banks.ts keeps
// them under <home>/.cache): built again without the schema, the reference checks or a YAML parse,
// each condition compiled the first time it is evaluated. What the runner and review read of a
// condition before evaluating it (what it reads, the texts it compares) is kept with the bank.
import { createHash } from 'node:crypto';
import type { QuestionType } from '../model/question.js';
import { locate, type Path, type YamlSource } from '../yaml/positions.js';
import { toBank } from './assemble.js';
import type { Condition, QuestionBank } from './bank.js';
import {
  type BankQuestions,
  type ChoiceTest,
  type CompileResult,
  type ConditionEnvironment,
  type ConditionSite,
  compileCondition,
  conditionEnvironment,
} from './conditions.js';
import { bankPaths, questionFacts, rawQuestions, rawRules } from './raw.js';
import type { Checked } from './references.js';
import type { BankInput } from './schema.js';

export interface CheckedCondition {
  when: string;
  /** The question ids it reads; null when it may read any answer. */
  reads: string[] | null;
  choiceTests: ChoiceTest[];
}

export interface CheckedRule extends CheckedCondition {
  dependsOn: string[];
  readsPrevious: string[];
}

export interface CheckedBank {
  loop: string;
  /** The Knowledge-loop question ids its loop-backs were checked against ("" for a Knowledge bank). */
  knowledge: string;
  data: BankInput;
  /** What conditions know of each question (as the bank's YAML wrote it). */
  questions: [string, { type: QuestionType | null; order: string[] | null; cues: string[] }][];
  aliases: [string, string][];
  conditions: Record<string, CheckedCondition>;
  rules: Record<string, CheckedRule>;
}

/** Checked banks by the hash of their file's text. */
export interface CheckedBanks {
  get(textHash: string): CheckedBank | undefined;
  set(textHash: string, bank: CheckedBank): void;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Which Knowledge questions a bank of `loop` was checked against: part of what it was checked with. */
export function knowledgeKey(loop: unknown, knowledgeIds: ReadonlySet<string>): string {
  if (loop === 'knowledge') return '';
  return textHash([...knowledgeIds].sort().join('\n'));
}

/** What to keep of a bank just checked in full (`value` is its YAML as read). */
export function checkedBank(
  bank: QuestionBank,
  data: BankInput,
  value: object,
  knowledgeIds: ReadonlySet<string>,
): CheckedBank {
  // The conditions as the YAML wrote them, which is what was compiled (the schema trims its copy).
  const raw = rawQuestions(value);
  const written = new Map(raw.flatMap((q) => (q.id && q.when !== undefined ? [[q.id, q.when]] : [])));
  const writtenRules = new Map(rawRules(value).flatMap((r) => (r.id && r.when ? [[r.id, r.when]] : [])));
  const conditions: Record<string, CheckedCondition> = {};
  for (const q of bank.all) {
    const condition = bank.conditions.get(q.id);
    const when = written.get(q.id);
    if (when === undefined || !condition) continue;
    conditions[q.id] = {
      when,
      reads: condition.reads ? [...condition.reads] : null,
      choiceTests: bank.conditionChoiceTests.get(q.id) ?? [],
    };
  }
  const rules: Record<string, CheckedRule> = {};
  for (const rule of bank.rules) {
    rules[rule.id] = {
      when: writtenRules.get(rule.id) ?? rule.when,
      reads: rule.evaluate.reads ? [...rule.evaluate.reads] : null,
      choiceTests: rule.choiceTests,
      dependsOn: rule.dependsOn,
      readsPrevious: rule.readsPrevious,
    };
  }
  const facts = [...questionFacts(raw)].map(
    ([id, f]) =>
      [id, { type: f.type ?? null, order: f.order ? [...f.order] : null, cues: [...(f.cues ?? [])] }] as [
        string,
        CheckedBank['questions'][number][1],
      ],
  );
  return {
    loop: bank.loop,
    knowledge: knowledgeKey(bank.loop, knowledgeIds),
    data,
    questions: facts,
    aliases: [...bank.aliases],
    conditions,
    rules,
  };
}

/** The bank again, from what was kept of it; `source` gives lines for messages, when one is needed. */
export function bankFromChecked(checked: CheckedBank, source: YamlSource): QuestionBank {
  const { data } = checked;
  const aliases = new Map(checked.aliases);
  const paths = bankPaths(data);
  const facts: BankQuestions = new Map(
    checked.questions.map(([id, f]) => [
      id,
      { type: f.type ?? undefined, order: f.order ?? undefined, cues: new Set(f.cues) },
    ]),
  );
  let env: ConditionEnvironment | undefined;
  const environment = () =>
    (env ??= conditionEnvironment(facts, { aliases, shiftSimilarity: data.shift_similarity }));
  const lazy = (kept: CheckedCondition, path: Path | undefined, kind: ConditionSite['kind'], id: string) => {
    const when = [...(path ?? []), 'when'];
    const site = () => ({ file: source.file, line: locate(source, when).line, kind, id });
    let compiled: CompileResult & { ok: true };
    const evaluate = (context: Parameters<Condition>[0]) => {
      compiled ??= compiledOrThrow(compileCondition(environment(), kept.when, site), source.file, id);
      return compiled.evaluate(context);
    };
    return Object.assign(evaluate, { reads: kept.reads ?? undefined }) as Condition;
  };
  const conditions = new Map<string, Condition>();
  const choiceTests = new Map<string, ChoiceTest[]>();
  for (const [id, kept] of Object.entries(checked.conditions)) {
    conditions.set(id, lazy(kept, paths.questions.get(id), 'question', id));
    choiceTests.set(id, kept.choiceTests);
  }
  const rules: Checked['rules'] = new Map();
  for (const [id, kept] of Object.entries(checked.rules)) {
    rules.set(id, {
      ok: true,
      evaluate: lazy(kept, paths.rules.get(id), 'rule', id),
      dependsOn: kept.dependsOn,
      readsPrevious: kept.readsPrevious,
      choiceTests: kept.choiceTests,
    });
  }
  return toBank(data, source, { problems: [], aliases, paths, conditions, choiceTests, rules });
}

/** A condition that compiled when its bank was checked compiles again with the same code. */
function compiledOrThrow(result: CompileResult, file: string, id: string): CompileResult & { ok: true } {
  if (result.ok) return result;
  throw new Error(`${file}: the condition of "${id}" no longer compiles: ${result.message}`);
}
