// Where banks come from: the built-in question-banks/ folder, the folders named in the data folder's
// config.yaml (a team repository, say), and <home>/banks/. A bank with the id of an earlier one
// overrides it, in that order. A bank file named on the command line is used as it is.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, UserError } from '../errors.js';
import { bankInUse } from '../journey/bank-in-use.js';
import type { Loop } from '../model/loop.js';
import type { Session } from '../model/session.js';
import {
  formatProblem,
  lazySource,
  type SourceProblem,
  type YamlResult,
  type YamlSource,
} from '../yaml/positions.js';
import { assembleBank, type BankResult, declaredLoop } from './assemble.js';
import type { QuestionBank } from './bank.js';
import {
  bankFromChecked,
  type CheckedBank,
  type CheckedBanks,
  checkedBank,
  knowledgeKey,
  textHash,
} from './checked.js';
import {
  BANK_MAX_BYTES,
  type BankFile,
  type BankShelf,
  type BankSource,
  builtinShelf,
  listShelf,
  problemAt,
} from './location.js';
import type { ParseOptions } from './references.js';
import { quickBankShape } from './shape.js';

export type { BankFile, BankShelf, BankSource } from './location.js';

export interface CatalogEntry {
  bank: QuestionBank;
  source: BankSource;
  /** The bank this one replaces (same id, earlier source). */
  overrides?: CatalogEntry | undefined;
}

export interface Catalog {
  /** The banks in use, one per id, in source order. */
  entries: CatalogEntry[];
  /** Problems of bank files that could not be used, each located. */
  problems: SourceProblem[];
  /**
   * Of those, the files and folders that could not be read at all (a FIFO, a folder named x.yaml, a
   * file over the cap, a missing team folder): what start and resume warn about.
   */
  unreadable: SourceProblem[];
}

/**
 * A bank file's YAML. Read through one descriptor that is checked to be a regular file within the
 * cap, opened without waiting (a FIFO is refused, not read forever); with `follow: false` (banks on a
 * data folder's shelf) a symbolic link is refused rather than followed.
 */
export async function readBankYaml(path: string, options: { follow?: boolean } = {}): Promise<YamlResult> {
  return (await yamlReader()).readYaml(readBankText(path, options.follow ?? true), path);
}

let reader: typeof import('../yaml/source.js') | undefined;

/**
 * The YAML reader (js-yaml), loaded when a bank file must be read: a run that builds every bank from
 * what was kept of it never loads it.
 */
async function yamlReader(): Promise<typeof import('../yaml/source.js')> {
  reader ??= await import('../yaml/source.js');
  return reader;
}

/** The YAML reader, once yamlReader has loaded it (banks are read synchronously). */
function loadedReader(): typeof import('../yaml/source.js') {
  if (!reader) throw new Error('internal: the YAML reader is loaded before a bank file is read');
  return reader;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function readBankText(path: string, follow: boolean): string {
  let fd: number;
  try {
    fd = openSync(path, follow ? OPEN_FLAGS : OPEN_FLAGS | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw new UserError(`${path}: ${cannotOpen((error as NodeJS.ErrnoException).code, error)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new UserError(`${path}: is a folder, not a bank file`);
    if (!stats.isFile()) {
      const what = stats.isFIFO() ? 'a FIFO (named pipe)' : stats.isSocket() ? 'a socket' : 'a device';
      throw new UserError(`${path}: is ${what}, not a bank file`);
    }
    const bytes = stats.size > BANK_MAX_BYTES ? undefined : readFileSync(fd);
    if (!bytes || bytes.length > BANK_MAX_BYTES)
      throw new UserError(
        `${path}: is larger than ${BANK_MAX_BYTES / 1024 / 1024} MiB, more than any bank file`,
      );
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: ${cannotOpen((error as NodeJS.ErrnoException).code, error)}`);
  } finally {
    closeSync(fd);
  }
}

function cannotOpen(code: string | undefined, error: unknown): string {
  if (code === 'ENOENT') return 'no such bank file';
  if (code === 'ELOOP') return 'is a symbolic link, and journey never follows links in bank folders';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read it (permission denied)';
  return `cannot read it (${code ?? (error as Error).message})`;
}

export function bankProblemsError(path: string, problems: readonly SourceProblem[]): UserError {
  const n = problems.length;
  return new UserError(
    `${path}: ${n} problem${n === 1 ? '' : 's'} in this bank; fix them and try again`,
    problems.map(formatProblem),
  );
}

export function knowledgeIdsOf(banks: readonly QuestionBank[]): Set<string> {
  return new Set(banks.filter((b) => b.loop === 'knowledge').flatMap((b) => b.all.map((q) => q.id)));
}

export interface BuiltBank {
  file: BankFile;
  bank: QuestionBank;
  /** The YAML it was built from, for messages about its parts. */
  source: YamlSource;
  value: unknown;
}

/**
 * Builds banks from files, Knowledge banks first, so the others' loop-backs are checked against the
 * Knowledge questions (those given, and those of the Knowledge banks among the files). With
 * `checked`, a file whose text was checked before with the same Knowledge questions is built from
 * what was kept of it, and a bank checked now is kept.
 */
export async function buildBanks(
  files: readonly BankFile[],
  knowledgeIds: ReadonlySet<string> = new Set(),
  checked?: CheckedBanks,
): Promise<{
  built: BuiltBank[];
  problems: { file: BankFile; problems: SourceProblem[] }[];
  /** Problems of shelf files that could not be read (their text never reached the parser). */
  unreadable: SourceProblem[];
}> {
  const unreadable: SourceProblem[] = [];
  const read = await Promise.all(files.map(async (file) => readShelfBank(file, unreadable, checked)));
  const built: BuiltBank[] = [];
  const problems: { file: BankFile; problems: SourceProblem[] }[] = [];
  const build = async (item: ShelfBank, ids: ReadonlySet<string>) => {
    const kept = item.kept;
    if (kept && kept.knowledge === knowledgeKey(kept.loop, ids) && item.text !== undefined) {
      const source = lazySource(item.file.path, item.text);
      built.push({ file: item.file, bank: bankFromChecked(kept, source), source, value: kept.data });
      return;
    }
    await yamlReader();
    const yaml = item.yaml();
    const result = await buildBank(yaml, { knowledgeIds: ids });
    if (!result.ok) problems.push({ file: item.file, problems: result.problems });
    else if (yaml.ok) {
      built.push({ file: item.file, bank: result.bank, source: yaml.source, value: yaml.value });
      if (checked && item.hash && yaml.value && typeof yaml.value === 'object')
        checked.set(item.hash, checkedBank(result.bank, result.data, yaml.value, ids));
    }
  };
  // A bank not kept is read as YAML, to know its loop first.
  if (read.some((item) => !item.kept)) await yamlReader();
  const isKnowledge = (item: ShelfBank) =>
    (item.kept ? item.kept.loop : declaredLoop(item.yaml())) === 'knowledge';
  for (const item of read.filter(isKnowledge)) await build(item, new Set());
  const ids = new Set([...knowledgeIds, ...knowledgeIdsOf(built.map((b) => b.bank))]);
  for (const item of read.filter((i) => !isKnowledge(i))) await build(item, ids);
  const order = new Map(files.map((f, i) => [f.path, i]));
  built.sort((a, b) => (order.get(a.file.path) ?? 0) - (order.get(b.file.path) ?? 0));
  return { built, problems, unreadable };
}

let schemaParse: typeof import('./parse.js') | undefined;

/**
 * Builds a bank from its YAML. A bank of the common, valid shape is built from the quick check's
 * result; only a bank it does not take (whose problems need wording) loads the schema, and zod.
 */
async function buildBank(yaml: YamlResult, options: ParseOptions): Promise<BankResult> {
  if (!yaml.ok) return yaml;
  const data = quickBankShape(yaml.value);
  if (data) return assembleBank(yaml.source, yaml.value as object, { data }, options);
  schemaParse ??= await import('./parse.js');
  return schemaParse.buildBank(yaml, options);
}

/** A bank file as read: its text, what was kept of it when it was checked before, its YAML on demand. */
interface ShelfBank {
  file: BankFile;
  text?: string | undefined;
  hash?: string | undefined;
  kept?: CheckedBank | undefined;
  yaml: () => YamlResult;
}

async function readShelfBank(
  file: BankFile,
  unreadable: SourceProblem[],
  checked: CheckedBanks | undefined,
): Promise<ShelfBank> {
  const text = readShelfText(file, unreadable);
  if (typeof text !== 'string') return { file, yaml: () => text };
  const hash = checked ? textHash(text) : undefined;
  let yaml: YamlResult | undefined;
  return {
    file,
    text,
    hash,
    kept: hash ? checked?.get(hash) : undefined,
    yaml: () => {
      yaml ??= loadedReader().readYaml(text, file.path);
      return yaml;
    },
  };
}

/**
 * A bank file's text. A file named on the command line that cannot be read is an error; a file on a
 * shelf that cannot be read (a FIFO, a file over the cap, no permission) is that file's problem, and
 * the other banks are used as usual.
 */
function readShelfText(file: BankFile, unreadable: SourceProblem[]): string | YamlResult {
  const onShelf = file.source === 'team' || file.source === 'home';
  try {
    return readBankText(file.path, !onShelf);
  } catch (error) {
    if (!onShelf || !(error instanceof UserError)) throw error;
    const message = error.message.startsWith(`${file.path}: `)
      ? error.message.slice(file.path.length + 2)
      : error.message;
    const problem = problemAt(file.path, `${message}; move it out of the bank folder`);
    unreadable.push(problem);
    return { ok: false, problems: [problem] };
  }
}

const catalogs = new Map<string, Promise<Catalog>>();

/**
 * The banks in use on a shelf (by default the built-in ones alone), built once a run; with `checked`,
 * the banks checked before are built from what was kept of them.
 */
export function loadCatalog(shelf: BankShelf = builtinShelf(), checked?: CheckedBanks): Promise<Catalog> {
  const key = JSON.stringify(shelf);
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = buildCatalog(shelf, checked);
    catalogs.set(key, catalog);
  }
  return catalog;
}

async function buildCatalog(shelf: BankShelf, checked: CheckedBanks | undefined): Promise<Catalog> {
  const listed = listShelf(shelf);
  const { built, problems, unreadable } = await buildBanks(listed.files, new Set(), checked);
  const broken = problems.find((p) => p.file.source === 'built-in');
  // A broken built-in bank is a broken install; a broken team or personal bank is the trainer's to fix.
  if (broken) throw bankProblemsError(broken.file.path, broken.problems);
  const catalog: Catalog = {
    entries: [],
    problems: [...listed.problems, ...problems.flatMap((p) => p.problems)],
    unreadable: [...listed.problems, ...unreadable],
  };
  for (const { file, bank } of built) {
    const index = catalog.entries.findIndex((e) => e.bank.id === bank.id);
    const earlier = catalog.entries[index];
    const entry: CatalogEntry = { bank, source: file.source, ...(earlier ? { overrides: earlier } : {}) };
    if (!earlier) {
      catalog.entries.push(entry);
    } else if (earlier.bank.loop !== bank.loop) {
      catalog.problems.push({
        file: file.path,
        line: 1,
        col: 1,
        severity: 'error',
        message: `bank "${bank.id}" would override the ${earlier.source} ${earlier.bank.loop} bank of that id with a ${bank.loop} bank: a bank's loop must match where it is used; give it another id`,
      });
    } else {
      catalog.entries[index] = entry;
    }
  }
  return catalog;
}

/** A bank file named on the command line, checked against the catalog's Knowledge banks. */
export async function loadBankFile(path: string, shelf?: BankShelf): Promise<QuestionBank> {
  const catalog = await loadCatalog(shelf);
  const { built, problems } = await buildBanks(
    [{ path, source: 'file' }],
    knowledgeIdsOf(catalog.entries.map((e) => e.bank)),
  );
  const first = built[0];
  if (first) return first.bank;
  throw bankProblemsError(path, problems[0]?.problems ?? []);
}

export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
}

export interface BankChoice {
  loop?: Loop | undefined;
  /** A bank id or a path to a bank file. */
  bank?: string | undefined;
  cwd: string;
  shelf?: BankShelf | undefined;
}

/** The bank for a session: the one named, else the catalog's bank for the loop. */
export async function chooseBank({ loop, bank, cwd, shelf }: BankChoice): Promise<QuestionBank> {
  const chosen = bank ? await findBank(bank, cwd, shelf) : await bankForLoop(loop ?? 'knowledge', shelf);
  if (loop && chosen.loop !== loop) {
    throw new UsageError(
      `bank "${chosen.id}" is for the ${chosen.loop} loop, not ${loop}: drop --loop or pick another bank`,
    );
  }
  return chosen;
}

export async function findBank(ref: string, cwd: string, shelf?: BankShelf): Promise<QuestionBank> {
  if (looksLikePath(ref)) return loadBankFile(resolve(cwd, ref), shelf);
  const catalog = await loadCatalog(shelf);
  const found = catalog.entries.find((e) => e.bank.id === ref);
  if (found) return found.bank;
  const broken =
    catalog.problems.length > 0
      ? ` ${catalog.problems.length} problem(s) in bank files: run journey bank lint.`
      : '';
  throw new UserError(
    `no bank with id "${ref}" (banks: ${catalog.entries.map((e) => e.bank.id).join(', ')}).${broken}`,
  );
}

export async function bankForLoop(loop: Loop, shelf?: BankShelf): Promise<QuestionBank> {
  const catalog = await loadCatalog(shelf);
  const found = catalog.entries.find((e) => e.bank.loop === loop);
  if (!found) throw new UserError(`no bank for the ${loop} loop`);
  return found.bank;
}

/**
 * The Knowledge bank loop-backs ask again: the current bank when it is one, else the one the account's
 * Knowledge sessions last used (when installed), else the catalog's.
 */
export async function knowledgeBankFor(
  sessions: readonly Pick<Session, 'loop' | 'bank'>[],
  current: QuestionBank,
  shelf?: BankShelf,
): Promise<QuestionBank | undefined> {
  if (current.loop === 'knowledge') return current;
  const { entries } = await loadCatalog(shelf);
  return bankInUse(
    sessions,
    'knowledge',
    entries.map((e) => e.bank),
  );
}
