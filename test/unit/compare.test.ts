import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addedItems,
  isMaterialShift,
  normaliseText,
  removedItems,
  sameAnswer,
} from '../../src/model/compare.js';

describe('shift detection: a material change, not a re-typed answer', () => {
  it.each([
    ['same text', 'Nobody owns the handoff', 'Nobody owns the handoff', false],
    ['case', 'Nobody owns the handoff', 'nobody OWNS the handoff', false],
    ['white space', 'Nobody owns the handoff', '  Nobody   owns\tthe handoff ', false],
    ['punctuation', 'Nobody owns the handoff.', 'Nobody owns the handoff!', false],
    ['punctuation inside', 'sales-to-onboarding handoff', 'sales to onboarding handoff', false],
    ['new content', 'Nobody owns the handoff', 'The tool cannot model multi-entity customers', true],
    ['one word changed', 'Nobody owns the handoff', 'Finance owns the handoff', true],
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
