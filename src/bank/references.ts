// The checks a bank's YAML needs beyond its shape: unique ids, choices and cues, roles in the right
// bank, aliases that stand for one name, loop-backs that name Knowledge questions, and conditions
// that compile (each compiled here, for the bank to use).
import { normaliseText } from '../model/compare.js';
import { ROLE_USES, ROLES } from '../model/roles.js';
import { locate, locateInScalar, type Path, type SourceProblem, type YamlSource } from '../yaml/positions.js';
import type { Condition } from './bank.js';
import {
  type ChoiceTest,
  type CompileResult,
  type ConditionSite,
  compileCondition,
  conditionEnvironment,
} from './conditions.js';
import {
  bankPaths,
  questionFacts,
  type RawQuestion,
  type RawRule,
  rawAliases,
  rawSimilarity,
} from './raw.js';

export interface ParseOptions {
  /**
   * Question ids of the Knowledge banks a loop-back may send the prospect back to. A Knowledge bank
   * checks `revisit` against its own questions; other banks against these, when given.
   */
  knowledgeIds?: ReadonlySet<string> | undefined;
}

/** The question ids a loop-back's `revisit` may name, or undefined when they cannot be known here. */
export function revisitTargets(
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

export function checkReferences(
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
          locatedError(
            source,
            target.path,
            `revisit names "${target.id}", which is not a Knowledge-loop question`,
          ),
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
    problems.push(locatedError(source, path, message));
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
      locatedError(
        source,
        [...item.path, 'id'],
        `duplicate ${kind} id "${item.id}" (first used on line ${line})`,
      ),
    );
  }
}

function checkDuplicateChoices(source: YamlSource, raw: RawQuestion[], problems: SourceProblem[]): void {
  for (const q of raw) {
    const choiceIds = new Set<string>();
    for (const c of q.choices) {
      if (choiceIds.has(c.id))
        problems.push(locatedError(source, c.path, `duplicate choice "${c.id}" in "${q.id}"`));
      choiceIds.add(c.id);
    }
  }
}

/** A question's cue ids are unique within it: heard("q", "cue") names one. */
function checkDuplicateCues(source: YamlSource, raw: RawQuestion[], problems: SourceProblem[]): void {
  for (const q of raw) {
    const seen = new Set<string>();
    for (const cue of q.cues) {
      if (seen.has(cue.id))
        problems.push(locatedError(source, cue.path, `duplicate cue "${cue.id}" in "${q.id}"`));
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
          locatedError(source, [...q.path, 'role'], `only a ${capitalised(use.loop)} bank has a ${use.noun}`),
        );
      }
      if (q.type && !use.types.includes(q.type)) {
        problems.push(
          locatedError(
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
        locatedError(source, [...q.path, 'role'], `a bank has one ${use.noun}; line ${line} is already it`),
      );
    }
  }
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function locatedError(source: YamlSource, path: Path, message: string): SourceProblem {
  const { line, col } = locate(source, path);
  return { file: source.file, line, col, severity: 'error', message };
}
