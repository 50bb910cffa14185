// The quick check of a bank's shape (bank/shape.ts) and zod's BankSchema agree: whatever the quick
// check accepts, the schema accepts with the same result, and every bank the schema accepts is
// accepted quickly, but for the cases left to the schema on purpose (examples, alias names it trims).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { builtinBankDir } from '../../src/bank/location.js';
import { BankSchema } from '../../src/bank/schema.js';
import { quickBankShape } from '../../src/bank/shape.js';
import { LOOPS } from '../../src/model/loop.js';
import { QUESTION_TYPES } from '../../src/model/question.js';
import { ROLES } from '../../src/model/roles.js';

/** Left to the schema on purpose: examples, and alias names with space around them. */
function leftToSchema(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const bank = value as Record<string, unknown>;
  const aliases = bank.aliases;
  const oddAlias =
    !!aliases &&
    typeof aliases === 'object' &&
    Object.keys(aliases).some((name) => name.trim() !== name || name === '');
  return 'examples' in bank || oddAlias;
}

function expectAgreement(value: unknown): void {
  const quick = quickBankShape(value);
  const schema = BankSchema.safeParse(value);
  if (quick !== undefined) {
    expect(schema.success).toBe(true);
    expect(quick).toEqual(schema.data);
  } else if (!leftToSchema(value)) {
    expect(schema.success).toBe(false);
  }
}

/** Mostly one of the good values, sometimes one of the bad. */
const mostly = <T>(good: readonly T[], bad: readonly T[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );

const ids = mostly(['a', 'q1', 'budget_status', 'x_2'], ['A', '1a', 'a-b', '', ' a', 'é']);
const texts = mostly(
  ['What is it?', '  padded  ', 'x'.repeat(40), ` ${'y'.repeat(40)} `, 'é'],
  ['', '   ', 'x'.repeat(41)],
);
/** Edges of every range the schema checks, on both sides. */
const numbers = fc.constantFrom(
  0,
  1,
  2,
  5,
  7.5,
  10,
  0.2,
  480,
  3600,
  -1,
  10.5,
  11,
  481,
  3601,
  1e21,
  Infinity,
  Number.NaN,
);
const odd = fc.constantFrom(null, true, false, 3, 'text', [], {}, ['a'], { id: 'a' });
/** Mostly a value of the right kind, sometimes anything. */
const maybe = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: odd });

/** A map with the `base` fields and up to `most` of the `optional` ones. */
function someOf(
  base: Record<string, fc.Arbitrary<unknown>>,
  optional: Record<string, fc.Arbitrary<unknown>>,
  most: number,
) {
  return fc.subarray(Object.keys(optional), { maxLength: most }).chain((keys) =>
    fc.record({
      ...base,
      ...Object.fromEntries(keys.map((k) => [k, optional[k] as fc.Arbitrary<unknown>])),
    }),
  );
}

const choice = maybe(fc.oneof(texts, someOf({}, { id: ids, label: texts, extra: texts }, 3)));
const cue = maybe(fc.oneof(texts, someOf({}, { id: ids, text: texts, extra: texts }, 3)));

const questionFields: Record<string, fc.Arbitrary<unknown>> = {
  why: maybe(texts),
  listen_for: maybe(fc.array(cue, { maxLength: 3 })),
  required: maybe(fc.boolean()),
  tags: maybe(fc.array(maybe(texts), { maxLength: 2 })),
  when: maybe(texts),
  choices: maybe(fc.array(choice, { maxLength: 3 })),
  other: maybe(fc.boolean()),
  ordered: maybe(fc.boolean()),
  unit: maybe(texts),
  direction: maybe(mostly(['higher', 'lower'], ['up'])),
  baseline_from: maybe(ids),
  target_from: maybe(ids),
  by_from: maybe(ids),
  min: maybe(numbers),
  max: maybe(numbers),
  labels: maybe(someOf({}, { min: maybe(texts), max: maybe(texts), mid: texts }, 2)),
  placeholder: maybe(texts),
  tracks: maybe(mostly(['problem'], ['solution'])),
  role: maybe(mostly(ROLES, ['hero'])),
  core: maybe(fc.boolean()),
  ask_rep: maybe(fc.boolean()),
  brief: maybe(fc.oneof(fc.boolean(), fc.constantFrom('Budget', ` ${'x'.repeat(40)} `, 'x'.repeat(41), ' '))),
  colour: texts,
};
const questionBase = {
  id: maybe(ids),
  ask: maybe(texts),
  type: maybe(mostly(QUESTION_TYPES, ['essay'])),
};
/** The types each type-bound key applies to (schema.ts, checkTypeFields). */
const TYPE_BOUND: Record<string, readonly string[]> = {
  choices: ['choice', 'multi'],
  other: ['choice', 'multi'],
  ordered: ['choice', 'multi'],
  unit: ['number', 'measure'],
  direction: ['measure'],
  baseline_from: ['measure'],
  target_from: ['measure'],
  min: ['number', 'scale'],
  max: ['number', 'scale'],
  labels: ['scale'],
};
/** Mostly a question whose keys fit its type, sometimes one with any key. */
const leaf = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...QUESTION_TYPES).chain((type) => {
      const fitting = Object.entries(questionFields).filter(
        ([k]) => k !== 'colour' && (TYPE_BOUND[k]?.includes(type) ?? true),
      );
      const needsChoices = type === 'choice' || type === 'multi';
      return someOf(
        {
          ...questionBase,
          type: fc.constant(type),
          ...(needsChoices ? { choices: questionFields.choices } : {}),
        },
        Object.fromEntries(fitting),
        3,
      );
    }),
  },
  { weight: 1, arbitrary: someOf(questionBase, questionFields, 3) },
);
const question = fc
  .tuple(leaf, fc.option(fc.array(leaf, { maxLength: 2 }), { nil: undefined, freq: 3 }))
  .map(([q, followUps]) => (followUps ? { ...q, follow_ups: followUps } : q));

const anyRule = someOf(
  { id: maybe(ids), when: maybe(texts) },
  {
    loop_back: maybe(
      someOf(
        {},
        { message: maybe(texts), revisit: maybe(fc.array(maybe(ids), { maxLength: 2 })), extra: texts },
        2,
      ),
    ),
    tip: maybe(texts),
    every_time: maybe(fc.boolean()),
    extra: texts,
  },
  2,
);
/** Mostly a tip or a loop-back, sometimes any rule. */
const rule = fc.oneof(
  {
    weight: 3,
    arbitrary: someOf({ id: ids, when: texts, tip: texts }, { every_time: maybe(fc.boolean()) }, 1),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      id: ids,
      when: texts,
      loop_back: someOf({ message: texts, revisit: fc.array(ids, { maxLength: 2 }) }, {}, 0),
    }),
  },
  { weight: 1, arbitrary: anyRule },
);

const bank = someOf(
  {
    id: maybe(mostly(['big-bank', 'bank'], ['Big', 'a--b', ''])),
    version: maybe(mostly([1, 2], [0, -1, 1.5, 2 ** 53])),
    loop: maybe(mostly(LOOPS, ['other'])),
    title: maybe(texts),
    questions: maybe(fc.array(question, { minLength: 1, maxLength: 4 })),
  },
  {
    description: maybe(texts),
    shift_threshold: maybe(numbers),
    shift_similarity: maybe(numbers),
    minutes: maybe(numbers),
    seconds_per_question: maybe(numbers),
    aliases: maybe(
      fc.dictionary(
        fc.constantFrom('CFO', ' CFO', 'VP', ''),
        maybe(fc.array(maybe(texts), { maxLength: 2 })),
      ),
    ),
    rules: maybe(fc.array(rule, { maxLength: 3 })),
    examples: fc.constant([]),
    colour: texts,
  },
  3,
);

describe('the quick check of a bank', () => {
  it('agrees with the schema on any bank-like value', () => {
    fc.assert(
      fc.property(bank, (value) => expectAgreement(value)),
      { numRuns: 10000 },
    );
  });

  it('accepts quickly a good share of the banks the schema accepts', () => {
    const values = fc.sample(bank, 6000).filter((v) => !leftToSchema(v));
    const accepted = values.filter((v) => BankSchema.safeParse(v).success);
    expect(accepted.length).toBeGreaterThan(100);
    expect(accepted.every((v) => quickBankShape(v) !== undefined)).toBe(true);
  });

  it('accepts the bank files of the project as the schema does', () => {
    const dirs = [builtinBankDir(), resolve(import.meta.dirname, '../fixtures/banks')];
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
        const value = load(readFileSync(join(dir, file), 'utf8'));
        expectAgreement(value);
        const { examples: _, ...withoutExamples } = value as Record<string, unknown>;
        expectAgreement(withoutExamples);
      }
    }
  });

  it('takes a large generated bank without the schema', () => {
    const questions = Array.from({ length: 500 }, (_, i) => ({
      id: `q${i}`,
      ask: `Question ${i}?`,
      type: i % 3 === 0 ? 'choice' : 'text',
      ...(i % 3 === 0 ? { choices: ['early', 'late'] } : {}),
      listen_for: ['a cue'],
      ...(i > 0 ? { when: `answers.q${i - 1} != ""` } : {}),
    }));
    const value = { id: 'big', version: 1, loop: 'options', title: 'Big', questions };
    expect(quickBankShape(value)).toBeDefined();
    expectAgreement(value);
  });
});
