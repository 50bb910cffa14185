// Slugs keep combining marks: two names that differ only in a mark (a Devanagari vowel sign, a Thai
// tone mark, an Arabic haraka, a Latin accent with no precomposed letter) never share a folder, NFC
// and NFD spellings of one name still do, and every folder made before keeps its name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newSession } from '../../src/journey/session.js';
import { createSessionFile, readAccount } from '../../src/store/sessions.js';
import { accountKey, accountSlug, legacyAccountSlug } from '../../src/store/slug.js';

const range = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));

/** Per script: its base letters and the combining marks written on them. */
const SCRIPTS = {
  // Consonants; vowel signs (spacing and not), virama, candrabindu, anusvara, nukta.
  devanagari: { base: range(0x0915, 0x0939), mark: range(0x093e, 0x094d) },
  // Consonants; the vowel above, the vowels below and above, tone marks and the thanthakhat.
  thai: {
    base: range(0x0e01, 0x0e2e),
    mark: fc.constantFrom('\u0e31', '\u0e34', '\u0e38', '\u0e48', '\u0e49', '\u0e4a', '\u0e4b', '\u0e4c'),
  },
  // Letters; harakat (fatha, damma, kasra, sukun, shadda, tanwin).
  arabic: { base: range(0x0628, 0x064a), mark: range(0x064b, 0x0652) },
  // Letters; combining diacritics, some with a precomposed letter (é) and most without (q̃).
  latin: { base: range(0x61, 0x7a), mark: range(0x0300, 0x0333) },
} as const;

/** A name in one script with a mark added somewhere on a letter: the two differ only in that mark. */
const markPair = fc.constantFrom(...Object.values(SCRIPTS)).chain(({ base, mark }) =>
  fc.tuple(fc.array(base, { minLength: 1, maxLength: 12 }), fc.nat(), mark).map(([letters, at, m]) => {
    const i = at % letters.length;
    const marked = [...letters];
    marked[i] = `${marked[i]}${m}`;
    return [letters.join(''), marked.join('')] as const;
  }),
);

/** Names in every script the issue names, with accents, Hangul syllables and CJK ideographs. */
const anyName = fc
  .array(
    fc.oneof(
      ...Object.values(SCRIPTS).map(({ base, mark }) =>
        fc.tuple(base, fc.array(mark, { maxLength: 2 })).map(([b, ms]) => b + ms.join('')),
      ),
      range(0xac00, 0xd7a3), // Hangul syllables
      range(0x4e00, 0x9fff), // CJK ideographs
      fc.constantFrom(' ', ', ', 'é', 'ü', 'ñ', 'ß', 'Å', '3', '&'),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join(''))
  .filter((name) => accountKey(name) !== '');

describe('slugs and combining marks', () => {
  it.each([
    ['Devanagari vowel signs', 'हिन्दी', 'हिन्दि'],
    ['a Devanagari vowel sign or none', 'कमल', 'कमला'],
    ['Thai tone marks', 'ไม้', 'ไม่'],
    ['Arabic harakat', 'مُحَمَّد', 'مَحْمَد'],
    ['a Latin mark with no precomposed letter', 'q̃uinta', 'quinta'],
  ])('keeps %s apart', (_, a, b) => {
    expect(accountKey(a)).not.toBe(accountKey(b));
    expect(accountSlug(a)).not.toBe(accountSlug(b));
  });

  it('never gives two names that differ only in a combining mark the same folder (property)', () => {
    fc.assert(
      fc.property(markPair, ([plain, marked]) => {
        expect(accountSlug(marked)).not.toBe(accountSlug(plain));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the NFC and NFD spellings of a name the same folder (property)', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const slug = accountSlug(name.normalize('NFC'));
        expect(accountSlug(name.normalize('NFD'))).toBe(slug);
        expect(accountSlug(name.normalize('NFKD'))).toBe(slug);
        expect(accountSlug(name.toUpperCase())).toBe(accountSlug(name.toLowerCase()));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops marks written on no letter and variation selectors, which never told names apart', () => {
    expect(accountSlug('Acme ❤️')).toBe(accountSlug('Acme ❤'));
    expect(accountSlug('Acme \u0301')).toBe('acme');
    expect(accountSlug('Acme\ufe0f')).toBe('acme');
  });
});

describe('folders made before keep their names', () => {
  // Computed by the slug code before marks were kept (commit 16fb0e0).
  it.each([
    ['Acme, Inc.', 'acmeinc'],
    ['Café Noir', 'cafenoir--b4493cfff963'],
    ['東京商事', 'account--fff8c7477367'],
    ['삼성전자', 'account--73b47d6729b4'],
    ['Straße', 'strasse'],
    ['Ελληνική Εταιρεία', 'account--6bc3fb94a957'],
    ['Zürich Versicherung', 'zurichversicherung--783df4e334c6'],
    ['x'.repeat(45), `${'x'.repeat(40)}--15b526372a5e`],
    ['CON', 'con--1143da2bc54c'],
    ['Müller & Söhne GmbH', 'mullersohnegmbh--1b730d97615e'],
    ['Ålesund Fisk AS', 'alesundfiskas--0ab283dd0d44'],
    ['Dvořák Trading', 'dvoraktrading--e37b531c178b'],
    ['Nguyễn Holdings', 'nguyenholdings--94247727ba7d'],
  ])('%j → %s, as before', (name, slug) => {
    expect(accountSlug(name)).toBe(slug);
  });

  it('keeps every slug of a name with no combining mark (property)', () => {
    fc.assert(
      fc.property(
        anyName.filter((name) => !/\p{M}/u.test(name.normalize('NFKC'))),
        (name) => {
          expect(accountSlug(name)).toBe(legacyAccountSlug(name));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('an account whose folder was made without its marks', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'journey-slug-'));
  });
  afterEach(() => {
    rmSync(home, { recursive: true, force: true });
  });

  const session = (account: string, suffix: string) =>
    newSession({
      id: `20260301T100000Z-knowledge-${suffix}`,
      account,
      bank: { id: 'b', version: 1, hash: 'h', title: 'B', loop: 'knowledge' },
      now: new Date('2026-03-01T10:00:00Z'),
    });

  it('is still found in that folder, and a name differing in a mark gets a folder of its own', async () => {
    const legacy = join(home, 'accounts', legacyAccountSlug('हिन्दी'));
    expect(legacyAccountSlug('हिन्दी')).not.toBe(accountSlug('हिन्दी'));
    await createSessionFile(home, session('हिन्दी', 'aaaaaaa'), legacy);

    const found = await readAccount(home, 'हिन्दी');
    expect(found.dir).toBe(legacy);
    expect(found.sessions.map((s) => s.account)).toEqual(['हिन्दी']);

    const other = await readAccount(home, 'हिन्दि');
    expect(other.dir).toBe(join(home, 'accounts', accountSlug('हिन्दि')));
    expect(other.sessions).toEqual([]);
    expect(other.problems).toEqual([]);
  });
});
