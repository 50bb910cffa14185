// Account names to folder names: stable for the same name, safe on every file system, never shared
// by two different names.
import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';

const MAX_READABLE = 40;
const MAX_NAME = 200;
// Windows refuses these as file names whatever the extension; they stay reserved everywhere.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * What makes two spellings the same account: letters and digits only, case-folded, Unicode-normalised.
 * "Acme, Inc." and "acme inc" share a key; "東京商事" keeps its own letters.
 */
export function accountKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
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
 * The folder for an account. A short ASCII name maps to its readable slug ("acme-inc"); anything else
 * (other scripts, accents, long or reserved names) gets a readable part plus `--` and a hash of its
 * key. Readable slugs never contain `--`, so the two forms cannot meet.
 */
export function accountSlug(name: string): string {
  const key = accountKey(name);
  const readable = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const plain =
    readable.replace(/-/g, '') === key && readable.length <= MAX_READABLE && !RESERVED.test(readable);
  if (plain && readable !== '') return readable;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  const short = readable.slice(0, MAX_READABLE).replace(/-+$/, '') || 'account';
  return `${short}--${hash}`;
}
