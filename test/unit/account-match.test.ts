// Which account a typed name means: the same letters whatever the case, accents and punctuation;
// the start of a name; its whole words; and, when nothing matches, names near it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closeNames,
  foldName,
  matchName,
  namesMatching,
  nearNames,
} from '../../src/journey/account-match.js';

const ACCOUNTS = ['Acme, Inc.', 'Globex Corp', 'Café Noir', 'Initech', 'Umbrella Holdings'];

describe('matchName', () => {
  it.each([
    ['acme', 'Acme, Inc.'],
    ['ACME INC', 'Acme, Inc.'],
    ['acme-inc', 'Acme, Inc.'],
    ['globex', 'Globex Corp'],
    ['Globex', 'Globex Corp'],
    ['corp', 'Globex Corp'],
    ['cafe noir', 'Café Noir'],
    ['CAFE', 'Café Noir'],
    ['café n', 'Café Noir'],
    ['holdings', 'Umbrella Holdings'],
    ['init', 'Initech'],
  ])('%j means %j', (typed, name) => {
    expect(matchName(typed, ACCOUNTS)).toEqual({ kind: 'one', name });
  });

  it('several names that start the same are several, most recently active first as given', () => {
    expect(matchName('acme', ['Acme Labs', 'Acme, Inc.', 'Globex'])).toEqual({
      kind: 'several',
      names: ['Acme Labs', 'Acme, Inc.'],
    });
  });

  it('the same letters win over a longer name they start', () => {
    expect(matchName('ACMÉ', ['Acme Labs', 'Acme'])).toEqual({ kind: 'one', name: 'Acme' });
  });

  it.each([['tech'], ['acme labs'], ['noir cafe'], ['zzz'], ['!!']])('%j means none of them', (typed) => {
    expect(matchName(typed, ACCOUNTS)).toEqual({ kind: 'none' });
  });

  it('keeps the marks of scripts where they are letters: a Devanagari vowel sign is part of the name', () => {
    expect(matchName('कमाल', ['कमल'])).toEqual({ kind: 'none' });
    expect(matchName('कमल', ['कमल ट्रेडर्स'])).toEqual({ kind: 'one', name: 'कमल ट्रेडर्स' });
  });

  it('folds case the Unicode way', () => {
    expect(foldName('STRASSE')).toBe(foldName('Straße'));
    expect(matchName('strasse', ['Straße Logistik'])).toEqual({ kind: 'one', name: 'Straße Logistik' });
  });
});

describe('scripts written without spaces between words', () => {
  const NAMES = ['株式会社トヨタ', 'ソニーグループ株式会社', 'บริษัท ปตท. จำกัด', '삼성전자', 'Acme, Inc.'];

  it.each([
    ['トヨタ', '株式会社トヨタ'],
    ['ﾄﾖﾀ', '株式会社トヨタ'], // half-width katakana, as some keyboards type it
    ['会社トヨ', '株式会社トヨタ'],
    ['グループ', 'ソニーグループ株式会社'],
    ['ｸﾞﾙｰﾌﾟ', 'ソニーグループ株式会社'], // half-width, with its voiced mark apart
    ['ปตท', 'บริษัท ปตท. จำกัด'],
    ['ษัท', 'บริษัท ปตท. จำกัด'],
    ['전자', '삼성전자'],
  ])('%j, inside the name, means %j', (typed, name) => {
    expect(matchName(typed, NAMES)).toEqual({ kind: 'one', name });
    expect(namesMatching(typed, NAMES)).toEqual([name]);
  });

  it('a part several names hold is several', () => {
    expect(matchName('株式会社', NAMES)).toEqual({
      kind: 'several',
      names: ['株式会社トヨタ', 'ソニーグループ株式会社'],
    });
  });

  it('full-width Latin is folded, and still matched by the start of a word only', () => {
    expect(matchName('ＡＣＭＥ', NAMES)).toEqual({ kind: 'one', name: 'Acme, Inc.' });
    expect(matchName('ｍｅ', NAMES)).toEqual({ kind: 'none' });
  });

  it('Latin letters inside a word still mean nothing', () => {
    expect(matchName('me', ['Acme, Inc.', '株式会社トヨタ'])).toEqual({ kind: 'none' });
    expect(matchName('tech', ['Initech'])).toEqual({ kind: 'none' });
    expect(matchName('toyota', ['株式会社トヨタ'])).toEqual({ kind: 'none' });
  });

  it('start offers the account a part of its name finds', () => {
    expect(closeNames('トヨタ', NAMES)).toEqual(['株式会社トヨタ']);
  });
});

describe('nearNames ("did you mean")', () => {
  it.each([
    ['acmr', ['Acme, Inc.']],
    ['globx corp', ['Globex Corp']],
    ['cafe nior', ['Café Noir']],
    ['inittech', ['Initech']],
  ])('%j → %j', (typed, near) => {
    expect(nearNames(typed, ACCOUNTS)).toEqual(near);
  });

  it('suggests nothing for a name far from all', () => {
    expect(nearNames('Wayne Enterprises', ACCOUNTS)).toEqual([]);
  });
});

describe('closeNames (start: a new account beside a close one)', () => {
  it.each([
    ['acme', ['Acme, Inc.']],
    ['acme inx', ['Acme, Inc.']],
    ['Cafe Noir', ['Café Noir']],
    ['globex corp.', ['Globex Corp']],
  ])('%j is close to %j', (typed, close) => {
    expect(closeNames(typed, ACCOUNTS)).toEqual(close);
  });

  it.each([['Acme Labs'], ['tech'], ['Wayne Enterprises'], ['Soylent']])('%j is a new name', (typed) => {
    expect(closeNames(typed, ACCOUNTS)).toEqual([]);
  });
});

// Names from letters with and without accents, digits, and the punctuation reps put in names.
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'ï', o: 'ô', u: 'ü', c: 'ç', n: 'ñ' };
const word = (first: fc.Arbitrary<string>) =>
  fc
    .tuple(
      first,
      fc.array(fc.constantFrom(...LETTERS, ...Object.values(ACCENTED), '1', '7'), { maxLength: 7 }),
    )
    .map(([f, rest]) => f + rest.join(''));
const SEPARATORS = [' ', ', ', '. ', ' & ', '-', ' - '];
const nameOf = (words: string[], seps: number[]) =>
  words.map((w, i) => (i === 0 ? '' : SEPARATORS[(seps[i] ?? 0) % SEPARATORS.length]) + w).join('');
const capitalised = (name: string) =>
  name.replace(/(^|\s)(\p{L})/gu, (_, s, l: string) => s + l.toUpperCase());

/** Another spelling of `name`: each letter's case and accent changed or not, other separators. */
function respelled(name: string, seeds: number[]): string {
  let i = 0;
  const seed = () => seeds[i++ % seeds.length] ?? 0;
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const changed = words.map((w) =>
    [...w.normalize('NFD').replace(/\p{M}/gu, '')]
      .map((ch) => {
        const s = seed();
        const accented = s % 3 === 0 ? (ACCENTED[ch] ?? ch) : ch;
        return s % 2 === 0 ? accented.toUpperCase() : accented;
      })
      .join(''),
  );
  return changed
    .map((w, k) => (k === 0 ? '' : ['', ' ', '  ', ',', '.', '-', '_', '/'][seed() % 8]) + w)
    .join('');
}

describe('properties', () => {
  const names = fc
    .uniqueArray(
      fc.tuple(
        fc.array(word(fc.constantFrom(...LETTERS)), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat()),
      ),
      {
        minLength: 1,
        maxLength: 8,
        selector: ([words]) => foldName(words.join('')).normalize('NFD').replace(/\p{M}/gu, ''),
      },
    )
    .map((list) => list.map(([words, seps]) => capitalised(nameOf(words, seps))));

  it('any spelling that differs only in case, accents or punctuation means the account of that name', () => {
    fc.assert(
      fc.property(names, fc.nat(), fc.array(fc.nat(), { minLength: 1 }), (list, pick, seeds) => {
        const name = list[pick % list.length] as string;
        expect(matchName(respelled(name, seeds), list)).toEqual({ kind: 'one', name });
      }),
      { numRuns: 300 },
    );
  });

  it('any start of a name no other name shares means that account', () => {
    // Each name's words begin with a letter of its own, so no other name starts the same or has
    // the same words.
    const distinct = fc
      .uniqueArray(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 8 })
      .chain((firsts) =>
        fc.tuple(
          ...firsts.map((f) =>
            fc
              .tuple(fc.array(word(fc.constant(f)), { minLength: 1, maxLength: 3 }), fc.array(fc.nat()))
              .map(([words, seps]) => capitalised(nameOf(words, seps))),
          ),
        ),
      );
    fc.assert(
      fc.property(distinct, fc.nat(), fc.nat(), (list, pick, cut) => {
        const name = list[pick % list.length] as string;
        const typed = name.slice(0, 1 + (cut % name.length));
        expect(matchName(typed, list)).toEqual({ kind: 'one', name });
        expect(namesMatching(typed, list)).toEqual([name]);
      }),
      { numRuns: 300 },
    );
  });

  it('a name always matches itself, and whatever matches is among the names', () => {
    fc.assert(
      fc.property(names, fc.string({ minLength: 1, maxLength: 12 }), (list, typed) => {
        for (const name of list) expect(namesMatching(name, list)).toContain(name);
        for (const found of namesMatching(typed, list)) expect(list).toContain(found);
      }),
    );
  });
});
