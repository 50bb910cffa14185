import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { accountDir } from '../../src/store/paths.js';
import { accountKey, accountSlug, checkAccountName } from '../../src/store/slug.js';

const HOME = resolve('/data/journey');
const SAFE = /^[a-z0-9]+(--[0-9a-f]{12})?$/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** Names as reps type them: any Unicode, with at least one letter or digit. */
const accountName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
  .filter((s) => accountKey(s) !== '');

describe('accountSlug', () => {
  it.each([
    ['Acme, Inc.', 'acmeinc'],
    ['acme inc', 'acmeinc'],
    ['  ACME   INC ', 'acmeinc'],
    ['AcmeInc', 'acmeinc'],
    ['Globex', 'globex'],
    ['3M', '3m'],
  ])('%j → %s', (name, slug) => {
    expect(accountSlug(name)).toBe(slug);
  });

  it.each([
    ['东京商事', /^account--[0-9a-f]{12}$/],
    ['Café Noir', /^cafenoir--[0-9a-f]{12}$/],
    ['CON', /^con--[0-9a-f]{12}$/],
    ['../../etc/passwd', /^etcpasswd$/],
    ['.hidden', /^hidden$/],
    ['Straße', /^strasse$/],
    ['x'.repeat(120), /^x{40}--[0-9a-f]{12}$/],
  ])('%j → a safe folder name', (name, pattern) => {
    expect(accountSlug(name)).toMatch(pattern);
  });

  it('never lets two different names share a folder, even when their readable parts match', () => {
    expect(accountSlug('东京商事')).not.toBe(accountSlug('大阪商事'));
    expect(accountSlug('Café')).not.toBe(accountSlug('Cafe'));
    expect(accountSlug('x'.repeat(50))).not.toBe(accountSlug('x'.repeat(51)));
  });

  it('is safe on every file system for any name (property)', () => {
    fc.assert(
      fc.property(accountName, (name) => {
        const slug = accountSlug(name);
        expect(slug).toMatch(SAFE);
        expect(slug.length).toBeLessThanOrEqual(54);
        expect(RESERVED.test(slug)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never escapes the data folder (property)', () => {
    fc.assert(
      fc.property(accountName, (name) => {
        const dir = accountDir(HOME, name);
        const rel = relative(join(HOME, 'accounts'), dir);
        expect(rel).not.toMatch(/^\.\.|[\\/]/);
        expect(rel).toBe(accountSlug(name));
      }),
      { numRuns: 2000 },
    );
  });

  it('is stable across spellings and never shared by different keys (property)', () => {
    fc.assert(
      fc.property(accountName, accountName, (a, b) => {
        expect(accountSlug(a)).toBe(accountSlug(a.toUpperCase()));
        expect(accountSlug(a)).toBe(accountSlug(a.toLowerCase()));
        if (accountKey(a) !== accountKey(b)) expect(accountSlug(a)).not.toBe(accountSlug(b));
        else expect(accountSlug(a)).toBe(accountSlug(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('treats punctuation and spacing variants as the same account (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(' ', ', ', '.', ' - ', '_'),
        (words, sep) => {
          expect(accountSlug(words.join(sep))).toBe(accountSlug(words.join(' ').toLowerCase()));
        },
      ),
    );
  });
});

describe('checkAccountName', () => {
  it.each(['', '   ', '!!!', '---'])('refuses %j with a clear message', (name) => {
    expect(() => checkAccountName(name)).toThrow(UserError);
    expect(() => checkAccountName(name)).toThrow(/use at least one letter or digit/);
  });

  it('refuses control characters and overlong names', () => {
    expect(() => checkAccountName('Acme\u0007')).toThrow(/control characters/);
    expect(() => checkAccountName('a'.repeat(201))).toThrow(/longer than 200/);
  });

  it('tidies spacing', () => {
    expect(checkAccountName('  Acme   Inc ')).toBe('Acme Inc');
  });
});
