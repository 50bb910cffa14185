// Account names to folder names: stable for the same name, safe on every file system, never shared
// by two different names.

import { UserError } from '../errors.js';
import { crypto } from './crypto.js';

const MAX_READABLE = 40;
const MAX_NAME = 200;
// Windows refuses these as file names whatever the extension; they stay reserved everywhere.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * What makes two spellings the same account: letters and digits with the marks written on them,
 * case-folded and Unicode-normalised (NFKC, so NFC and NFD spellings meet). "Acme, Inc." and
 * "acme inc" share a key; "東京商事" keeps its own letters; a Devanagari vowel sign, a Thai tone mark
 * or an Arabic haraka is part of the name, so names that differ only in one never share a folder.
 */
export function accountKey(name: string): string {
  return lettersWithMarks(caseFolded(name));
}

/**
 * The key journey used to make, which dropped every combining mark: the folders it made are still
 * found (store/sessions.ts, accountFolder) for names whose key has a mark in it.
 */
export function legacyAccountKey(name: string): string {
  return caseFolded(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

function caseFolded(name: string): string {
  // Upper then lower case, repeated until stable, approximates Unicode case folding:
  // "Straße" meets "STRASSE" (and "ẞ" folds to "ß", then to "ss").
  let folded = name.normalize('NFKC');
  for (let round = 0; round < 4; round++) {
    const next = folded.toUpperCase().toLowerCase().normalize('NFKC');
    if (next === folded) break;
    folded = next;
  }
  return folded;
}

// A letter or digit and the marks on it; marks on anything else (a space, an emoji) go with it, and
// variation selectors, which change a glyph's look and not the name, are dropped.
const LETTER_WITH_MARKS = /[\p{L}\p{N}]\p{M}*/gu;
const VARIATION_SELECTOR = /\p{Variation_Selector}/gu;

function lettersWithMarks(folded: string): string {
  return (folded.replace(VARIATION_SELECTOR, '').match(LETTER_WITH_MARKS) ?? []).join('');
}

export function checkAccountName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (accountKey(trimmed) === '') {
    throw new UserError(`"${name}" is not an account name: use at least one letter or digit`);
  }
  if (trimmed.length > MAX_NAME)
    throw new UserError(`the account name is longer than ${MAX_NAME} characters`);
  if (/\p{Cc}/u.test(trimmed)) throw new UserError('the account name has control characters in it');
  return trimmed;
}

/**
 * The folder for an account, a function of its key alone so every spelling finds it. A short ASCII key
 * is the folder name itself ("acmeinc"); any other key (other scripts, accents, long or reserved
 * names) gets its ASCII letters plus `--` and a hash of the key. Plain keys never contain `-`, so
 * the two forms cannot meet.
 */
export function accountSlug(name: string): string {
  return slugOfKey(accountKey(name));
}

/** The folder journey used to make for this name: accountSlug's, unless the key has a mark in it. */
export function legacyAccountSlug(name: string): string {
  return slugOfKey(legacyAccountKey(name));
}

function slugOfKey(key: string): string {
  if (/^[a-z0-9]+$/.test(key) && key.length <= MAX_READABLE && !RESERVED.test(key)) return key;
  const ascii = key
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, MAX_READABLE);
  const hash = crypto().createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `${ascii || 'account'}--${hash}`;
}
