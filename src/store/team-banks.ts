// Team banks kept in git (a `banks:` entry of config.yaml that is a git URL): fetched into the data
// folder's cache by `journey bank update` and `journey sync`, never by any other command.
//
// Each URL and ref has a bare clone, <home>/.cache/team-banks/<hash>/repo.git (bank-shelf.ts says
// where, and reads it). An update fetches the ref, checks its commit out as a tree of its own
// (trees/<commit>/), and lints the banks there against the others in use, as `journey bank lint`
// would. Only when they pass is good.json pointed at the new tree (an atomic write: a command
// building the shelf meanwhile reads the old tree or the new one, never half of either), and the
// old tree removed. A commit that fails lint is removed again and reported; the previous good commit
// stays in use. One update of a clone at a time (update.lock).
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BankShelf, TeamBankUpdate } from '../bank/location.js';
import { UserError } from '../errors.js';
import type { SourceProblem } from '../yaml/positions.js';
import { writeFileAtomic } from './atomic.js';
import {
  bankShelf,
  type GitBank,
  GOOD_FORMAT,
  type GoodCommit,
  goodFile,
  readGoodCommit,
  teamBankCache,
  teamBankKey,
  teamBanksDir,
  treeOf,
} from './bank-shelf.js';
import { configuredBanks, readConfig } from './config.js';
import { entryAt } from './data-files.js';
import { type Git, openGit } from './git.js';

export type { TeamBankUpdate } from '../bank/location.js';

export interface TeamBankOptions {
  /** No terminal to ask for a password or a host key: fail instead (cron, a sync before a call). */
  batch?: boolean | undefined;
  /** Give up on a fetch that has printed nothing for this long (a dead network). Default 60 s. */
  stallMs?: number | undefined;
}

/** How long an update waits for another journey updating the same clone. */
const LOCK_WAIT_MS = 60_000;

/**
 * Fetches every git bank config.yaml names and moves each to its ref's new commit when that commit's
 * banks pass lint. One result per URL and ref, in config.yaml's order; a failure of one (offline, a
 * bad URL, a ref that is not there) is that bank's result, never an exception, and leaves its
 * previous good commit in use.
 */
export async function updateTeamBanks(
  home: string,
  options: TeamBankOptions = {},
): Promise<TeamBankUpdate[]> {
  const banks = configuredBanks(home, await readConfig(home)).filter(
    (bank): bank is GitBank => bank.kind === 'git',
  );
  // Entries with one URL and ref (two subfolders of one repository) share a clone and a commit.
  const groups = new Map<string, GitBank[]>();
  for (const bank of banks) groups.set(teamBankKey(bank), [...(groups.get(teamBankKey(bank)) ?? []), bank]);
  const results: TeamBankUpdate[] = [];
  // One after another: each is linted against the banks in use, the ones updated before it included.
  for (const group of groups.values()) results.push(await updateOne(home, group, options));
  await pruneClones(home, new Set(groups.keys()));
  return results;
}

async function updateOne(home: string, group: GitBank[], options: TeamBankOptions): Promise<TeamBankUpdate> {
  const bank = group[0] as GitBank;
  const cache = teamBankCache(home, bank);
  const previous = commitInUse(cache, bank);
  const base = { url: bank.url, ref: bank.ref ?? null, previous, commit: null, inUse: previous };
  const failed = (message: string): TeamBankUpdate => ({
    ...base,
    status: 'failed',
    message: oneLine(message),
  });
  let release: (() => Promise<void>) | undefined;
  try {
    await makeCache(home, cache);
    release = await lockClone(cache);
    const git = await openClone(cache, options);
    const commit = await fetchRef(git, bank);
    // Read again under the lock: another journey may have moved it while this one waited.
    const before = commitInUse(cache, bank);
    const fetched = { ...base, previous: before, inUse: before, commit };
    if (commit === before) return { ...fetched, status: 'unchanged' };
    await removeTrees(git, cache, before);
    const tree = treeOf(cache, commit);
    await git.run(['worktree', 'add', '--detach', '--quiet', tree, commit]);
    const lint = await lintTree(home, group, tree);
    if (lint.errors.length > 0) {
      await removeTrees(git, cache, before);
      return { ...fetched, status: 'kept-previous', problems: lint.errors };
    }
    const good: GoodCommit = {
      format: GOOD_FORMAT,
      url: bank.url,
      ref: bank.ref ?? null,
      commit,
      at: new Date().toISOString(),
    };
    await writeFileAtomic(goodFile(cache), `${JSON.stringify(good, null, 2)}\n`);
    await removeTrees(git, cache, commit);
    return { ...fetched, inUse: commit, status: 'updated', warnings: lint.warnings };
  } catch (error) {
    if (error instanceof UserError) return failed(error.message);
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code) return failed(`${(error as Error).message}`);
    throw error;
  } finally {
    await release?.();
  }
}

/** The commit the shelf reads now: good.json's, when its tree is there. */
function commitInUse(cache: string, bank: GitBank): string | null {
  const good = readGoodCommit(cache, bank);
  return good && entryAt(treeOf(cache, good.commit))?.kind === 'folder' ? good.commit : null;
}

/** The clone's folder, inside a .cache/ that git never commits (as store/stat-cache.ts makes it). */
async function makeCache(home: string, cache: string): Promise<void> {
  await mkdir(cache, { recursive: true });
  await writeFileAtomic(join(home, '.cache', '.gitignore'), '*\n', {
    exclusive: true,
    disposable: true,
  }).catch(() => undefined);
}

async function lockClone(cache: string): Promise<() => Promise<void>> {
  const { lockOrSay } = await import('./lock.js');
  const lock = await lockOrSay(
    join(cache, 'update.lock'),
    { waitMs: LOCK_WAIT_MS, purpose: 'bank update' },
    (who) => `another journey is updating this bank${who}; try again when it is done`,
  );
  return () => lock.release();
}

/** The bare clone, made on first use. */
async function openClone(cache: string, options: TeamBankOptions): Promise<Git> {
  const repo = join(cache, 'repo.git');
  if (entryAt(join(repo, 'HEAD'))?.kind !== 'file') {
    await rm(repo, { recursive: true, force: true });
    await (await openGit(cache)).run(['init', '--bare', '--quiet', 'repo.git']);
  }
  return openGit(repo, { batch: options.batch, stallMs: options.stallMs ?? 60_000 });
}

const FETCHED = 'refs/journey/fetched';

/**
 * Fetches the ref (the remote's default branch without one) and returns its commit. A full commit id
 * already in the clone is not fetched again: it cannot change.
 */
async function fetchRef(git: Git, bank: GitBank): Promise<string> {
  const { ref, url } = bank;
  const peel = async (name: string) => {
    const found = await git.attempt(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
    return found.ok ? found.out.trim() : undefined;
  };
  const isId = ref !== undefined && /^[0-9a-f]{4,40}$/i.test(ref);
  if (isId && ref.length === 40) {
    const known = await peel(ref.toLowerCase());
    if (known) return known;
  }
  const fetch = (refspecs: string[]) =>
    git.attempt(['fetch', '--quiet', '--no-tags', '--', url, ...refspecs]);
  const wanted = await fetch([`+${ref ?? 'HEAD'}:${FETCHED}`]);
  if (wanted.ok) {
    const commit = await peel(FETCHED);
    if (commit) return commit;
    throw new UserError(`${ref ?? 'HEAD'} of ${url} is not a commit`);
  }
  if (isId) {
    // A short commit id: every branch and tag, then the id among them.
    const all = await fetch(['+refs/heads/*:refs/journey/heads/*', '+refs/tags/*:refs/journey/tags/*']);
    if (!all.ok) throw new UserError(all.message);
    const commit = await peel(ref);
    if (commit) return commit;
    throw new UserError(`${ref} is not a branch, tag or commit of ${url}`);
  }
  if (ref === undefined && /couldn't find remote ref HEAD/.test(wanted.message))
    throw new UserError(
      `${wanted.message}; the repository has no default branch: name one, e.g. ${url}#main`,
    );
  throw new UserError(wanted.message);
}

/** Removes every checked-out tree but the one kept (a tree left by an update that stopped half way too). */
async function removeTrees(git: Git, cache: string, keep: string | null): Promise<void> {
  const trees = join(cache, 'trees');
  const names = await readdir(trees).catch(() => [] as string[]);
  const gone = names.filter((name) => name !== keep);
  for (const name of gone) await rm(join(trees, name), { recursive: true, force: true });
  // git forgets the worktrees whose folders are gone.
  await git.attempt(['worktree', 'prune']);
}

/** Clones no config.yaml entry names any more (a ref changed, a bank removed): gone with their trees. */
async function pruneClones(home: string, keep: ReadonlySet<string>): Promise<void> {
  const dir = teamBanksDir(home);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => /^[0-9a-f]{16}$/.test(n) && !keep.has(n))) {
    await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The lint errors of the banks in a tree, as `journey bank lint` finds them against the other banks
 * in use and the sessions of the data folder; each problem names its file inside the repository.
 */
async function lintTree(
  home: string,
  group: readonly GitBank[],
  tree: string,
): Promise<{ errors: SourceProblem[]; warnings: number }> {
  const [{ listShelf, problemAt }, { lintBanks }, { loadCatalog }, { outlineOf }, { readSummaries }] =
    await Promise.all([
      import('../bank/location.js'),
      import('../bank/lint.js'),
      import('../bank/catalog.js'),
      import('../bank/outline.js'),
      import('./session-index.js'),
    ]);
  const problems: SourceProblem[] = [];
  for (const bank of group) {
    const link = bank.path ? linkOnPath(tree, bank.path) : undefined;
    if (link)
      problems.push(
        problemAt(
          link,
          'is a symbolic link, and journey never follows links in bank folders; make it a folder',
        ),
      );
  }
  let files: string[] = [];
  if (problems.length === 0) {
    // Listed as a team folder is: links and anything else that cannot be a bank are problems.
    const folders: BankShelf = group.map((b) => ({
      dir: b.path ? join(tree, b.path) : tree,
      source: 'team',
    }));
    const listed = listShelf(folders);
    problems.push(...listed.problems);
    files = listed.files.map((f) => f.path);
    if (problems.length === 0 && files.length === 0) {
      const where = group.map((b) => (b.path ? `${b.path}/` : 'the top folder')).join(', ');
      problems.push(
        problemAt(
          tree,
          `no bank files (*.yaml) in ${where}; add a bank, or set path: to the folder they are in`,
        ),
      );
    }
  }
  if (files.length > 0) {
    // Against the banks in use besides this repository's own (its previous commit is what is replaced).
    const key = teamBankKey(group[0] as GitBank);
    const others = (await bankShelf(home)).filter((f) => !(f.git && teamBankKey(f.git) === key));
    const inUse = (await loadCatalog(others)).entries.map((e) => outlineOf(e.bank));
    const sessions = (await readSummaries(home)).flatMap((f) => f.sessions);
    problems.push(...(await lintBanks(files, inUse, sessions)).problems);
  }
  const inRepo = (text: string) => text.split(`${tree}${sep}`).join('').split(tree).join('.');
  const errors = problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({
      ...p,
      file: p.file.startsWith(tree) ? relative(tree, p.file) || '.' : p.file,
      message: inRepo(p.message),
    }));
  return { errors, warnings: problems.filter((p) => p.severity === 'warning').length };
}

/** The first folder on the way to a subfolder of the tree that is a symbolic link, if any. */
function linkOnPath(tree: string, path: string): string | undefined {
  let at = tree;
  for (const part of path.split('/')) {
    at = join(at, part);
    if (entryAt(at)?.kind === 'link') return at;
  }
  return undefined;
}

/** Git's message (or a file system's) on one line. */
function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' / ').trim();
}
