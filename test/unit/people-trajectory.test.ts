// Who is new in a list of people, and whether a measure is behind its trajectory or worsening.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { behindTrajectory, expectedValue, worseningStreak } from '../../src/model/measures.js';
import { canonicalPerson, knownPeople, newPeople } from '../../src/model/people.js';

const aliases = new Map([
  ['cfo', 'finance'],
  ['chief financial officer', 'finance'],
  ['finance', 'finance'],
  ['vp cs', 'vp customer success'],
  ['vp customer success', 'vp customer success'],
  ['ops', 'operations'],
  ['operations', 'operations'],
]);

describe('people', () => {
  it.each([
    ['the same role respelled (alias)', ['Finance'], ['CFO'], []],
    ['case and punctuation', ['VP Customer Success'], ['vp customer-success.'], []],
    ['an abbreviation inside a title', ['VP Research Operations'], ['VP Research Ops'], []],
    ['honorifics', ['Dr. Amara Obi'], ['Amara Obi'], []],
    [
      'naming the holder of a role known without a name',
      ['Chief People Officer'],
      ['Ines Duarte (Chief People Officer)'],
      [],
    ],
    ['a role after its named holder', ['Marcus Lee (CFO)'], ['CFO'], []],
    ['a person known by name, now with a role', ['Dana Ruiz'], ['Dana Ruiz (VP CS)'], []],
    ['someone new', ['VP Customer Success'], ['VP CS', 'Head of Legal'], ['Head of Legal']],
    [
      'a different person in a role someone else held',
      ['Anna Kowalski (VP Engineering)'],
      ['Tomás Herrera (VP Engineering)'],
      ['Tomás Herrera (VP Engineering)'],
    ],
  ])('%s: %j then %j → new %j', (_, before, now, expected) => {
    expect(newPeople(now, knownPeople(before, aliases), aliases)).toEqual(expected);
  });

  it('nobody already named is ever new, however the list is reordered or respelled (property)', () => {
    const names = fc.constantFrom('Finance', 'VP Customer Success', 'Dana Ruiz', 'Head of IT', 'RevOps');
    fc.assert(
      fc.property(fc.array(names, { minLength: 1 }), fc.boolean(), (list, upper) => {
        const respelled = [...list].reverse().map((n) => (upper ? n.toUpperCase() : `${n}.`));
        expect(newPeople(respelled, knownPeople(list, aliases), aliases)).toEqual([]);
      }),
    );
  });

  it('keeps a single word that is not an honorific', () => {
    expect(canonicalPerson('Dr.', aliases)).toBe('dr');
  });
});

describe('measure trajectories', () => {
  const line = { start: '2026-01-01', by: '2026-07-01' };

  it('expects the baseline at the start, the target at the end, a straight line between, and no more after', () => {
    expect(expectedValue(40, 70, line, '2026-01-01')).toBe(40);
    expect(expectedValue(40, 70, line, '2026-07-01')).toBe(70);
    expect(expectedValue(40, 70, line, '2026-12-01')).toBe(70);
    expect(expectedValue(40, 70, line, '2026-04-01')).toBeCloseTo(54.9, 0);
  });

  it.each([
    ['on its line though far from target', 50, '2026-03-01', false],
    ['short of its line', 44, '2026-05-01', true],
    ['within a tenth of the way', 52, '2026-04-01', false],
    ['past the target date, not there yet', 65, '2026-08-01', true],
  ])('higher is better, %s (actual %d on %s): behind %s', (_, actual, today, behind) => {
    const values = [{ baseline: 40, target: 70, direction: 'higher' as const }, { actual }];
    expect(behindTrajectory(values, line, today)).toBe(behind);
  });

  it('lower is better: days to go live falling on schedule is not behind; stuck is', () => {
    const values = (actual: number) => [
      { baseline: 56, target: 14, direction: 'lower' as const },
      { actual },
    ];
    expect(behindTrajectory(values(40), line, '2026-03-01')).toBe(false);
    expect(behindTrajectory(values(55), line, '2026-05-01')).toBe(true);
  });

  it('is never behind without a baseline, a target or an actual', () => {
    expect(behindTrajectory([{ actual: 10 }], line, '2026-05-01')).toBe(false);
    expect(behindTrajectory([{ baseline: 1, target: 5 }], line, '2026-05-01')).toBe(false);
  });

  it.each([
    [[50, 47, 44], 2],
    [[50, 47, 48], 0],
    [[50, 50, 49], 1],
    [[44], 0],
  ])('higher is better: actuals %j worsen %d check-ins in a row', (actuals, streak) => {
    const values = [
      { baseline: 40, target: 70, direction: 'higher' as const },
      ...actuals.map((actual) => ({ actual })),
    ];
    expect(worseningStreak(values)).toBe(streak);
  });
});
