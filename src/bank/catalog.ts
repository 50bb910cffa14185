// Where banks come from: the built-in question-banks/ folder, or a file named on the command line.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError, UserError } from '../errors.js';
import type { Loop } from '../journey/loop.js';
import { flattenQuestions, type QuestionBank } from './bank.js';
import { builtinBankDir } from './location.js';
import { buildBank, declaredLoop } from './parse.js';
import { formatProblem, MAX_YAML_BYTES, readYaml, type YamlResult } from './source.js';

export { builtinBankDir } from './location.js';

async function readBankYaml(path: string): Promise<YamlResult> {
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
  return readYaml(text, path);
}

function buildOrThrow(path: string, yaml: YamlResult, knowledgeIds?: ReadonlySet<string>): QuestionBank {
  const result = buildBank(yaml, { knowledgeIds });
  if (result.ok) return result.bank;
  const n = result.problems.length;
  throw new UserError(
    `${path}: ${n} problem${n === 1 ? '' : 's'} in this bank; fix them and try again`,
    result.problems.map(formatProblem),
  );
}

function knowledgeIdsOf(banks: readonly QuestionBank[]): Set<string> {
  return new Set(
    banks
      .filter((b) => b.loop === 'knowledge')
      .flatMap((b) => flattenQuestions(b.questions).map((q) => q.id)),
  );
}

let builtins: Promise<QuestionBank[]> | undefined;

/** The built-in banks, Knowledge banks first, so the others' loop-backs are checked against them. */
export function loadBuiltinBanks(): Promise<QuestionBank[]> {
  builtins ??= (async () => {
    const dir = builtinBankDir();
    const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
    const files = await Promise.all(
      names.map(async (n) => ({ path: join(dir, n), yaml: await readBankYaml(join(dir, n)) })),
    );
    const knowledge = files
      .filter((f) => declaredLoop(f.yaml) === 'knowledge')
      .map((f) => buildOrThrow(f.path, f.yaml));
    const ids = knowledgeIdsOf(knowledge);
    const others = files
      .filter((f) => declaredLoop(f.yaml) !== 'knowledge')
      .map((f) => buildOrThrow(f.path, f.yaml, ids));
    return [...knowledge, ...others].sort((a, b) => (a.file < b.file ? -1 : 1));
  })();
  return builtins;
}

export async function loadBankFile(path: string): Promise<QuestionBank> {
  const yaml = await readBankYaml(path);
  if (declaredLoop(yaml) === 'knowledge') return buildOrThrow(path, yaml);
  return buildOrThrow(path, yaml, knowledgeIdsOf(await loadBuiltinBanks()));
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

export async function builtinForLoop(loop: Loop): Promise<QuestionBank> {
  const banks = await loadBuiltinBanks();
  const found = banks.find((b) => b.loop === loop);
  if (!found) throw new UserError(`no built-in bank for the ${loop} loop`);
  return found;
}

/**
 * The account's Knowledge bank: the one its latest Knowledge session used, when it can be found,
 * else the built-in one. Loop-backs ask its questions again.
 */
export async function knowledgeBankFor(
  lastKnowledgeBankId: string | undefined,
  current: QuestionBank,
): Promise<QuestionBank | undefined> {
  if (current.loop === 'knowledge') return current;
  const banks = await loadBuiltinBanks();
  return (
    banks.find((b) => b.id === lastKnowledgeBankId && b.loop === 'knowledge') ??
    banks.find((b) => b.loop === 'knowledge')
  );
}
