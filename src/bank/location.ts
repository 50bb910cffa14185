// Where banks live: the built-in question-banks/ folder beside the code, and whatever other folders
// the command passes in (a data folder's team and personal banks: see store/bank-shelf.ts). Light on
// purpose: it lists files and parses nothing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlFileNames } from '../yaml/files.js';

export type BankSource = 'built-in' | 'team' | 'home' | 'file';

export interface BankFile {
  path: string;
  source: BankSource;
}

/** A folder of banks and where it comes from. */
export interface BankFolder {
  dir: string;
  source: BankSource;
}

/** The folders banks come from, in override order: a later bank with an earlier one's id replaces it. */
export type BankShelf = readonly BankFolder[];

export function builtinBankDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'question-banks');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('the built-in question-banks folder is missing from this install');
    dir = up;
  }
}

/** The built-in banks alone: what a shelf holds without a data folder. */
export function builtinShelf(): BankShelf {
  return [{ dir: builtinBankDir(), source: 'built-in' }];
}

/** Every bank file on a shelf, in override order. */
export function bankFilesOn(shelf: BankShelf): BankFile[] {
  return shelf.flatMap(({ dir, source }) => yamlFilesIn(dir).map((path) => ({ path, source })));
}

export function yamlFilesIn(dir: string): string[] {
  return yamlFileNames(dir, { yml: true }).map((n) => join(dir, n));
}
