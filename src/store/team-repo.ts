// A data folder shared through git: the repository at the top of the data folder, what this rep
// changed, and the commit, rebase and push a sync is made of. journey's own files are one file per
// session or record with a unique name, so a rebase of them never conflicts; a file two people
// both changed (edited by hand) is left for the rep, never overwritten.
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { entryAt } from './data-files.js';
import { type Git, type GitOptions, openGit } from './git.js';

/** Never shared: derived caches, locks, temporary files of atomic writes, exports. */
export const TEAM_GITIGNORE = `# journey: what stays on this machine (caches, locks, half-written files, exports).
.cache/
.locks/
.*.tmp
exports/
`;

/** YAML keeps LF line endings on every machine, so a teammate on Windows never rewrites every line. */
export const TEAM_GITATTRIBUTES = `# journey: line endings stay LF everywhere.
*.yaml text eol=lf
*.yml text eol=lf
*.md text eol=lf
`;

export const REMOTE = 'origin';

/**
 * A sync's fetch runs beside its commit, so neither may start git's housekeeping on its own (a repack
 * or a pack-refs that takes a ref's lock from under the other); the sync tidies up once at its end.
 */
const NO_HOUSEKEEPING = ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false'];

export interface TeamRepo {
  git: Git;
  home: string;
  branch: string;
  /** The remote teammates share through, when there is one. */
  remote: string | undefined;
}

/** Whether the data folder is the top of a git repository (a team data folder). */
export function isTeamFolder(home: string): boolean {
  return entryAt(join(home, '.git')) !== undefined;
}

/** Whether the team repository has its remote (read from .git/config, without running git). */
export function hasTeamRemote(home: string): boolean {
  return namesRemote(repositoryConfig(home));
}

/** The repository's own .git/config, as text; undefined when it cannot be read. */
function repositoryConfig(home: string): string | undefined {
  try {
    return readFileSync(join(home, '.git', 'config'), 'utf8');
  } catch {
    return undefined;
  }
}

const namesRemote = (config: string | undefined) => config?.includes(`[remote "${REMOTE}"]`) ?? false;

/** The data folder's repository, or a UserError saying how to make it one. */
export async function openTeamRepo(home: string, options: GitOptions = {}): Promise<TeamRepo> {
  if (!isTeamFolder(home)) {
    throw new UserError(
      `${home} is not a team data folder: share it with journey team init <remote>, or join your team's with journey team join <url>`,
    );
  }
  const git = await openGit(home, options);
  const config = repositoryConfig(home);
  const plain = plainBranch(home, config);
  const { top, ref } = plain ? { top: home, ref: plain } : await topAndBranch(git);
  if (!plain && realpathSync(top) !== realpathSync(home)) {
    throw new UserError(
      `${home} is inside the git repository ${top}, not the top of its own: journey syncs a data folder that is a repository of its own`,
    );
  }
  if (!ref.startsWith('refs/heads/')) {
    throw new UserError(
      `${home} is on no branch (a commit checked out by hand): go back to the team's branch with git -C ${home} switch main, then journey sync`,
    );
  }
  const branch = ref.slice('refs/heads/'.length);
  return { git, home, branch, remote: namesRemote(config) ? REMOTE : undefined };
}

/**
 * The branch HEAD names, read from the repository's own files when they say it plainly: a .git
 * folder in the data folder (so it is the top of its own repository), no environment or setting that
 * moves the work tree, HEAD on a branch. Anything else (undefined) is asked of git.
 */
function plainBranch(home: string, config: string | undefined): string | undefined {
  const env = process.env;
  if (
    env.GIT_DIR ||
    env.GIT_WORK_TREE ||
    env.GIT_COMMON_DIR ||
    env.GIT_CONFIG_PARAMETERS ||
    env.GIT_CONFIG_COUNT
  )
    return undefined;
  if (config === undefined || entryAt(join(home, '.git'))?.kind !== 'folder') return undefined;
  try {
    // A moved work tree, a bare repository (any `bare` but `bare = false`) or an included file: git decides.
    if (/^\s*worktree\s*=|^\s*bare\b(?!\s*=\s*false\s*$)|^\s*\[include/im.test(config)) return undefined;
    const head = readFileSync(join(home, '.git', 'HEAD'), 'utf8');
    return /^ref: (refs\/heads\/[^\s]+)\r?\n?$/.exec(head)?.[1];
  } catch {
    return undefined;
  }
}

/** Where the repository's top is and which ref HEAD names: one process, two on a branch with no commit yet. */
async function topAndBranch(git: Git): Promise<{ top: string; ref: string }> {
  const both = await git.attempt(['rev-parse', '--show-toplevel', '--symbolic-full-name', 'HEAD']);
  if (both.ok) {
    const [top = '', ref = ''] = both.out.split('\n').map((line) => line.trim());
    return { top, ref };
  }
  const top = (await git.run(['rev-parse', '--show-toplevel'])).trim();
  const ref = await git.attempt(['symbolic-ref', 'HEAD']);
  return { top, ref: ref.ok ? ref.out.trim() : '' };
}

/** A rebase left behind (a conflict the rep has not finished): nothing else may run on top of it. */
export function rebaseInProgress(home: string): boolean {
  return ['rebase-merge', 'rebase-apply', 'MERGE_HEAD'].some((name) => entryAt(join(home, '.git', name)));
}

export interface Change {
  /** Relative to the data folder, with forward slashes. */
  path: string;
  /** New to the repository, changed, or deleted. */
  status: 'added' | 'changed' | 'deleted';
}

/** What this rep changed since the last commit, untracked files included. */
export async function changesToCommit(repo: TeamRepo): Promise<Change[]> {
  const out = await repo.git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  const fields = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (field.length < 4) continue;
    const code = field.slice(0, 2);
    const path = field.slice(3);
    // A rename is followed by its old path: skip that field.
    if (code.startsWith('R') || code.startsWith('C')) i++;
    const status = code.includes('D') ? 'deleted' : code === '??' || code.includes('A') ? 'added' : 'changed';
    changes.push({ path, status });
  }
  return changes;
}

export interface Identity {
  name: string;
  email: string;
}

/** Commits everything changed, as the repository's git user, else as the rep (a new team folder). */
export async function commitAll(repo: TeamRepo, message: string, rep: Identity): Promise<void> {
  await repo.git.run(['add', '--all']);
  await commitStaged(repo, message, rep);
}

/** Commits what is staged. */
export async function commitStaged(repo: TeamRepo, message: string, rep: Identity): Promise<void> {
  await repo.git.run(await commitArgs(repo, message, rep, []));
}

/** Commits just these files (what journey itself wrote during the sync), without a full scan. */
export async function commitPaths(
  repo: TeamRepo,
  paths: readonly string[],
  message: string,
  rep: Identity,
): Promise<void> {
  await repo.git.run(['add', '--', ...paths]);
  await repo.git.run(await commitArgs(repo, message, rep, ['--', ...paths]));
}

/** A journey commit: no hooks, no housekeeping of its own, as git's user or else the rep. */
async function commitArgs(repo: TeamRepo, message: string, rep: Identity, rest: string[]): Promise<string[]> {
  return [
    ...NO_HOUSEKEEPING,
    ...(await identityArgs(repo, rep)),
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    message,
    ...rest,
  ];
}

const named = new WeakMap<TeamRepo, Promise<boolean>>();

/** Whether git has a user of its own here: asked once per sync, and may be asked early (in parallel). */
export function gitHasUser(repo: TeamRepo): Promise<boolean> {
  let has = named.get(repo);
  if (has === undefined) {
    has = repo.git.attempt(['config', '--get', 'user.name']).then((found) => found.ok);
    named.set(repo, has);
  }
  return has;
}

/** The rep as the commit's identity, unless git has a user of its own. */
async function identityArgs(repo: TeamRepo, rep: Identity): Promise<string[]> {
  return (await gitHasUser(repo)) ? [] : ['-c', `user.name=${rep.name}`, '-c', `user.email=${rep.email}`];
}

export async function head(repo: TeamRepo): Promise<string> {
  return (await repo.git.run(['rev-parse', 'HEAD'])).trim();
}

/** The commit the remote's branch was at when last fetched, if it has been. */
export async function remoteHead(repo: TeamRepo): Promise<string | undefined> {
  const found = await repo.git.attempt([
    'rev-parse',
    '--verify',
    '--quiet',
    `refs/remotes/${REMOTE}/${repo.branch}`,
  ]);
  return found.ok ? found.out.trim() || undefined : undefined;
}

export type FetchResult = { ok: true } | { ok: false; message: string };

export async function fetchRemote(repo: TeamRepo): Promise<FetchResult> {
  const fetched = await repo.git.attempt([...NO_HOUSEKEEPING, 'fetch', '--quiet', '--no-tags', REMOTE]);
  return fetched.ok ? { ok: true } : { ok: false, message: fetched.message };
}

/** Git's own housekeeping (a repack when loose objects pile up), once a sync's git work is done. */
export async function tidyUp(repo: TeamRepo): Promise<void> {
  await repo.git.attempt(['gc', '--auto', '--quiet']);
}

export type RebaseResult = { ok: true } | { ok: false; conflicts: string[]; message: string };

/**
 * Puts this rep's commits on top of the remote's. On a conflict (a file two people changed) the
 * rebase is undone: the rep's commits stay as they were, and the files are named.
 */
export async function rebaseOnRemote(repo: TeamRepo): Promise<RebaseResult> {
  const upstream = `${REMOTE}/${repo.branch}`;
  // No --autostash: a stash that does not apply cleanly leaves conflict markers in the rep's files.
  const rebased = await repo.git.attempt(['rebase', '--quiet', upstream]);
  if (rebased.ok) return { ok: true };
  const unmerged = await repo.git.attempt(['diff', '--name-only', '--diff-filter=U']);
  const conflicts = unmerged.ok ? unmerged.out.split('\n').filter(Boolean) : [];
  if (rebaseInProgress(repo.home)) await repo.git.attempt(['rebase', '--abort']);
  return { ok: false, conflicts, message: rebased.message };
}

export type PushResult = { ok: true } | { ok: false; moved: boolean; message: string };

export async function pushToRemote(repo: TeamRepo): Promise<PushResult> {
  const pushed = await repo.git.attempt(['push', '--quiet', '--set-upstream', REMOTE, `HEAD:${repo.branch}`]);
  if (pushed.ok) return { ok: true };
  // The remote moved since the fetch: fetch, rebase and try again.
  const moved = /\[rejected\]|non-fast-forward|fetch first|failed to update ref|cannot lock ref/i.test(
    pushed.message,
  );
  return { ok: false, moved, message: pushed.message };
}

/** Whether there are commits here the remote does not have. */
export async function aheadOfRemote(repo: TeamRepo): Promise<boolean> {
  const upstream = await remoteHead(repo);
  if (!upstream) return (await repo.git.attempt(['rev-parse', '--verify', '--quiet', 'HEAD'])).ok;
  const count = await repo.git.run(['rev-list', '--count', `${upstream}..HEAD`]);
  return Number(count.trim()) > 0;
}

/** Files this clone added or changed since it last shared history with `upstream` (not yet on it). */
export async function localSince(repo: TeamRepo, upstream: string): Promise<string[]> {
  // upstream...HEAD: from where the two last shared history (git finds the merge base itself).
  const diff = await repo.git.attempt([
    'diff',
    '--name-only',
    '-z',
    '--diff-filter=AMD',
    '--no-renames',
    `${upstream}...HEAD`,
  ]);
  return diff.ok ? diff.out.split('\0').filter(Boolean) : [];
}

/**
 * The remote commit journey last reviewed what arrived up to (kept in the repository, never pushed);
 * before any review, where the remote was last fetched. Both refs read by one git process.
 */
export async function reviewedHead(repo: TeamRepo): Promise<string | undefined> {
  const remote = `refs/remotes/${REMOTE}/${repo.branch}`;
  const found = await repo.git.attempt([
    'for-each-ref',
    '--format=%(refname) %(objectname)',
    REVIEWED,
    remote,
  ]);
  if (!found.ok) return undefined;
  const heads = new Map(
    found.out
      .split('\n')
      .map((line) => line.trim().split(' '))
      .filter((parts): parts is [string, string] => parts.length === 2),
  );
  return heads.get(REVIEWED) ?? heads.get(remote);
}

export async function markReviewed(repo: TeamRepo, commit: string): Promise<void> {
  await repo.git.run(['update-ref', REVIEWED, commit]);
}

const REVIEWED = 'refs/journey/reviewed';

export interface Arrival {
  /** Files added or changed by teammates, relative to the data folder: what the review reads. */
  paths: string[];
  /** Every change they brought, deletions (a discarded session) included: what the rep is told. */
  changes: Change[];
  /** Who wrote the commits that brought them. */
  authors: string[];
}

/** What teammates' commits between two remote heads brought. */
export async function arrivedBetween(repo: TeamRepo, before: string, after: string): Promise<Arrival> {
  if (before === after) return { paths: [], changes: [], authors: [] };
  // Both read commits alone (never the work tree or the index): they may run beside a rebase.
  const [diff, authors] = await Promise.all([
    repo.git.run(['diff', '--name-status', '-z', '--no-renames', before, after]),
    repo.git.run(['log', '--format=%an', `${before}..${after}`]),
  ]);
  const fields = diff.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const code = fields[i] ?? '';
    const path = fields[i + 1] ?? '';
    if (!path) continue;
    changes.push({
      path,
      status: code.startsWith('D') ? 'deleted' : code.startsWith('A') ? 'added' : 'changed',
    });
  }
  return {
    paths: changes.filter((c) => c.status !== 'deleted').map((c) => c.path),
    changes,
    authors: [
      ...new Set(
        authors
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    ],
  };
}
