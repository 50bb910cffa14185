import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIFT_SIMILARITY, SHIFT_UNSURE_BAND } from '../../src/model/compare.js';
import { contentWords, textSimilarity } from '../../src/model/similarity.js';

describe('content words: what a text says, without its spelling', () => {
  it.each([
    ['case and punctuation', 'Onboarding, TOO slow!', ['onboard', 'slow']],
    ['stop words dropped', 'It is the handoff that we have', ['handoff']],
    ['stems', 'renewals renewing renewed', ['renew']],
    ['"no one" is "nobody", a negation', 'No one owns it', ['not', 'own']],
    ['negations are one word', 'nobody, never, none, without, not', ['not']],
    ["can't and cannot", "We can't see it; we cannot see it", ['not', 'see']],
    ['a possessive', "The reps' forecast and the team's", ['rep', 'forecast', 'team']],
    ['number words as digits', 'eight weeks', ['8', 'week']],
    ['tens and units', 'forty-five days, forty five days', ['45', 'dai']],
    ['thousands', 'forty thousand, 40,000 and 40k', ['40000']],
    ['a percentage', '15% or 15 percent or 15 per cent', ['15', 'percent']],
    ['a decimal number', '2.5 weeks', ['2.5', 'week']],
    ['a hyphenated word alone is one word', 'hand-off', ['handoff']],
    ['words that are also JavaScript names', 'The constructor and toString', ['constructor', 'tostr']],
  ])('%s', (_name, text, words) => {
    expect(contentWords(text)).toEqual(words);
  });

  it('splits a hyphenated word the other text does not close up', () => {
    expect(contentWords('first-year churn', new Set(['year', 'churn']))).toEqual(['first', 'year', 'churn']);
    expect(contentWords('hand-off', new Set(['handoff']))).toEqual(['handoff']);
  });
});

const threshold = DEFAULT_SHIFT_SIMILARITY;

describe('text similarity at the default shift_similarity', () => {
  it.each([
    ['Nobody owns the handoff between sales and CS', 'No one owns the hand-off from sales to CS'],
    [
      'Onboarding takes eight weeks and costs us renewals',
      'Onboarding takes 8 weeks, which costs us renewals',
    ],
    ['Our onboarding is too slow', 'Onboarding is too slow for us'],
    [
      'The forecast comes from reps’ judgement rather than from what is happening in deals',
      'We forecast from what reps believe, not from what is actually happening in their deals',
    ],
    [
      'Our controls exist but nobody collects the evidence, so we cannot prove them to an auditor',
      'The controls are there, but nobody gathers the evidence an auditor needs',
    ],
  ])('the same: "%s" / "%s"', (a, b) => {
    expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(threshold);
  });

  it.each([
    [
      'Onboarding takes eight weeks',
      'Our tool cannot model multi-entity customers',
      threshold - SHIFT_UNSURE_BAND,
    ],
    ['Customers churn in year one', 'Billing errors are causing first-year churn', threshold],
    [
      'Rotas are built by hand in spreadsheets and published too late for staff to plan around',
      'Area managers cover gaps by moving shifts at the last minute because they cannot see who is free across stores',
      threshold - SHIFT_UNSURE_BAND,
    ],
    [
      'Our finance team is too small and the month-end close is manual',
      'Usage data has to be exported by hand by the product team, and finance waits about nine days for it every month',
      threshold,
    ],
  ])('different: "%s" / "%s" (below %d)', (a, b, below) => {
    expect(textSimilarity(a, b)).toBeLessThan(below);
  });

  it('is the Dice coefficient of the content words', () => {
    // {onboard, take, 8, week} and {onboard, take, 8, week, cost, renew}: 2 × 4 / (4 + 6)
    expect(
      textSimilarity('Onboarding takes eight weeks', 'Onboarding takes 8 weeks and costs renewals'),
    ).toBe(0.8);
    expect(textSimilarity('', '')).toBe(1);
    expect(textSimilarity('the', 'churn')).toBe(0);
  });
});

const sentence = fc
  .array(
    fc.constantFrom(
      'nobody',
      'owns',
      'the',
      'handoff',
      'sales',
      'onboarding',
      'eight',
      'weeks',
      'churn',
      'billing',
      'is',
      'slow',
      'our',
      'team',
      'data',
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((words) => words.join(' '));

describe('text similarity, for any text (properties)', () => {
  it('is 1 for a text and itself, symmetric, and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(textSimilarity(a, a)).toBe(1);
        const ab = textSimilarity(a, b);
        expect(ab).toBe(textSimilarity(b, a));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('does not change when a text is re-typed with other case, punctuation or hyphens', () => {
    const retyped = (text: string) =>
      fc.constantFrom(
        text.toUpperCase(),
        `${text}.`,
        `"${text}"!`,
        text.replace(/ /g, ', '),
        text.replace(/ /g, '-'),
        text.replace(/ /, '-'),
      );
    fc.assert(
      fc.property(
        sentence.chain((t) => fc.tuple(fc.constant(t), retyped(t))),
        ([text, typed]) => {
          expect(textSimilarity(text, typed)).toBe(1);
        },
      ),
    );
  });
});
