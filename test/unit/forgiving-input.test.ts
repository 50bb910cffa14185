// Numbers and dates as a rep types them: currency, separators, k/m, units, "about"; dates in words
// (chrono-node, loaded only for words), loose ISO dates, quarters; answers files read the same way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readScriptedDates } from '../../src/journey/scripted.js';
import { checkAnswer, readNumber } from '../../src/model/answer.js';
import { readDate, readDateNow } from '../../src/model/date-words.js';
import { bankFrom } from '../helpers.js';

const withCommas = (n: number) => n.toLocaleString('en-US');

describe('readNumber', () => {
  it.each([
    ['$85,000', undefined, 85_000],
    ['12k', undefined, 12_000],
    ['1.2m', undefined, 1_200_000],
    ['1.1m', undefined, 1_100_000],
    ['45 days', 'days', 45],
    ['1 day', 'days', 1],
    ['about 40k', undefined, 40_000],
    ['~ 40K', undefined, 40_000],
    ['USD 5,000', undefined, 5000],
    ['€1.2m', undefined, 1_200_000],
    ['85000 EUR', undefined, 85_000],
    ['-$5', undefined, -5],
    ['2bn', undefined, 2e9],
  ])('%j (unit %j) is %d', (typed, unit, value) => {
    expect(readNumber(typed, unit)).toBe(value);
  });

  it.each(['', '$', 'k', 'twelve', '1,2345', '12kk', '1e3k', '30 days'])('%j is no number', (typed) => {
    expect(readNumber(typed)).toBeUndefined();
  });

  it('any whole amount reads back with a currency symbol and thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('', '$', '€', '£'), (n, symbol) => {
        expect(readNumber(`${symbol}${withCommas(n)}`)).toBe(n);
        expect(readNumber(`about ${symbol}${n}`)).toBe(n);
      }),
    );
  });

  it('k and m multiply exactly what is typed, up to three decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(['k', 3], ['m', 6], ['M', 6], ['K', 3]),
        (milli, [suffix, shift]) => {
          const typed = `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}${suffix}`;
          expect(readNumber(typed)).toBe(Number(`${milli}e${(shift as number) - 3}`));
        },
      ),
    );
  });

  it('a number with its unit reads as the number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('days', 'people', 'USD'),
        (n, unit) => {
          expect(readNumber(`${withCommas(n)} ${unit}`, unit)).toBe(n);
        },
      ),
    );
  });

  it('never reads a string without digits as a number', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/\d/.test(s)),
        (s) => {
          expect(readNumber(s)).toBeUndefined();
        },
      ),
    );
  });
});

describe('dates', () => {
  const today = '2026-03-04'; // a Wednesday

  it.each([
    ['2026-1-5', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['next friday', '2026-03-13'],
    ['friday', '2026-03-06'],
    ['in 2 weeks', '2026-03-18'],
    ['in two weeks', '2026-03-18'],
    ['end of Q1', '2026-03-31'],
    ['Q1', '2026-03-31'],
    ['start of Q3', '2026-07-01'],
    ['end of next quarter', '2026-06-30'],
    ['Q2 2027', '2027-06-30'],
    ['june 1', '2026-06-01'],
    ['by end of march', '2026-03-31'],
  ])('%j is %s', async (typed, date) => {
    expect(await readDate(typed, today)).toMatchObject({ ok: true, date });
  });

  it.each(['next friday please', 'the blue moon', '2026-02-30', '2026-13-01', ''])(
    '%j is refused',
    async (typed) => {
      expect((await readDate(typed, today)).ok).toBe(false);
    },
  );

  it('a YYYY-MM-DD date needs no chrono, and any real day in any loose form reads the same', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-');
          expect(readDateNow(iso)).toEqual({ ok: true, date: iso, read: false });
          expect(readDateNow(`${y}-${Number(m)}-${Number(day)}`)).toMatchObject({ ok: true, date: iso });
          expect(checkAnswer({ type: 'date' } as never, `${y}-${Number(m)}-${Number(day)}`)).toEqual({
            ok: true,
            value: iso,
          });
        },
      ),
    );
  });

  it('"in N days" is N days ahead, whatever today is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        async (n, d) => {
          const start = d.toISOString().slice(0, 10);
          const reading = await readDate(`in ${n} days`, start);
          const expected = new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000)
            .toISOString()
            .slice(0, 10);
          expect(reading).toMatchObject({ ok: true, date: expected });
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('an answers file takes the same forgiving input, recorded normalised', () => {
  const bank = bankFrom(`id: forgiving
version: 1
loop: options
title: Forgiving
questions:
  - id: budget
    ask: Budget?
    type: number
    unit: USD
  - id: decide_by
    ask: Decision date?
    type: date
  - id: cycle
    ask: Sales cycle?
    type: number
    unit: days
`);

  it('reads dates in words and loose dates, warns about past ones, and numbers as typed', async () => {
    const { raw, warnings } = await readScriptedDates(
      bank,
      { budget: '$85,000', decide_by: 'end of Q2', cycle: '45 days' },
      'answers.yaml',
      '2026-03-04',
    );
    expect(raw.decide_by).toBe('2026-06-30');
    expect(warnings).toEqual([]);
    expect(checkAnswer(bank.byId.get('budget') as never, raw.budget)).toEqual({ ok: true, value: 85_000 });
    expect(checkAnswer(bank.byId.get('cycle') as never, raw.cycle)).toEqual({ ok: true, value: 45 });
    const past = await readScriptedDates(bank, { decide_by: '2019-1-5' }, 'answers.yaml', '2026-03-04');
    expect(past.raw.decide_by).toBe('2019-01-05');
    expect(past.warnings).toEqual([
      'answers.yaml: "decide_by" is 2019-01-05, in the past: recorded as given',
    ]);
  });
});
