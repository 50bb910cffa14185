// Where banks come from: the built-in question-banks/ folder, or a file named on the command line.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, UserError } from '../errors.js';
import type { Loop } from '../journey/loop.js';
import type { QuestionBank } from './bank.js';
import { parseBank } from './parse.js';
import { formatProblem, MAX_YAML_BYTES } from './source.js';

/** The built-in banks ship beside the code: found from this module in the sources and in the bundle. */
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

export async function loadBankFile(path: string): Promise<QuestionBank> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: no such bank file`);
    if (code === 'EISDIR') throw new UserError(`${path}: is a folder, not a bank file`);
    throw new UserError(`${path}: cannot read it (${code ?? (error as Error).message})`);
  }
  if (Buffer.byteLength(text) > MAX_YAML_BYTES)
    throw new UserError(`${path}: larger than 1 MiB; is this a bank?`);
  const result = parseBank(text, path);
  if (result.ok) return result.bank;
  const n = result.problems.length;
  throw new UserError(
    `${path}: ${n} problem${n === 1 ? '' : 's'} in this bank; fix them and try again`,
    result.problems.map(formatProblem),
  );
}

export async function loadBuiltinBanks(): Promise<QuestionBank[]> {
  const dir = builtinBankDir();
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(names.map((n) => loadBankFile(join(dir, n))));
}

function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
}

export interface BankChoice {
  loop?: Loop | undefined;
  /** A bank id or a path to a bank file. */
  bank?: string | undefined;
  cwd: string;
}

/** The bank for a session: the one named, else the built-in bank for the loop. */
export async function chooseBank({ loop, bank, cwd }: BankChoice): Promise<QuestionBank> {
  const chosen = bank ? await findBank(bank, cwd) : await builtinForLoop(loop ?? 'knowledge');
  if (loop && chosen.loop !== loop) {
    throw new UsageError(
      `bank "${chosen.id}" is for the ${chosen.loop} loop, not ${loop}: drop --loop or pick another bank`,
    );
  }
  return chosen;
}

export async function findBank(ref: string, cwd: string): Promise<QuestionBank> {
  if (looksLikePath(ref)) return loadBankFile(resolve(cwd, ref));
  const banks = await loadBuiltinBanks();
  const found = banks.find((b) => b.id === ref);
  if (found) return found;
  throw new UserError(`no bank with id "${ref}" (built-in banks: ${banks.map((b) => b.id).join(', ')})`);
}

async function builtinForLoop(loop: Loop): Promise<QuestionBank> {
  const banks = await loadBuiltinBanks();
  const found = banks.find((b) => b.loop === loop);
  if (!found) throw new UserError(`no built-in bank for the ${loop} loop`);
  return found;
}
