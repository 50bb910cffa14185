// A bank put together from YAML whose shape is known good (checked by the schema, or by the quick
// check that gives the same: shape.ts): the reference checks, then the QuestionBank the runner uses.
import { createHash } from 'node:crypto';
import { DEFAULT_SHIFT_SIMILARITY, DEFAULT_SHIFT_THRESHOLD } from '../model/compare.js';
import type { Choice, Cue, Question } from '../model/question.js';
import {
  locate,
  type Path,
  type SourceProblem,
  type YamlResult,
  type YamlSource,
} from '../yaml/positions.js';
import { flattenQuestions, type QuestionBank, type Rule } from './bank.js';
import type { CompileResult } from './conditions.js';
import { checkExamples } from './example-checks.js';
import { rawQuestions, rawRules } from './raw.js';
import { type Checked, checkReferences, type ParseOptions, revisitTargets } from './references.js';
import type { BankInput, QuestionInput, RuleInput } from './schema.js';

export type BankResult =
  | { ok: true; bank: QuestionBank /** What the schema made of the YAML. */; data: BankInput }
  | { ok: false; problems: SourceProblem[] };

/** The loop a bank's YAML declares, read before the bank is built (Knowledge banks build first). */
export function declaredLoop(yaml: YamlResult): unknown {
  return yaml.ok && yaml.value && typeof yaml.value === 'object'
    ? (yaml.value as { loop?: unknown }).loop
    : undefined;
}

/**
 * Builds the bank once its shape is checked: `shape` is what the schema made of `value`, or the
 * problems it found (reported before those of the reference checks, which run either way).
 */
export function assembleBank(
  source: YamlSource,
  value: object,
  shape: { data: BankInput } | { problems: SourceProblem[] },
  options: ParseOptions = {},
): BankResult {
  const raw = rawQuestions(value);
  const rules = rawRules(value);
  const loop = (value as { loop?: unknown }).loop;
  const checked = checkReferences(source, value, raw, rules, revisitTargets(value, raw, options), loop);
  const problems = [...('problems' in shape ? shape.problems : []), ...checked.problems];
  if (!('data' in shape) || problems.length > 0) return { ok: false, problems };
  const bank = toBank(shape.data, source, checked);
  const exampleProblems = checkExamples(source, bank, shape.data.examples ?? []);
  if (exampleProblems.length > 0) return { ok: false, problems: exampleProblems };
  return { ok: true, bank, data: shape.data };
}

/** How long one question takes on a call, with its follow-ups and probing, unless a bank says. */
export const DEFAULT_SECONDS_PER_QUESTION = 150;

export function toBank(data: BankInput, source: YamlSource, checked: Checked): QuestionBank {
  const lineOf = (path: Path | undefined) => () => (path ? locate(source, path).line : 0);
  const questions = data.questions.map((q) => toQuestion(q, (id) => lineOf(checked.paths.questions.get(id))));
  const all = flattenQuestions(questions);
  const bank: QuestionBank = {
    id: data.id,
    version: data.version,
    loop: data.loop,
    title: data.title,
    description: data.description,
    minutes: data.minutes,
    secondsPerQuestion: data.seconds_per_question ?? DEFAULT_SECONDS_PER_QUESTION,
    questions,
    all,
    byId: new Map(all.map((q) => [q.id, q])),
    rules: (data.rules ?? []).flatMap((r) => {
      const compiled = checked.rules.get(r.id);
      return compiled ? [withLazyLine(toRule(r, compiled), lineOf(checked.paths.rules.get(r.id)))] : [];
    }),
    shiftThreshold: data.shift_threshold ?? DEFAULT_SHIFT_THRESHOLD,
    shiftSimilarity: data.shift_similarity ?? DEFAULT_SHIFT_SIMILARITY,
    aliases: checked.aliases,
    examples: data.examples ?? [],
    hash: '',
    file: source.file,
    conditions: checked.conditions,
    conditionChoiceTests: checked.choiceTests,
  };
  // Examples are tests, not what a rep is asked: changing them needs no new version. Hashing a
  // large bank's content takes a while, and only sessions and listings read it: found when first read.
  return withLazy(bank, 'hash', () => contentHash({ ...data, examples: undefined }));
}

/**
 * Gives `value` a `line` found when first read. Finding a line needs the position-keeping YAML
 * parse, which a bank that loads cleanly otherwise never pays for (about 10 ms a bank, several
 * times the fast parse); lines are read only for messages.
 */
function withLazyLine<T extends { line: number }>(value: T, find: () => number): T {
  return withLazy(value, 'line', find);
}

/** Gives `value` a property worked out when first read (and settable, like a plain one). */
function withLazy<T, K extends keyof T>(value: T, key: K, find: () => T[K]): T {
  let known: { value: T[K] } | undefined;
  return Object.defineProperty(value, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      known ??= { value: find() };
      return known.value;
    },
    set: (v: T[K]) => {
      known = { value: v };
    },
  });
}

function toRule(r: RuleInput, compiled: CompileResult & { ok: true }): Rule {
  return {
    id: r.id,
    when: r.when,
    kind: r.loop_back ? 'loop_back' : 'tip',
    message: r.loop_back?.message ?? r.tip ?? '',
    revisit: r.loop_back?.revisit ?? [],
    dependsOn: compiled.dependsOn,
    readsPrevious: compiled.readsPrevious,
    choiceTests: compiled.choiceTests,
    evaluate: compiled.evaluate,
    everyTime: r.every_time ?? false,
    line: 0,
  };
}

function toQuestion(q: QuestionInput, lineOf: (id: string) => () => number, parent?: string): Question {
  const listenFor = q.listen_for ?? [];
  const question: Question = {
    id: q.id,
    ask: q.ask,
    type: q.type,
    why: q.why,
    listenFor: listenFor.map((entry) => (typeof entry === 'string' ? entry : entry.text)),
    cues: listenFor.flatMap((entry): Cue[] => (typeof entry === 'string' ? [] : [entry])),
    required: q.required ?? false,
    tags: q.tags ?? [],
    when: q.when,
    choices: (q.choices ?? []).map(toChoice),
    ordered: q.ordered ?? false,
    other: q.other ?? false,
    unit: q.unit,
    min: q.min,
    max: q.max,
    labels: q.labels ?? {},
    placeholder: q.placeholder,
    direction: q.direction,
    baselineFrom: q.baseline_from,
    targetFrom: q.target_from,
    byFrom: q.by_from,
    tracks: q.tracks,
    role: q.role,
    core: q.core ?? false,
    askRep: q.ask_rep ?? false,
    brief: q.brief !== undefined && q.brief !== false,
    ...(typeof q.brief === 'string' ? { label: q.brief } : {}),
    followUps: (q.follow_ups ?? []).map((f) => toQuestion(f, lineOf, q.id)),
    parent,
    line: 0,
  };
  return withLazyLine(question, lineOf(q.id));
}

function toChoice(c: string | Choice): Choice {
  return typeof c === 'string' ? { id: c, label: c } : c;
}

/** Hashes the content, not the file: comments and layout can change without a new version. */
export function contentHash(data: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 16)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
