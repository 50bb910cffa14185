// The quick check of a session's shape (model/session-shape.ts) and zod's SessionSchema agree:
// whatever the quick check accepts, the schema accepts with the same result, keys in the same order;
// and every session the schema accepts is accepted quickly, but one with keys this release does
// not know (left to the schema on purpose, which keeps them).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { unknownKeys } from '../../src/model/known-keys.js';
import { QUESTION_TYPES } from '../../src/model/question.js';
import { ROLES } from '../../src/model/roles.js';
import { SessionSchema } from '../../src/model/session-schema.js';
import { quickSessionShape } from '../../src/model/session-shape.js';
import { parseSession, serializeSession } from '../../src/store/session-file.js';
import { readPlainYaml } from '../../src/yaml/plain.js';
import { sessionFixture } from '../helpers.js';

/** A value with its keys in order, at every level: what toEqual does not compare. */
const ordered = (value: unknown): string => JSON.stringify(value, (_key, v) => (Number.isNaN(v) ? 'NaN' : v));

function expectAgreement(value: unknown): void {
  const quick = quickSessionShape(value);
  const schema = SessionSchema.safeParse(value);
  if (quick !== undefined) {
    expect(schema.success).toBe(true);
    expect(quick).toStrictEqual(schema.data);
    expect(ordered(quick)).toBe(ordered(schema.data));
  } else if (schema.success) {
    expect(unknownKeys(SessionSchema, schema.data)).not.toEqual([]);
  }
}

/** Mostly one of the good values, sometimes one of the bad. */
const mostly = (good: readonly unknown[], bad: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 60, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );
const keys = (...names: string[]) => fc.constantFrom(...names);

const texts = mostly(['What is it?', 'x', 'é: #1'], ['', 0, null, true, []]);
const times = mostly(
  ['2026-01-01T09:00:00.000Z', '2026-02-28T23:59:59Z', '2026-03-01T10:00:00+02:00'],
  ['2026-02-30T09:00:00Z', '2026-01-01', '2026-01-01T09:00:00', 'soon', 5],
);
const numbers = mostly([0, 1, -2.5, 1e21], [Number.NaN, Number.POSITIVE_INFINITY, '1']);
const measure = fc.record(
  {
    actual: numbers,
    baseline: numbers,
    target: numbers,
    direction: mostly(['higher', 'lower'], ['up']),
    by: mostly(['2026-06-30'], ['2026-06-31', '2026-06-30T00:00:00Z']),
  },
  { requiredKeys: [] },
);
const answer = fc.oneof(
  { weight: 4, arbitrary: texts },
  { weight: 2, arbitrary: numbers },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.array(mostly(['a', ''], [1, null]), { maxLength: 3 }) },
  { weight: 2, arbitrary: measure },
  { weight: 1, arbitrary: mostly([{}], [null, { other: 1 }]) },
);
const labels = fc.dictionary(keys('a', 'True', '1', ''), mostly(['A', ''], [1]), { maxKeys: 2 });
/** A key this release does not know, now and then. */
const stray = mostly([{}], [{ mood: 'sunny' }]);
/** A map with a key this release does not know now and then, and now and then its keys in another order. */
const withStray = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc
    .tuple(arb, stray, fc.constantFrom('as written', 'as written', 'as written', 'reversed'))
    .map(([v, s, order]) => {
      const map = { ...v, ...(s as object) };
      return order === 'reversed' ? Object.fromEntries(Object.entries(map).reverse()) : map;
    });

const entry = withStray(
  fc.record(
    {
      question: texts,
      ask: texts,
      type: mostly(QUESTION_TYPES, ['essay']),
      unit: mostly(['days', ''], [1]),
      labels,
      role: mostly(ROLES, ['boss']),
      tracks: mostly(['problem'], ['solution']),
      answer,
      skipped: mostly([true], [false]),
      heard: fc.array(mostly(['cue'], ['']), { maxLength: 2 }),
      at: times,
    },
    { requiredKeys: ['question', 'ask', 'type', 'at'] },
  ),
);
const bank = fc.record({
  id: texts,
  version: mostly([1, 2], [1.5, 2 ** 60, '1']),
  hash: texts,
  title: texts,
});
const basis = fc.dictionary(keys('q1', ''), answer, { maxKeys: 2 });
const evidence = fc.record(
  { question: texts, ask: texts, before: answer, after: answer, labels },
  { requiredKeys: ['question', 'ask'] },
);
const flag = withStray(
  fc.record(
    {
      id: mostly(['f-1', 'ab2-10'], ['F-1', 'f1', 'f-']),
      rule: texts,
      message: texts,
      evidence: fc.array(evidence, { maxLength: 2 }),
      revisit: fc.array(mostly(['q', ''], [1]), { maxLength: 2 }),
      decision: mostly(['deferred', 'reevaluated'], ['later']),
      basis,
      at: times,
    },
    { requiredKeys: ['id', 'rule', 'message', 'evidence', 'revisit', 'decision', 'at'] },
  ),
);
const list = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 40, arbitrary: fc.array(arb, { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  );

const session = withStray(
  fc.record(
    {
      format: mostly([1], [2, '1']),
      id: mostly(['20260101T090000Z-knowledge-abc1234'], ['20260101-knowledge-x', 'x']),
      account: texts,
      loop: mostly(['knowledge', 'options', 'results'], ['other']),
      bank,
      contact: texts,
      deal: texts,
      rep: texts,
      quick: mostly([true], [false]),
      status: mostly(['in_progress', 'complete'], ['done']),
      started: times,
      updated: times,
      completed: times,
      entries: list(entry),
      notes: list(
        fc.record(
          { text: texts, question: mostly(['q', ''], [1]), at: times },
          { requiredKeys: ['text', 'at'] },
        ),
      ),
      flags: list(flag),
      tips: list(
        fc.record({ rule: texts, text: texts, basis, at: times }, { requiredKeys: ['rule', 'text', 'at'] }),
      ),
      shifts: list(fc.record({ question: texts, ask: texts, before: answer, after: answer, at: times })),
      revisits: list(fc.record({ flag: texts, bank, entries: fc.array(entry, { maxLength: 2 }), at: times })),
      resolved: list(fc.record({ flag: texts, how: mostly(['restated'], ['dropped']), at: times })),
      judgements: list(
        fc.record({
          question: texts,
          before: answer,
          after: answer,
          verdict: mostly(['reworded', 'moved'], ['same']),
          at: times,
        }),
      ),
      warnings: list(fc.record({ text: texts, at: times })),
    },
    {
      requiredKeys: [
        'format',
        'id',
        'account',
        'loop',
        'bank',
        'status',
        'started',
        'updated',
        'entries',
        'notes',
      ],
    },
  ),
);

describe('quickSessionShape', () => {
  it('gives what SessionSchema gives, keys in its order, for any value a session file could hold', () => {
    fc.assert(fc.property(session, expectAgreement), { numRuns: 3000 });
  });

  it('accepts the sessions journey writes, read back by the line reader', () => {
    const full = sessionFixture('abc1234', 'knowledge', '02', {
      contact: 'Dana',
      entries: [
        {
          question: 'q1',
          ask: 'Why?',
          type: 'text',
          answer: 'Because: it is',
          at: '2026-03-02T10:00:00.000Z',
        },
        {
          question: 'q2',
          ask: 'How much?',
          type: 'measure',
          answer: { actual: 3, target: 5, direction: 'higher', by: '2026-06-30' },
          at: '2026-03-02T10:00:00.000Z',
        },
      ],
      flags: [
        {
          id: 'f-1',
          rule: 'manual',
          message: 'Look again',
          evidence: [{ question: 'q1', ask: 'Why?', before: 'a', after: ['b'] }],
          revisit: ['q1'],
          decision: 'deferred',
          at: '2026-03-02T10:00:00.000Z',
        },
      ],
    });
    const read = readPlainYaml(serializeSession(full));
    expect(quickSessionShape(read)).toBeDefined();
    expectAgreement(read);
  });

  it('leaves to the schema a key it does not know, a value it refuses, a default it does not hold', () => {
    const good = readPlainYaml(serializeSession(sessionFixture('abc1234', 'results', '03'))) ?? {};
    expect(quickSessionShape(good)).toBeDefined();
    expect(quickSessionShape({ ...good, mood: 'sunny' })).toBeUndefined();
    expect(quickSessionShape({ ...good, started: '2026-02-30T10:00:00Z' })).toBeUndefined();
    expect(quickSessionShape({ ...good, flags: null })).toBeUndefined();
    const { flags: _flags, ...without } = good;
    expect(quickSessionShape(without)?.flags).toEqual([]);
  });

  it('is what parseSession tries first: zod reads only a session it leaves, and still names a newer key', () => {
    const safeParse = vi.spyOn(SessionSchema, 'safeParse');
    try {
      const text = serializeSession(sessionFixture('abc1234', 'knowledge', '02', { contact: 'Dana' }));
      const plain = parseSession(text, 'plain.yaml');
      expect(plain.ok && plain.session.contact).toBe('Dana');
      expect(safeParse).not.toHaveBeenCalled();
      const newer = parseSession(`${text}mood: sunny\n`, 'newer.yaml');
      expect(newer.ok && newer.unknown).toEqual(['mood']);
      expect(safeParse).toHaveBeenCalled();
    } finally {
      safeParse.mockRestore();
    }
  });
});
