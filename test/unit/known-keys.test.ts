// Keys a newer journey wrote (model/known-keys.ts): found at every level as dotted paths, through
// unions whose option is told by the value's shape (a list, a map) or, failing that, by a parse.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { knownOnly, looseObject, unknownKeys } from '../../src/model/known-keys.js';

const Measure = looseObject({ value: z.number(), unit: z.string() });
const Answer = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), Measure]);
const Either = z.union([looseObject({ a: z.number() }), looseObject({ b: z.string() })]);
const Doc = looseObject({
  answers: z.array(looseObject({ id: z.string(), answer: Answer.optional() })),
  basis: z.record(z.string(), Answer).optional(),
  either: Either.optional(),
});

describe('unknownKeys', () => {
  it.each([
    ['none', { answers: [{ id: 'q', answer: 'text' }] }, []],
    ['at the top', { answers: [], mood: 'sunny' }, ['mood']],
    ['in a list item', { answers: [{ id: 'q', tone: 1 }] }, ['answers.0.tone']],
    [
      'in a measure answer',
      { answers: [{ id: 'q', answer: { value: 1, unit: 'x', at: 't' } }] },
      ['answers.0.answer.at'],
    ],
    ['none in a list answer', { answers: [{ id: 'q', answer: ['a', 'b'] }] }, []],
    [
      'in a record of answers',
      { answers: [], basis: { q: { value: 1, unit: 'x', why: 'y' } } },
      ['basis.q.why'],
    ],
    ['in the option of a union that reads it', { answers: [], either: { b: 'x', c: 1 } }, ['either.c']],
  ])('finds %s', (_name, value, keys) => {
    expect(unknownKeys(Doc, Doc.parse(value))).toEqual(keys);
  });

  it('finds them in a schema that holds itself, at any depth', () => {
    const Part = looseObject({
      name: z.string(),
      get parts() {
        return z.array(Part).optional();
      },
    });
    const value = Part.parse({ name: 'a', parts: [{ name: 'b', parts: [{ name: 'c', size: 1 }] }], tone: 2 });
    expect(unknownKeys(Part, value)).toEqual(['parts.0.parts.0.size', 'tone']);
  });

  it('strips exactly the keys it finds', () => {
    const value = Doc.parse({
      answers: [{ id: 'q', answer: { value: 1, unit: 'x', at: 't' }, tone: 1 }],
      either: { b: 'x', c: 1 },
      mood: 'sunny',
    });
    const known = knownOnly(Doc, value);
    expect(known).toEqual({ answers: [{ id: 'q', answer: { value: 1, unit: 'x' } }], either: { b: 'x' } });
    expect(unknownKeys(Doc, known)).toEqual([]);
  });
});
