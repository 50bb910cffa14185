// Parses a bank's text into a QuestionBank, or into every problem found, each with its position:
// its shape by the quick check (shape.ts) or, when that is not sure, by the schema, which words
// every problem; then the checks and assembly of assemble.ts.

import type { YamlResult } from '../yaml/positions.js';
import { readYaml } from '../yaml/source.js';
import { assembleBank, type BankResult } from './assemble.js';
import { locatedError, type ParseOptions } from './references.js';
import { BankSchema } from './schema.js';
import { schemaProblems } from './schema-problems.js';
import { quickBankShape } from './shape.js';

export {
  type BankResult,
  contentHash,
  DEFAULT_SECONDS_PER_QUESTION,
  declaredLoop,
  toBank,
} from './assemble.js';
export { bankPaths } from './raw.js';
export type { Checked, ParseOptions } from './references.js';

export function parseBank(text: string, file: string, options: ParseOptions = {}): BankResult {
  return buildBank(readYaml(text, file), options);
}

export function buildBank(yaml: YamlResult, options: ParseOptions = {}): BankResult {
  if (!yaml.ok) return yaml;
  const { value, source } = yaml;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [locatedError(source, [], 'a bank is a map with id, version, loop, title and questions')],
    };
  }
  // The common, valid bank needs no schema run: the quick check gives what the schema would.
  const quick = quickBankShape(value);
  if (quick) return assembleBank(source, value, { data: quick }, options);
  const parsed = BankSchema.safeParse(value, { reportInput: true });
  return assembleBank(
    source,
    value,
    parsed.success ? { data: parsed.data } : { problems: schemaProblems(source, parsed.error.issues) },
    options,
  );
}
