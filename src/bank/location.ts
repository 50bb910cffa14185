// Where banks live: the built-in question-banks/ folder beside the code, and whatever other folders
// the command passes in (a data folder's team and personal banks: see store/bank-shelf.ts). Light on
// purpose: it lists files and parses nothing. A folder entry that cannot be a bank (a link, a folder
// named x.yaml, a FIFO, a file over the cap) is a problem of its own, never the end of the shelf.
import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceProblem } from '../yaml/positions.js';

export type BankSource = 'built-in' | 'team' | 'home' | 'file';

/** The most a bank file may hold: banks are hand-written, never megabytes. */
export const BANK_MAX_BYTES = 1024 * 1024;

export interface BankFile {
  path: string;
  source: BankSource;
}

/** A team bank kept in git (config.yaml's `banks:` names its URL): which commit's tree is in use. */
export interface GitOrigin {
  url: string;
  /** The branch, tag or commit config.yaml pins; none: the repository's default branch. */
  ref?: string | undefined;
  /** The subfolder of the repository the banks are in; none: its top folder. */
  path?: string | undefined;
  /** The commit whose tree the shelf reads: the last one that passed lint. */
  commit: string;
}

/**
 * What `journey bank update` (and `journey sync`) did to one git bank: `updated` (moved to the new
 * commit, whose banks passed lint, perhaps with warnings), `unchanged`, `kept-previous` (the fetched
 * commit fails lint: each problem, its file named inside the team repository) or `failed` (git, or
 * the cache folder, said no: its message, on one line).
 */
export type TeamBankUpdate = {
  url: string;
  ref: string | null;
  /** The commit in use before (null: none yet). */
  previous: string | null;
  /** The commit the ref points at now (null: it could not be fetched). */
  commit: string | null;
  /** The commit in use after: `commit` when it passed lint, else `previous`. */
  inUse: string | null;
} & (
  | { status: 'updated'; warnings: number }
  | { status: 'unchanged' }
  | { status: 'kept-previous'; problems: SourceProblem[] }
  | { status: 'failed'; message: string }
);

/** A folder of banks and where it comes from. */
export interface BankFolder {
  dir: string;
  source: BankSource;
  /** The file that names this folder (config.yaml for team folders), for messages. */
  namedIn?: string | undefined;
  /** How that file names it: the folder as written, or a git URL with its ref. */
  label?: string | undefined;
  /** A team bank from git: its URL, ref and the commit in use. */
  git?: GitOrigin | undefined;
  /**
   * Why this folder gives no banks right now (a git bank not fetched yet): reported as a warning,
   * and the other banks are used as usual. Nothing reads `dir` then.
   */
  unavailable?: string | undefined;
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
  return listShelf(shelf).files;
}

/** Every bank file on a shelf, and a problem for each folder or entry that cannot be read as one. */
export function listShelf(shelf: BankShelf): { files: BankFile[]; problems: SourceProblem[] } {
  const files: BankFile[] = [];
  const problems: SourceProblem[] = [];
  for (const folder of shelf) {
    const listed = listBankFolder(folder);
    files.push(...listed.files.map((path) => ({ path, source: folder.source })));
    problems.push(...listed.problems);
  }
  return { files, problems };
}

/** The bank files in a folder (for `bank lint <dir>`): any that might be a bank, checked when read. */
export function yamlFilesIn(dir: string): string[] {
  return listBankFolder({ dir, source: 'file' }).files;
}

const isBankName = (name: string) => /\.ya?ml$/.test(name) && !name.startsWith('.');

function listBankFolder(folder: BankFolder): { files: string[]; problems: SourceProblem[] } {
  const { dir } = folder;
  if (folder.unavailable) {
    const where = folder.namedIn ?? dir;
    return { files: [], problems: [{ ...problemAt(where, folder.unavailable), severity: 'warning' }] };
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // <home>/banks is optional; a folder that config.yaml names must be there.
    if ((code === 'ENOENT' || code === 'ENOTDIR') && folder.source !== 'team')
      return { files: [], problems: [] };
    return { files: [], problems: [problemAt(dir, folderProblem(folder, code))] };
  }
  const files: string[] = [];
  const problems: SourceProblem[] = [];
  for (const entry of entries.filter((e) => isBankName(e.name)).sort(byName)) {
    const path = join(dir, entry.name);
    const wrong = entry.isFile() ? undefined : notABankFile(entry, folder.source);
    if (wrong) problems.push(problemAt(path, wrong));
    else files.push(path);
  }
  return { files, problems };
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function folderProblem(folder: BankFolder, code: string | undefined): string {
  const named = folder.namedIn ? ` (named under banks: in ${folder.namedIn})` : '';
  if (code === 'ENOENT') return `no such folder${named}; fix the path or remove the entry`;
  if (code === 'ENOTDIR') return `is not a folder${named}; name a folder of bank files`;
  if (code === 'EACCES' || code === 'EPERM')
    return `cannot be listed (permission denied)${named}; give your user access to it (chmod u+rx)`;
  return `cannot be listed (${code})${named}; check the folder`;
}

/** Why an entry that is not a plain file cannot be used as a bank; undefined for a link a bank may be. */
function notABankFile(entry: Dirent, source: BankSource): string | undefined {
  if (entry.isSymbolicLink()) {
    // Built-in banks and folders named on the command line are the user's own; inside a data
    // folder (its banks/ and team folders), links are never followed.
    if (source === 'built-in' || source === 'file') return undefined;
    return 'is a symbolic link, and journey never follows links in bank folders; put the bank file itself here, or move the link out';
  }
  if (entry.isDirectory()) return 'is a folder, not a bank file; rename it or move it out of the bank folder';
  const what = entry.isFIFO() ? 'a FIFO (named pipe)' : entry.isSocket() ? 'a socket' : 'a device';
  return `is ${what}, not a bank file; move it out of the bank folder`;
}

/** The shelf folder a bank file was listed from (its folder's entries are listed, not deeper ones). */
export function folderOf(shelf: BankShelf, file: BankFile): BankFolder | undefined {
  const dir = dirname(file.path);
  return shelf.find((f) => !f.unavailable && f.source === file.source && f.dir === dir);
}

export function problemAt(file: string, message: string): SourceProblem {
  return { file, line: 1, col: 1, severity: 'error', message };
}
