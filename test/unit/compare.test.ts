import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addedItems,
  answerRank,
  DEFAULT_SHIFT_SIMILARITY,
  DEFAULT_SHIFT_THRESHOLD,
  daysMoved,
  isMaterialShift,
  normaliseText,
  relativeChange,
  removedItems,
  type ShiftOptions,
  sameAnswer,
  shiftVerdict,
} from '../../src/model/compare.js';

describe('shift detection: a material change, not a re-typed answer', () => {
  it.each([
    ['same text', 'Nobody owns the handoff', 'Nobody owns the handoff', false],
    ['case', 'Nobody owns the handoff', 'nobody OWNS the handoff', false],
    ['white space', 'Nobody owns the handoff', '  Nobody   owns\tthe handoff ', false],
    ['punctuation', 'Nobody owns the handoff.', 'Nobody owns the handoff!', false],
    ['punctuation inside', 'sales-to-onboarding handoff', 'sales to onboarding handoff', false],
    ['new content', 'Nobody owns the handoff', 'The tool cannot model multi-entity customers', true],
    [
      'reworded',
      'Nobody owns the handoff between sales and CS',
      'No one owns the hand-off from sales to CS',
      false,
    ],
    [
      'one word of three changed (close to call: the threshold decides)',
      'Nobody owns the handoff',
      'Finance owns the handoff',
      false,
    ],
    ['another subject', 'Onboarding is slow', 'Billing errors upset customers', true],
    ['number within the threshold', 45000, 50000, false],
    ['number at the threshold', 100, 120, false],
    ['number beyond the threshold', 100, 121, true],
    ['number falling beyond it', 45000, 20000, true],
    ['from zero', 0, 1, true],
    ['list reordered', ['CFO', 'RevOps'], ['RevOps', 'cfo'], false],
    ['list item added', ['CFO'], ['CFO', 'RevOps'], true],
    ['list item removed', ['CFO', 'RevOps'], ['CFO'], true],
    ['yes to no', true, false, true],
  ])('%s', (_name, before, after, shifted) => {
    expect(isMaterialShift(before, after)).toBe(shifted);
  });

  it('uses the bank threshold for numbers', () => {
    expect(isMaterialShift(100, 110, 0.05)).toBe(true);
    expect(isMaterialShift(100, 150, 0.6)).toBe(false);
    expect(isMaterialShift(100, 110, { threshold: 0.05, similarity: 0.5 })).toBe(true);
  });

  it("uses the bank's shift_similarity for texts", () => {
    const [a, b] = ['Nobody owns the handoff', 'Finance owns the handoff'];
    expect(isMaterialShift(a, b, { threshold: 0.2, similarity: 0.5 })).toBe(false);
    expect(isMaterialShift(a, b, { threshold: 0.2, similarity: 0.7 })).toBe(true);
  });

  it('never flags an answer re-typed with other case, spacing or punctuation (property)', () => {
    const variant = (text: string) =>
      fc.constantFrom(
        text.toUpperCase(),
        text.toLowerCase(),
        ` ${text.replace(/ /g, '  ')} `,
        `${text}.`,
        `${text}!?`,
      );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z]+( [A-Za-z]+){0,5}$/).chain((t) => fc.tuple(fc.constant(t), variant(t))),
        ([text, typed]) => {
          expect(isMaterialShift(text, typed)).toBe(false);
        },
      ),
    );
  });
});

describe('list comparison', () => {
  it('reports items added and removed, ignoring case and spacing', () => {
    expect(addedItems(['VP CS', 'CFO'], ['vp  cs', 'RevOps'])).toEqual(['CFO']);
    expect(removedItems(['VP CS', 'CFO'], ['vp  cs', 'RevOps'])).toEqual(['RevOps']);
  });

  it('reports nothing when there is nothing to compare with', () => {
    expect(addedItems(['CFO'], undefined)).toEqual([]);
    expect(addedItems(undefined, ['CFO'])).toEqual([]);
  });

  it('normalises text', () => {
    expect(normaliseText('  The CFO, too!  ')).toBe('the cfo too');
    expect(sameAnswer('Yes', 'yes.')).toBe(true);
  });
});

const options: ShiftOptions = { threshold: DEFAULT_SHIFT_THRESHOLD, similarity: DEFAULT_SHIFT_SIMILARITY };
const aliases = new Map([
  ['cfo', 'finance'],
  ['finance team', 'finance'],
  ['finance', 'finance'],
  ['vp cs', 'vp customer success'],
]);

describe('shift verdict: same, unsure (a rep decides) or moved', () => {
  it.each([
    ['a text reworded', 'Our onboarding is too slow', 'Onboarding is too slow for us', {}, 'same'],
    [
      'a text about something else',
      'Onboarding takes eight weeks',
      'Our tool cannot model multi-entity customers',
      {},
      'moved',
    ],
    ['one key word of three changed', 'Nobody owns the handoff', 'Finance owns the handoff', {}, 'unsure'],
    [
      'the same with a stricter bank',
      'Nobody owns the handoff',
      'Finance owns the handoff',
      { similarity: 0.9 },
      'moved',
    ],
    ['a choice id changed (not by words)', 'being_set', 'approved', { type: 'choice' }, 'moved'],
    ['a choice id the same', 'approved', 'Approved', { type: 'choice' }, 'same'],
    ['a date moved', '2026-03-31', '2026-04-30', { type: 'date' }, 'moved'],
    ['a number within the threshold', 100, 115, {}, 'same'],
    ['a number beyond it', 100, 125, {}, 'moved'],
    ['a number beyond a looser threshold', 100, 125, { threshold: 0.3 }, 'same'],
    ['zero to zero', 0, 0, {}, 'same'],
    ['a measure by its actual', { actual: 10, target: 5 }, { actual: 11 }, {}, 'same'],
    ['a measure moved', { actual: 10 }, { actual: 20 }, {}, 'moved'],
    ['a measure without an actual', { target: 5 }, { actual: 20 }, {}, 'same'],
    ['a list respelled', ['VP CS', 'RevOps'], ['revops', 'vp  cs'], {}, 'same'],
    ['a list with an alias', ['CFO', 'VP CS'], ['Finance', 'VP Customer Success'], { aliases }, 'same'],
    ['a list with an alias, without the map', ['CFO'], ['Finance'], {}, 'moved'],
    ['a list with an item added', ['CFO'], ['Finance', 'Legal'], { aliases }, 'moved'],
    ['a list with an item removed', ['CFO', 'Legal'], ['finance team'], { aliases }, 'moved'],
    ['yes to no', true, false, {}, 'moved'],
    ['yes to yes', true, true, {}, 'same'],
  ] as const)('%s', (_name, before, after, extra, verdict) => {
    expect(shiftVerdict(before as never, after as never, { ...options, ...extra })).toBe(verdict);
  });

  it('decides an unsure text by the threshold alone in isMaterialShift (scripted runs)', () => {
    const [a, b] = ['Nobody owns the handoff', 'Finance owns the handoff'];
    expect(shiftVerdict(a, b, options)).toBe('unsure');
    expect(isMaterialShift(a, b, options)).toBe(false);
    expect(isMaterialShift(a, b, { ...options, similarity: 0.7 })).toBe(true);
  });
});

describe('list comparison with aliases', () => {
  it.each([
    [['Finance', 'Legal'], ['CFO'], ['Legal'], []],
    [['finance team'], ['CFO', 'VP CS'], [], ['VP CS']],
    [['VP Customer Success'], ['vp cs'], [], []],
    [['Head of CS'], ['VP CS'], ['Head of CS'], ['VP CS']],
  ])('%j against %j: added %j, removed %j', (now, before, added, removed) => {
    expect(addedItems(now, before, aliases)).toEqual(added);
    expect(removedItems(now, before, aliases)).toEqual(removed);
  });

  it('compares lists with aliases in sameAnswer too', () => {
    expect(sameAnswer(['CFO'], ['Finance'], aliases)).toBe(true);
    expect(sameAnswer(['CFO'], ['Finance'])).toBe(false);
  });
});

describe('answers on a scale', () => {
  it.each([
    ['a number', 12.5, undefined, 12.5],
    ['a measure by its actual', { actual: 3, target: 1 }, undefined, 3],
    ['a measure without an actual', { target: 1 }, undefined, undefined],
    ['a date by its day', '1970-01-03', undefined, 2],
    ['a choice by its place', 'approved', ['none', 'being_set', 'approved'], 2],
    ['a free answer among ordered choices', 'someday', ['none', 'approved'], undefined],
    ['a text', 'approved', undefined, undefined],
    ['nothing', undefined, undefined, undefined],
  ] as const)('%s', (_name, value, order, rank) => {
    expect(answerRank(value as never, order)).toBe(rank);
  });

  it.each([
    [100, 125, 0.25],
    [100, 80, -0.2],
    [-100, -50, 0.5],
    [0, 10, 0],
    [undefined, 10, 0],
    [{ actual: 10 }, { actual: 5 }, -0.5],
  ] as const)('relative change from %j to %j is %d', (before, now, change) => {
    expect(relativeChange(before as never, now as never)).toBeCloseTo(change);
  });

  it.each([
    ['2026-03-31', '2026-04-30', 30],
    ['2026-04-30', '2026-04-16', -14],
    ['2026-12-31', '2027-01-01', 1],
    [undefined, '2026-01-01', 0],
    ['soon', '2026-01-01', 0],
  ] as const)('a date from %s to %s moved %d days', (before, now, days) => {
    expect(daysMoved(before, now)).toBe(days);
  });
});
