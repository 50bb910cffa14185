// A bank's raw YAML data read defensively: questions, choices and rules with where they sit, so
// reference checks (and messages about any part) work even when the schema check fails.
import { QUESTION_TYPES, type QuestionType } from '../model/question.js';
import type { Path } from '../yaml/positions.js';
import type { BankQuestions } from './expression.js';

export interface RawQuestion {
  path: Path;
  id?: string | undefined;
  type?: QuestionType | undefined;
  when?: string | undefined;
  role?: unknown;
  choices: { path: Path; id: string }[];
  /** `ordered: true`: the choices are in order (increased()/decreased() apply). */
  ordered: boolean;
  /** `listen_for` entries with an id: cues the rep can tick (heard()). */
  cues: { path: Path; id: string }[];
}

/** Questions read defensively from the raw data, so reference checks run even when the schema fails. */
export function rawQuestions(value: object): RawQuestion[] {
  const out: RawQuestion[] = [];
  const walk = (list: unknown, path: Path): void => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (item === null || typeof item !== 'object') return;
      const q = item as Record<string, unknown>;
      const here = [...path, i];
      out.push({
        path: here,
        id: typeof q.id === 'string' ? q.id : undefined,
        type: (QUESTION_TYPES as readonly unknown[]).includes(q.type) ? (q.type as QuestionType) : undefined,
        when: typeof q.when === 'string' ? q.when : undefined,
        role: q.role,
        choices: rawChoices(q.choices, [...here, 'choices']),
        ordered: q.ordered === true,
        cues: rawCues(q.listen_for, [...here, 'listen_for']),
      });
      walk(q.follow_ups, [...here, 'follow_ups']);
    });
  };
  walk((value as Record<string, unknown>).questions, ['questions']);
  return out;
}

/** What conditions need to know of each question: its type, its choices' order, its cues. */
export function questionFacts(raw: readonly RawQuestion[]): BankQuestions {
  const facts = raw.flatMap((q) => {
    if (!q.id) return [];
    const order = q.ordered ? q.choices.map((c) => c.id) : undefined;
    return [[q.id, { type: q.type, order, cues: new Set(q.cues.map((c) => c.id)) }] as const];
  });
  return new Map(facts);
}

/** The bank's `shift_similarity` when it is a usable one (the schema reports any other). */
export function rawSimilarity(value: object): number | undefined {
  const similarity = (value as { shift_similarity?: unknown }).shift_similarity;
  return typeof similarity === 'number' && similarity >= 0 && similarity <= 1 ? similarity : undefined;
}

function rawChoices(list: unknown, path: Path): { path: Path; id: string }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((c, i) => {
    const id = typeof c === 'string' ? c : (c as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [{ path: [...path, i], id }] : [];
  });
}

function rawCues(list: unknown, path: Path): { path: Path; id: string }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((c, i) => {
    const id = c !== null && typeof c === 'object' ? (c as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? [{ path: [...path, i, 'id'], id }] : [];
  });
}

/** One alias of the bank's `aliases:` map: a name that stands for a canonical one. */
export interface RawAlias {
  path: Path;
  canonical: string;
  alias: string;
}

export function rawAliases(value: object): RawAlias[] {
  const map = (value as Record<string, unknown>).aliases;
  if (!map || typeof map !== 'object' || Array.isArray(map)) return [];
  return Object.entries(map).flatMap(([canonical, list]) =>
    Array.isArray(list)
      ? list.flatMap((alias, i) =>
          typeof alias === 'string' ? [{ path: ['aliases', canonical, i], canonical, alias }] : [],
        )
      : [],
  );
}

export interface RawRule {
  path: Path;
  id?: string | undefined;
  when?: string | undefined;
  revisit: { path: Path; id: string }[];
}

export function rawRules(value: object): RawRule[] {
  const list = (value as Record<string, unknown>).rules;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) => {
    if (item === null || typeof item !== 'object') return [];
    const r = item as Record<string, unknown>;
    const path: Path = ['rules', i];
    const loopBack = r.loop_back as Record<string, unknown> | undefined;
    const revisit = Array.isArray(loopBack?.revisit) ? loopBack.revisit : [];
    return [
      {
        path,
        id: typeof r.id === 'string' ? r.id : undefined,
        when: typeof r.when === 'string' ? r.when : undefined,
        revisit: revisit.flatMap((id, j) =>
          typeof id === 'string' ? [{ path: [...path, 'loop_back', 'revisit', j], id }] : [],
        ),
      },
    ];
  });
}

/** Where each question and rule sits in the YAML, by id: for messages about them. */
export type BankPaths = { questions: Map<string, Path>; rules: Map<string, Path> };

/** Found once per bank value: building a bank and linting it both ask (a large bank's walk is not free). */
const pathsOfValue = new WeakMap<object, BankPaths>();

/**
 * Where each question and rule sits in the YAML, by id: for messages about them. `read` passes the
 * bank's questions and rules when the caller has already read them.
 */
export function bankPaths(
  value: unknown,
  read?: { questions: readonly RawQuestion[]; rules: readonly RawRule[] },
): BankPaths {
  if (!value || typeof value !== 'object') return { questions: new Map(), rules: new Map() };
  const known = pathsOfValue.get(value);
  if (known) return known;
  const raw = read?.questions ?? rawQuestions(value);
  const rules = read?.rules ?? rawRules(value);
  const paths = {
    questions: new Map(raw.flatMap((q) => (q.id ? [[q.id, q.path] as const] : []))),
    rules: new Map(rules.flatMap((r) => (r.id ? [[r.id, r.path] as const] : []))),
  };
  pathsOfValue.set(value, paths);
  return paths;
}
