// Parses a bank's text into a QuestionBank, or into every problem found, each with its position.
import { createHash } from 'node:crypto';
import type { Choice, Condition, Question, QuestionBank } from './bank.js';
import { type AnswerTypes, compileCondition, conditionEnvironment } from './conditions.js';
import {
  type BankInput,
  BankSchema,
  QUESTION_TYPES,
  type QuestionInput,
  type QuestionType,
} from './schema.js';
import { schemaProblems } from './schema-problems.js';
import {
  locate,
  locateInScalar,
  type Path,
  readYaml,
  type SourceProblem,
  type YamlSource,
} from './source.js';

export type BankResult = { ok: true; bank: QuestionBank } | { ok: false; problems: SourceProblem[] };

export function parseBank(text: string, file: string): BankResult {
  const yaml = readYaml(text, file);
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
  const { problems: semantic, conditions } = checkReferences(source, raw);
  const problems = [...(parsed.success ? [] : schemaProblems(source, parsed.error.issues)), ...semantic];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, bank: toBank(parsed.data, file, conditions) };
}

interface RawQuestion {
  path: Path;
  id?: string | undefined;
  type?: QuestionType | undefined;
  when?: string | undefined;
  choices: { path: Path; id: string }[];
}

/** Questions read defensively from the raw data, so reference checks run even when the schema fails. */
function rawQuestions(value: object): RawQuestion[] {
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
        choices: rawChoices(q.choices, [...here, 'choices']),
      });
      walk(q.follow_ups, [...here, 'follow_ups']);
    });
  };
  walk((value as Record<string, unknown>).questions, ['questions']);
  return out;
}

function rawChoices(list: unknown, path: Path): { path: Path; id: string }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((c, i) => {
    const id = typeof c === 'string' ? c : (c as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [{ path: [...path, i], id }] : [];
  });
}

function checkReferences(
  source: YamlSource,
  raw: RawQuestion[],
): { problems: SourceProblem[]; conditions: Map<string, Condition> } {
  const problems: SourceProblem[] = [];
  const seen = new Map<string, Path>();
  for (const q of raw) {
    if (q.id === undefined) continue;
    const first = seen.get(q.id);
    if (first) {
      const { line } = locate(source, first);
      problems.push(
        error(source, [...q.path, 'id'], `duplicate question id "${q.id}" (first used on line ${line})`),
      );
    } else {
      seen.set(q.id, q.path);
    }
    const choiceIds = new Set<string>();
    for (const c of q.choices) {
      if (choiceIds.has(c.id))
        problems.push(error(source, c.path, `duplicate choice "${c.id}" in "${q.id}"`));
      choiceIds.add(c.id);
    }
  }
  const types: AnswerTypes = new Map(raw.flatMap((q) => (q.id ? [[q.id, q.type] as const] : [])));
  const env = conditionEnvironment(types);
  const conditions = new Map<string, Condition>();
  for (const q of raw) {
    if (q.when === undefined) continue;
    const compiled = compileCondition(env, q.when);
    if (compiled.ok) {
      if (q.id) conditions.set(q.id, compiled.evaluate);
      continue;
    }
    const whenPath = [...q.path, 'when'];
    const { line, col } = locateInScalar(source, whenPath, compiled.offset);
    problems.push({ file: source.file, line, col, severity: 'error', message: compiled.message });
  }
  return { problems, conditions };
}

function error(source: YamlSource, path: Path, message: string): SourceProblem {
  const { line, col } = locate(source, path);
  return { file: source.file, line, col, severity: 'error', message };
}

function toBank(data: BankInput, file: string, conditions: ReadonlyMap<string, Condition>): QuestionBank {
  return {
    id: data.id,
    version: data.version,
    loop: data.loop,
    title: data.title,
    description: data.description,
    questions: data.questions.map((q) => toQuestion(q)),
    hash: contentHash(data),
    file,
    conditions,
  };
}

function toQuestion(q: QuestionInput, parent?: string): Question {
  return {
    id: q.id,
    ask: q.ask,
    type: q.type,
    why: q.why,
    listenFor: q.listen_for ?? [],
    required: q.required ?? false,
    tags: q.tags ?? [],
    when: q.when,
    choices: (q.choices ?? []).map(toChoice),
    other: q.other ?? false,
    unit: q.unit,
    min: q.min,
    max: q.max,
    labels: q.labels ?? {},
    placeholder: q.placeholder,
    followUps: (q.follow_ups ?? []).map((f) => toQuestion(f, q.id)),
    parent,
  };
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
