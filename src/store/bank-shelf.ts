// The bank folders a data folder uses: the built-in banks, what its config.yaml names under banks:
// (folders, a team repository say, and team banks in git), then <home>/banks/. Commands pass the
// shelf to bank/, which never reads the data folder.
//
// A git bank is read from its clone in the cache, at the commit that last passed lint (see
// store/team-banks.ts, which fetches and lints): <home>/.cache/team-banks/<hash of url#ref>/ holds
// the bare repository (repo.git/), one checked-out tree per commit in use (trees/<commit>/) and
// good.json, which names that commit. Building the shelf never touches the network: a git bank not
// fetched yet is a warning, and the other banks are used as usual.
import { join } from 'node:path';
import { type BankFolder, type BankShelf, builtinShelf } from '../bank/location.js';
import type { ConfiguredBank } from './config.js';
import { crypto } from './crypto.js';
import { entryAt, readDataFile } from './data-files.js';

export async function bankShelf(home: string | undefined): Promise<BankShelf> {
  const shelf: BankFolder[] = [...builtinShelf()];
  if (!home) return shelf;
  const config = join(home, 'config.yaml');
  if (entryAt(config)) {
    const { configuredBanks, readConfig } = await import('./config.js');
    for (const bank of configuredBanks(home, await readConfig(home))) {
      if (bank.kind === 'folder')
        shelf.push({ dir: bank.dir, source: 'team', namedIn: config, label: bank.label });
      else shelf.push(gitFolder(home, bank, config));
    }
  }
  shelf.push({ dir: join(home, 'banks'), source: 'home' });
  return shelf;
}

export type GitBank = Extract<ConfiguredBank, { kind: 'git' }>;

/** The git bank's folder on the shelf: its tree at the good commit, or a warning that there is none yet. */
function gitFolder(home: string, bank: GitBank, namedIn: string): BankFolder {
  const cache = teamBankCache(home, bank);
  const good = readGoodCommit(cache, bank);
  const tree = good && treeOf(cache, good.commit);
  const named = { source: 'team' as const, namedIn, label: bank.label };
  if (!good || !tree || entryAt(tree)?.kind !== 'folder') {
    // An update was tried, but could not fetch it or found no commit that passes lint: it says why.
    const tried = !good && entryAt(join(cache, 'repo.git'))?.kind === 'folder';
    const unavailable = tried
      ? `team bank ${bank.label} is not in use yet: run journey bank update to see why`
      : notFetched(bank);
    return { ...named, dir: cache, unavailable };
  }
  return {
    ...named,
    dir: bank.path ? join(tree, bank.path) : tree,
    git: { url: bank.url, ref: bank.ref, path: bank.path, commit: good.commit },
  };
}

function notFetched(bank: GitBank): string {
  return `team bank ${bank.label} is not fetched yet: run journey bank update`;
}

/** Where every git bank's clone lives: a derived cache, never committed, safe to delete. */
export function teamBanksDir(home: string): string {
  return join(home, '.cache', 'team-banks');
}

/** One clone per URL and ref (a change of ref starts afresh); several subfolders of it share it. */
export function teamBankKey(bank: Pick<GitBank, 'url' | 'ref'>): string {
  return crypto()
    .createHash('sha256')
    .update(`${bank.url}#${bank.ref ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

export function teamBankCache(home: string, bank: Pick<GitBank, 'url' | 'ref'>): string {
  return join(teamBanksDir(home), teamBankKey(bank));
}

/** The checked-out tree of one commit of the clone. */
export function treeOf(cache: string, commit: string): string {
  return join(cache, 'trees', commit);
}

export const GOOD_FORMAT = 1;

/** good.json: the commit of a git bank in use, the last one fetched that passed lint. */
export interface GoodCommit {
  format: typeof GOOD_FORMAT;
  url: string;
  ref: string | null;
  commit: string;
  /** When it was checked out (ISO time). */
  at: string;
}

export function goodFile(cache: string): string {
  return join(cache, 'good.json');
}

/** The good commit of this clone; undefined when there is none (never fetched, or a file not ours). */
export function readGoodCommit(cache: string, bank: Pick<GitBank, 'url' | 'ref'>): GoodCommit | undefined {
  // Read like any data file: never waiting on a FIFO, never following a link, never a huge file.
  const read = readDataFile(goodFile(cache), { noun: 'team bank state', maxBytes: 4096 });
  if (!read.ok) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return undefined;
  }
  const good = value as Partial<GoodCommit> | null;
  if (
    !good ||
    good.format !== GOOD_FORMAT ||
    good.url !== bank.url ||
    good.ref !== (bank.ref ?? null) ||
    typeof good.commit !== 'string' ||
    !/^[0-9a-f]{40,64}$/.test(good.commit) ||
    typeof good.at !== 'string'
  )
    return undefined;
  return good as GoodCommit;
}
