// The scenario format: its JSON Schema is shipped and matches the code, every scenario of the corpus
// is valid against it, and a broken scenario is reported at its line and column.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isScenario, parseScenario, scenarioJsonSchema } from '../../src/bank/scenario.js';
import { formatProblem } from '../../src/yaml/positions.js';

// ajv is CommonJS: its class is the module's default export's `default`.
const Ajv2020 = ajv2020.default;
const ROOT = resolve(import.meta.dirname, '../..');
const corpus = join(ROOT, 'test/scenarios');

describe('the scenario format', () => {
  it('is the JSON Schema shipped in schema/ (regenerate with: journey bank schema --scenario > schema/scenario.schema.json)', async () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'schema/scenario.schema.json'), 'utf8'));
    expect(shipped).toEqual(await scenarioJsonSchema());
  });

  it('accepts every scenario of the corpus, with the schema and with the parser', async () => {
    const ajv = new Ajv2020({ strict: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(await scenarioJsonSchema());
    const files = readdirSync(corpus).filter((n) => n.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const name of files) {
      const text = readFileSync(join(corpus, name), 'utf8');
      expect(
        validate(load(text, { schema: CORE_SCHEMA })),
        `${name}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
      const read = parseScenario(text, name);
      expect(read.ok, name).toBe(true);
    }
  });

  it('tells a scenario from a bank by its calls', () => {
    expect(isScenario({ scenario: 'x', calls: [] })).toBe(true);
    expect(isScenario({ id: 'b', questions: [] })).toBe(false);
    expect(isScenario(null)).toBe(false);
  });

  it.each([
    ['scenario: x\ncalls:\n  - loop: pricing\n    answers: {}\n', /^s\.yaml:3:5: error: "calls\.0": /],
    ['scenario: x\ncalls:\n  - loop: options\n    answer: {}\n', /^s\.yaml:3:5: error: "calls\.0": /],
    ['scenario: x\ncalls:\n  - won: { on: 2026-02-30 }\n', /^s\.yaml:3:16: error: "calls\.0\.won\.on": /],
    ['scenario: x\ncalls: []\n', /^s\.yaml:2:8: error: "calls": a scenario needs at least one call/],
    [
      'scenario: x\nbank: [a]\ncalls:\n  - loop: options\n    answers: {}\n',
      /^s\.yaml:1:1: error: unknown key "bank"/,
    ],
  ])('reports %j at its line and column', (text, message) => {
    const read = parseScenario(text, 's.yaml');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(formatProblem(read.problems[0] as never)).toMatch(message);
  });
});
