import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bankJsonSchema } from '../../src/bank/json-schema.js';
import { builtinBankDir } from '../../src/bank/location.js';

const schema = bankJsonSchema();
// ajv is CommonJS: its class is the module's default export's `default`.
const Ajv2020 = ajv2020.default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
// Dates and times are checked as formats, not ignored with a warning on every run.
ajvFormats.default(ajv);
const validate = ajv.compile(schema);
const dir = builtinBankDir();

describe('the bank JSON Schema', () => {
  it('is the file shipped in the package (regenerate with: journey bank schema > schema/bank.schema.json)', () => {
    const shipped = JSON.parse(readFileSync(join(dir, '../schema/bank.schema.json'), 'utf8'));
    expect(shipped).toEqual(schema);
  });

  it.each(readdirSync(dir).filter((f) => f.endsWith('.yaml')))(
    'accepts the default bank %s, which points editors at it',
    (file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/bank.schema.json');
      expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  const minimal = {
    id: 'b',
    version: 1,
    loop: 'options',
    title: 'T',
    questions: [{ id: 'a', ask: 'A?', type: 'text' }],
  };
  it.each([
    ['an unknown key', { ...minimal, colour: 'blue' }],
    ['a missing title', { ...minimal, title: undefined }],
    ['an unknown loop', { ...minimal, loop: 'pricing' }],
    ['an unknown question type', { ...minimal, questions: [{ id: 'a', ask: 'A?', type: 'essay' }] }],
    ['a question without ask', { ...minimal, questions: [{ id: 'a', type: 'text' }] }],
    ['an id that is not snake_case', { ...minimal, questions: [{ id: 'Big-One', ask: 'A?', type: 'text' }] }],
    ['a version that is not a whole number', { ...minimal, version: 1.5 }],
    [
      'a follow-up with a typo in a key',
      {
        ...minimal,
        questions: [
          {
            id: 'a',
            ask: 'A?',
            type: 'text',
            follow_ups: [{ id: 'b', ask: 'B?', type: 'text', wen: 'true' }],
          },
        ],
      },
    ],
    ['a rule without a condition', { ...minimal, rules: [{ id: 'r', tip: 'T' }] }],
    ['an example without expect', { ...minimal, examples: [{ name: 'e', answers: {} }] }],
  ])('rejects a bank with %s', (_name, bank) => {
    expect(validate(JSON.parse(JSON.stringify(bank)))).toBe(false);
  });

  it('accepts the minimal bank', () => {
    expect(validate(minimal)).toBe(true);
  });
});

describe('the export JSON Schema', () => {
  it('is the file shipped in the package (UPDATE_GOLDEN=1 regenerates it)', async () => {
    const { writeFileSync } = await import('node:fs');
    const { exportJsonSchema } = await import('../../src/export/json.js');
    const path = join(dir, '../schema/export.schema.json');
    const generated = exportJsonSchema();
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(generated);
    expect(ajv.compile(generated)).toBeTypeOf('function');
  });
});
