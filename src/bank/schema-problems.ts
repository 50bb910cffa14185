// Turns zod's findings into sentences a trainer understands, placed at the YAML node they concern.
import type { z } from 'zod';
import { closest } from '../model/suggest.js';
import { isFlowMap, locate, type Path, type SourceProblem, type YamlSource } from '../yaml/positions.js';
import {
  ACCOUNT_KEYS,
  BANK_KEYS,
  CHOICE_KEYS,
  CUE_KEYS,
  EXAMPLE_KEYS,
  EXPECT_KEYS,
  LABEL_KEYS,
  LOOP_BACK_KEYS,
  QUESTION_KEYS,
  RULE_KEYS,
} from './schema.js';

export function schemaProblems(source: YamlSource, issues: readonly z.core.$ZodIssue[]): SourceProblem[] {
  return issues.flatMap((issue) => {
    const inMap = mapAlternativeIssues(issue);
    if (inMap) return schemaProblems(source, inMap);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key] as Path;
        // `{ label: Yes, really }` reads as a key "really" without a value.
        const hint =
          isFlowMap(source, issue.path as Path) && source.doc.getIn(path) == null
            ? ' Inside { … } a comma starts a new key: put text that has a comma in quotes.'
            : '';
        return problemAt(source, path, unknownKeyMessage(issue.path as Path, key) + hint, true);
      });
    }
    return [problemAt(source, issue.path as Path, describeIssue(issue))];
  });
}

/**
 * A map written where a text or a map is allowed (a choice, a cue) was meant as the map: report
 * what is wrong inside it (an unknown key, a missing one) rather than that it is neither.
 */
function mapAlternativeIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return undefined;
  const input = issue.input;
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const asMap = issue.errors.find((branch) =>
    branch.every((i) => i.path.length > 0 || i.code !== 'invalid_type'),
  );
  return asMap?.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

function problemAt(source: YamlSource, path: Path, message: string, key = false): SourceProblem {
  const { line, col } = locate(source, path, { key });
  return { file: source.file, line, col, severity: 'error', message };
}

function keysExpectedAt(path: Path): readonly string[] {
  const last = path.at(-1);
  const parent = path.at(-2);
  if (path.length === 0) return BANK_KEYS;
  if (last === 'labels') return LABEL_KEYS;
  if (typeof last === 'number' && parent === 'choices') return CHOICE_KEYS;
  if (typeof last === 'number' && parent === 'listen_for') return CUE_KEYS;
  if (typeof last === 'number' && parent === 'rules') return RULE_KEYS;
  if (last === 'loop_back') return LOOP_BACK_KEYS;
  if (typeof last === 'number' && parent === 'examples') return EXAMPLE_KEYS;
  if (last === 'expect') return EXPECT_KEYS;
  if (last === 'account') return ACCOUNT_KEYS;
  return QUESTION_KEYS;
}

function unknownKeyMessage(path: Path, key: string): string {
  const expected = keysExpectedAt(path);
  const near = closest(key, expected);
  const hint = near ? `did you mean "${near}"? ` : '';
  return `unknown key "${key}": ${hint}(expected one of: ${expected.join(', ')})`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = nameOf(issue.path as Path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing ${name}`;
      return `${name} should be ${article(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `${name} must be one of: ${issue.values.map(String).join(', ')} (got ${describeValue(issue.input)})`;
    case 'invalid_union':
      return issue.path.at(-2) === 'listen_for'
        ? `${name} should be a text or a map with "id" and "text"`
        : `${name} should be a text or a map with "id" and "label"`;
    case 'custom':
      return issue.message;
    case 'too_small':
      if (issue.origin === 'array') return `${name}: ${issue.message}`;
      return `${name} ${issue.message}`;
    default:
      return `${name} ${issue.message}`;
  }
}

function nameOf(path: Path): string {
  const last = path.at(-1);
  if (last === undefined) return 'the bank';
  if (typeof last === 'number') return `item ${last + 1} of "${String(path.at(-2))}"`;
  return `"${last}"`;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    boolean: 'true or false',
    int: 'a whole number',
    array: 'a list',
    object: 'a map of keys',
  };
  return words[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
