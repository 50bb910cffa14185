// Parses a bank's text into a QuestionBank, or into every problem found, each with its position.
import { createHash } from 'node:crypto';
import { DEFAULT_SHIFT_SIMILARITY, DEFAULT_SHIFT_THRESHOLD, normaliseText } from '../model/compare.js';
import type { Choice, Cue, Question } from '../model/question.js';
import { ROLE_USES, ROLES } from '../model/roles.js';
import { type Condition, flattenQuestions, type QuestionBank, type Rule } from './bank.js';
import {
  type ChoiceTest,
  type CompileResult,
  type ConditionSite,
  compileCondition,
  conditionEnvironment,
} from './conditions.js';
import { checkExamples } from './example-checks.js';
import {
  bankPaths,
  questionFacts,
  type RawQuestion,
  type RawRule,
  rawAliases,
  rawQuestions,
  rawRules,
  rawSimilarity,
} from './raw.js';
import { type BankInput, BankSchema, type QuestionInput, type RuleInput } from './schema.js';
import { schemaProblems } from './schema-problems.js';

export { bankPaths };

import {
  locate,
  locateInScalar,
  type Path,
  readYaml,
  type SourceProblem,
  type YamlResult,
  type YamlSource,
} from '../yaml/source.js';

export type BankResult =
  | { ok: true; bank: QuestionBank /** What the schema made of the YAML. */; data: BankInput }
  | { ok: false; problems: SourceProblem[] };

export interface ParseOptions {
  /**
   * Question ids of the Knowledge banks a loop-back may send the prospect back to. A Knowledge bank
   * checks `revisit` against its own questions; other banks against these, when given.
   */
  knowledgeIds?: ReadonlySet<string> | undefined;
}

export function parseBank(text: string, file: string, options: ParseOptions = {}): BankResult {
  return buildBank(readYaml(text, file), options);
}

/** The loop a bank's YAML declares, read before the bank is built (Knowledge banks build first). */
export function declaredLoop(yaml: YamlResult): unknown {
  return yaml.ok && yaml.value && typeof yaml.value === 'object'
    ? (yaml.value as { loop?: unknown }).loop
    : undefined;
}

export function buildBank(yaml: YamlResult, options: ParseOptions = {}): BankResult {
  if (!yaml.ok) return yaml;
  const { value, source } = yaml;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [error(source, [], 'a bank is a map with id, version, loop, title and questions')],
    };
  }
  const parsed = BankSchema.safeParse(value, { reportInput: true });
  const raw = rawQuestions(value);
  const rules = rawRules(value);
  const loop = (value as { loop?: unknown }).loop;
  const checked = checkReferences(source, value, raw, rules, revisitTargets(value, raw, options), loop);
  const problems = [
    ...(parsed.success ? [] : schemaProblems(source, parsed.error.issues)),
    ...checked.problems,
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const bank = toBank(parsed.data, source, checked);
  const exampleProblems = checkExamples(source, bank, parsed.data.examples ?? []);
  if (exampleProblems.length > 0) return { ok: false, problems: exampleProblems };
  return { ok: true, bank, data: parsed.data };
}

/** The question ids a loop-back's `revisit` may name, or undefined when they cannot be known here. */
function revisitTargets(
  value: object,
  raw: RawQuestion[],
  options: ParseOptions,
): ReadonlySet<string> | undefined {
  if ((value as Record<string, unknown>).loop === 'knowledge') {
    return new Set(raw.flatMap((q) => (q.id ? [q.id] : [])));
  }
  return options.knowledgeIds;
}

/** What the checks found out about a bank beyond its data: what building it needs. */
export interface Checked {
  problems: SourceProblem[];
  aliases: Map<string, string>;
  /** Where each question and rule sits, by id. */
  paths: { questions: Map<string, Path>; rules: Map<string, Path> };
  choiceTests: Map<string, ChoiceTest[]>;
  conditions: Map<string, Condition>;
  rules: Map<string, CompileResult & { ok: true }>;
}

function checkReferences(
  source: YamlSource,
  value: object,
  raw: RawQuestion[],
  rules: RawRule[],
  knowledgeIds: ReadonlySet<string> | undefined,
  loop: unknown,
): Checked {
  const problems: SourceProblem[] = [];
  checkDuplicateIds(source, raw, 'question', problems);
  checkDuplicateChoices(source, raw, problems);
  checkDuplicateCues(source, raw, problems);
  checkDuplicateIds(source, rules, 'rule', problems);
  checkRoles(source, raw, loop, problems);
  const aliases = aliasMap(source, value, problems);
  const env = conditionEnvironment(questionFacts(raw), { aliases, shiftSimilarity: rawSimilarity(value) });
  const compile = (expression: string, path: Path, site: () => ConditionSite) => {
    const compiled = compileCondition(env, expression, site);
    if (compiled.ok) return compiled;
    const { line, col } = locateInScalar(source, path, compiled.offset);
    problems.push({ file: source.file, line, col, severity: 'error', message: compiled.message });
    return undefined;
  };
  // Runtime errors name the line of the condition; finding it needs the position-keeping parse.
  const site = (path: Path, kind: ConditionSite['kind'], id: string) => () => ({
    file: source.file,
    line: locate(source, path).line,
    kind,
    id,
  });
  const conditions = new Map<string, Condition>();
  const choiceTests = new Map<string, ChoiceTest[]>();
  for (const q of raw) {
    if (q.when === undefined) continue;
    const when = [...q.path, 'when'];
    const compiled = compile(q.when, when, site(when, 'question', q.id ?? '?'));
    if (compiled && q.id) {
      conditions.set(q.id, compiled.evaluate);
      choiceTests.set(q.id, compiled.choiceTests);
    }
  }
  const compiledRules = new Map<string, CompileResult & { ok: true }>();
  for (const rule of rules) {
    const when = [...rule.path, 'when'];
    const compiled =
      rule.when === undefined ? undefined : compile(rule.when, when, site(when, 'rule', rule.id ?? '?'));
    if (compiled && rule.id) compiledRules.set(rule.id, compiled);
    for (const target of rule.revisit) {
      if (knowledgeIds && !knowledgeIds.has(target.id)) {
        problems.push(
          error(source, target.path, `revisit names "${target.id}", which is not a Knowledge-loop question`),
        );
      }
    }
  }
  return {
    problems,
    aliases,
    paths: bankPaths(value, { questions: raw, rules }),
    conditions,
    choiceTests,
    rules: compiledRules,
  };
}

/**
 * The bank's aliases as normalised alias → normalised canonical name (each canonical name stands
 * for itself). A name may stand for one canonical name only.
 */
function aliasMap(source: YamlSource, value: object, problems: SourceProblem[]): Map<string, string> {
  const map = new Map<string, string>();
  const spelled = new Map<string, string>();
  const entries = rawAliases(value);
  for (const { canonical } of entries) {
    map.set(normaliseText(canonical), normaliseText(canonical));
    spelled.set(normaliseText(canonical), canonical);
  }
  for (const { path, canonical, alias } of entries) {
    const key = normaliseText(alias);
    const to = normaliseText(canonical);
    const taken = map.get(key);
    if (taken === undefined || taken === to) {
      map.set(key, to);
      continue;
    }
    const other = spelled.get(taken) ?? taken;
    const message =
      taken === key
        ? `"${alias}" is a name of its own in aliases, so it cannot also stand for "${canonical}"`
        : `alias "${alias}" already stands for "${other}": a name can stand for one name only, not also "${canonical}"`;
    problems.push(error(source, path, message));
  }
  return map;
}

/** Ids must be unique among their kind (questions, rules); the second use is the error. */
function checkDuplicateIds(
  source: YamlSource,
  items: readonly { id?: string | undefined; path: Path }[],
  kind: 'question' | 'rule',
  problems: SourceProblem[],
): void {
  const seen = new Map<string, Path>();
  for (const item of items) {
    if (item.id === undefined) continue;
    const first = seen.get(item.id);
    if (!first) {
      seen.set(item.id, item.path);
      continue;
    }
    const { line } = locate(source, first);
    problems.push(
      error(source, [...item.path, 'id'], `duplicate ${kind} id "${item.id}" (first used on line ${line})`),
    );
  }
}

function checkDuplicateChoices(source: YamlSource, raw: RawQuestion[], problems: SourceProblem[]): void {
  for (const q of raw) {
    const choiceIds = new Set<string>();
    for (const c of q.choices) {
      if (choiceIds.has(c.id))
        problems.push(error(source, c.path, `duplicate choice "${c.id}" in "${q.id}"`));
      choiceIds.add(c.id);
    }
  }
}

/** A question's cue ids are unique within it: heard("q", "cue") names one. */
function checkDuplicateCues(source: YamlSource, raw: RawQuestion[], problems: SourceProblem[]): void {
  for (const q of raw) {
    const seen = new Set<string>();
    for (const cue of q.cues) {
      if (seen.has(cue.id)) problems.push(error(source, cue.path, `duplicate cue "${cue.id}" in "${q.id}"`));
      seen.add(cue.id);
    }
  }
}

/** Each role belongs to one loop's bank, needs an answer of a fitting type, and is held by one question. */
function checkRoles(source: YamlSource, raw: RawQuestion[], loop: unknown, problems: SourceProblem[]): void {
  for (const role of ROLES) {
    const use = ROLE_USES[role];
    const holders = raw.filter((q) => q.role === role);
    for (const q of holders) {
      if (use.loop !== undefined && loop !== use.loop) {
        problems.push(
          error(source, [...q.path, 'role'], `only a ${capitalised(use.loop)} bank has a ${use.noun}`),
        );
      }
      if (q.type && !use.types.includes(q.type)) {
        problems.push(
          error(
            source,
            [...q.path, 'role'],
            `a ${use.noun} is a ${use.types.join(' or ')} question, not ${q.type}`,
          ),
        );
      }
    }
    for (const q of holders.slice(1)) {
      const { line } = locate(source, holders[0]?.path ?? []);
      problems.push(
        error(source, [...q.path, 'role'], `a bank has one ${use.noun}; line ${line} is already it`),
      );
    }
  }
}

/** How long one question takes on a call, with its follow-ups and probing, unless a bank says. */
export const DEFAULT_SECONDS_PER_QUESTION = 150;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function error(source: YamlSource, path: Path, message: string): SourceProblem {
  const { line, col } = locate(source, path);
  return { file: source.file, line, col, severity: 'error', message };
}

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
