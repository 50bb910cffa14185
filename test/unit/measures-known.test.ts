import { describe, expect, it } from 'vitest';
import { type Background, NO_BACKGROUND } from '../../src/journey/background.js';
import { completeMeasure, knownMeasure } from '../../src/journey/interview.js';
import { bankFrom } from '../helpers.js';

const bank = bankFrom(`id: r
version: 1
loop: results
title: R
questions:
  - { id: days, ask: Days to go live?, type: measure, unit: days, direction: lower, baseline_from: days_before, target_from: days_goal }
  - { id: nps, ask: Recommend score?, type: measure }
`);
const [days, nps] = bank.questions;
if (!days || !nps) throw new Error('questions missing');

const background = (previous: Background['previous']): Background => ({ ...NO_BACKGROUND, previous });

describe('what is known of a measure before it is taken', () => {
  it('takes the baseline and target from the Knowledge answers the bank names, and the direction from the bank', () => {
    expect(knownMeasure(days, background({ days_before: 56, days_goal: 14 }))).toEqual({
      baseline: 56,
      target: 14,
      direction: 'lower',
    });
  });

  it('prefers what earlier check-ins recorded', () => {
    expect(
      knownMeasure(days, background({ days_before: 56, days: { baseline: 60, target: 10, actual: 30 } })),
    ).toEqual({
      baseline: 60,
      target: 10,
      direction: 'lower',
    });
  });

  it('remembers the first check-in at the third: a check-in that recorded only its actual forgets nothing', () => {
    const first = { baseline: 40, target: 80, direction: 'higher' as const, by: '2026-12-31', actual: 50 };
    const known = knownMeasure(nps, {
      ...NO_BACKGROUND,
      previous: { nps: { actual: 55 } },
      history: { nps: [first, { actual: 55 }] },
    });
    expect(known).toEqual({ baseline: 40, target: 80, direction: 'higher', by: '2026-12-31' });
  });

  it('knows nothing of a new measure without a bank default', () => {
    expect(knownMeasure(nps, NO_BACKGROUND)).toEqual({
      baseline: undefined,
      target: undefined,
      direction: undefined,
    });
  });

  it('records what was known with the first actual, and only the actual afterwards', () => {
    expect(completeMeasure(days, { actual: 30 }, background({ days_before: 56, days_goal: 14 }))).toEqual({
      actual: 30,
      baseline: 56,
      target: 14,
      direction: 'lower',
    });
    expect(
      completeMeasure(days, { actual: 20 }, background({ days: { baseline: 56, target: 14, actual: 30 } })),
    ).toEqual({ actual: 20 });
    expect(
      completeMeasure(days, { actual: 30, baseline: 50 }, background({ days_before: 56 })),
    ).toMatchObject({ baseline: 50 });
  });
});
