// Making a data folder a team repository (journey team init) and joining a team's (journey team
// join), and when this folder last synced with its team.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { entryAt } from './data-files.js';
import { openGit } from './git.js';
import { accountsDir } from './paths.js';
import {
  commitAll,
  fetchRemote,
  head,
  type Identity,
  isTeamFolder,
  markReviewed,
  openTeamRepo,
  pushToRemote,
  REMOTE,
  remoteHead,
  TEAM_GITATTRIBUTES,
  TEAM_GITIGNORE,
  type TeamRepo,
} from './team-repo.js';

export interface TeamInit {
  /** A new repository was made (false: the folder already was one). */
  created: boolean;
  /** The remote now set, and whether it was added now. */
  remote?: { url: string; added: boolean } | undefined;
  /** The first commit was pushed to the remote. */
  pushed: boolean;
  /** The remote already holds a team's history: this folder should join it instead. */
  remoteHasHistory: boolean;
  commit?: string | undefined;
}

/** Makes the data folder a team repository: ignore and attribute files, a first commit, the remote. */
export async function initTeamFolder(
  home: string,
  remote: string | undefined,
  rep: Identity,
): Promise<TeamInit> {
  const created = !isTeamFolder(home);
  // A remote that holds a team's data already is for joining: refuse before anything is made here.
  if (created && remote) {
    await mkdir(dirname(home), { recursive: true });
    const heads = await (await openGit(dirname(home), { batch: true, stallMs: 20_000 })).attempt([
      'ls-remote',
      '--heads',
      '--',
      checkUrl(remote),
    ]);
    if (heads.ok && heads.out.trim()) return { created: false, pushed: false, remoteHasHistory: true };
  }
  await mkdir(accountsDir(home), { recursive: true });
  if (created) {
    const git = await openGit(home);
    const outer = await git.attempt(['rev-parse', '--show-toplevel']);
    if (outer.ok) {
      throw new UserError(
        `${home} is inside the git repository ${outer.out.trim()}: it is shared with that repository already; commit it there, or keep the team's data folder in a folder of its own (--home <dir>)`,
      );
    }
    await git.run(['init', '--quiet', '--initial-branch=main']);
  }
  await ensureLines(join(home, '.gitignore'), TEAM_GITIGNORE);
  await ensureLines(join(home, '.gitattributes'), TEAM_GITATTRIBUTES);
  const repo = await openTeamRepo(home);
  const added = remote
    ? await setRemote(repo, remote)
    : repo.remote
      ? { url: (await repo.git.run(['remote', 'get-url', REMOTE])).trim(), added: false }
      : undefined;
  const result: TeamInit = {
    created,
    pushed: false,
    remoteHasHistory: false,
    ...(added ? { remote: added } : {}),
  };
  const dirty = (await repo.git.run(['status', '--porcelain'])).trim() !== '';
  const hasHead = (await repo.git.attempt(['rev-parse', '--verify', '--quiet', 'HEAD'])).ok;
  if (dirty || !hasHead) {
    await commitAll(repo, `${rep.name}: made this data folder a team repository`, rep);
    result.commit = await head(repo);
  }
  if (!repo.remote && !added) return result;
  const withRemote = { ...repo, remote: REMOTE };
  const fetched = await fetchRemote(withRemote);
  if (!fetched.ok)
    throw new UserError(
      `${fetched.message}; the data folder is ready, run journey sync when the remote can be reached`,
    );
  if (await remoteHead(withRemote)) {
    const ours = await repo.git.run(['rev-list', '--count', 'HEAD']);
    const shared = await repo.git.attempt(['merge-base', 'HEAD', `${REMOTE}/${repo.branch}`]);
    if (!shared.ok && Number(ours.trim()) > 0) {
      // Two unrelated histories would clash on their first files: this folder should join that one.
      if (added?.added) await repo.git.run(['remote', 'remove', REMOTE]);
      return { ...result, remote: undefined, remoteHasHistory: true };
    }
  }
  const pushed = await pushToRemote(withRemote);
  if (!pushed.ok) throw new UserError(`${pushed.message}; run journey sync to try again`);
  return { ...result, pushed: true };
}

async function setRemote(repo: TeamRepo, url: string): Promise<{ url: string; added: boolean }> {
  if (repo.remote) {
    const current = (await repo.git.run(['remote', 'get-url', REMOTE])).trim();
    if (current === url) return { url, added: false };
    throw new UserError(
      `this data folder already shares through ${current}; to change it: git -C ${repo.home} remote set-url origin ${url}`,
    );
  }
  await repo.git.run(['remote', 'add', '--', REMOTE, checkUrl(url)]);
  return { url, added: true };
}

/** A remote's URL as git will read it: never something git would take for an option. */
function checkUrl(url: string): string {
  const trimmed = url.trim();
  if (!trimmed || trimmed.startsWith('-') || /[\0\n\r]/.test(trimmed)) {
    throw new UserError(
      `"${url}" is not a git URL: give the team repository's, e.g. git@git.example.com:sales/journey-data.git`,
    );
  }
  return trimmed;
}

/** Adds the lines of `wanted` the file lacks (a repository's own ignore rules are kept). */
async function ensureLines(file: string, wanted: string): Promise<void> {
  const text = entryAt(file) ? await readFile(file, 'utf8') : '';
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = wanted.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !have.has(l.trim()));
  if (missing.length === 0 && text) return;
  const header = wanted.split('\n')[0] ?? '';
  const body = text ? `${text.replace(/\n?$/, '\n')}${header}\n${missing.join('\n')}\n` : wanted;
  await writeFileAtomic(file, body);
}

export interface TeamJoin {
  /** The team repository had no commits yet. */
  empty: boolean;
  accounts: number;
}

/** Clones a team repository into the data folder (which must be empty, or not exist yet). */
export async function joinTeam(url: string, home: string): Promise<TeamJoin> {
  if (isTeamFolder(home)) {
    throw new UserError(`${home} is a team data folder already: journey sync shares it`);
  }
  const kept = await ownFiles(home);
  if (kept.length > 0) {
    throw new UserError(
      `${home} already holds ${kept.join(', ')}: join into a new folder with journey team join ${url} --home <dir>, or move them away first`,
    );
  }
  await mkdir(dirname(home), { recursive: true });
  const git = await openGit(dirname(home));
  await git.run(['clone', '--quiet', '--origin', REMOTE, '--', checkUrl(url), home]);
  const repo = await openTeamRepo(home);
  const empty = !(await checkoutTeamBranch(repo));
  // What the clone brought is the starting point: the first sync reviews only what comes after it.
  if (!empty) await markReviewed(repo, await head(repo));
  await ensureLines(join(home, '.gitignore'), TEAM_GITIGNORE);
  await ensureLines(join(home, '.gitattributes'), TEAM_GITATTRIBUTES);
  await mkdir(accountsDir(home), { recursive: true });
  const accounts = (await readdir(accountsDir(home), { withFileTypes: true })).filter((e) =>
    e.isDirectory(),
  ).length;
  return { empty, accounts };
}

/**
 * The clone's branch: a bare repository made by hand may point its HEAD at a branch nobody pushed
 * (master) while the team's is main. Then the team's branch is checked out. False: no branch yet.
 */
async function checkoutTeamBranch(repo: TeamRepo): Promise<boolean> {
  if ((await repo.git.attempt(['rev-parse', '--verify', '--quiet', 'HEAD'])).ok) return true;
  const listed = await repo.git.run([
    'for-each-ref',
    '--format=%(refname:lstrip=3)',
    `refs/remotes/${REMOTE}`,
  ]);
  const branches = listed
    .split('\n')
    .map((b) => b.trim())
    .filter((b) => b && b !== 'HEAD');
  const branch = branches.includes('main') ? 'main' : branches[0];
  if (!branch) return false;
  await repo.git.run(['checkout', '--quiet', '-B', branch, '--track', `${REMOTE}/${branch}`]);
  return true;
}

/** What the rep keeps in a folder journey would clone into: anything but caches and locks. */
async function ownFiles(home: string): Promise<string[]> {
  const entry = entryAt(home);
  if (!entry) return [];
  if (entry.kind !== 'folder')
    throw new UserError(`${home}: is not a folder; join into another with --home <dir>`);
  const names = (await readdir(home)).filter((n) => !['.cache', '.locks'].includes(n));
  const accounts = entryAt(accountsDir(home)) ? await readdir(accountsDir(home)) : [];
  if (names.length === 0 || (names.length === 1 && names[0] === 'accounts' && accounts.length === 0))
    return [];
  return accounts.length > 0
    ? [`${accounts.length} account folder${accounts.length === 1 ? '' : 's'}`]
    : names.slice(0, 3);
}

/** When this folder last pulled from its team (a pull before a call, or a sync), if ever. */
export async function lastSynced(home: string): Promise<Date | undefined> {
  try {
    const text = await readFile(join(home, '.cache', 'sync.json'), 'utf8');
    const at = (JSON.parse(text) as { at?: unknown }).at;
    const date = typeof at === 'string' ? new Date(at) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  } catch {
    return undefined;
  }
}

export async function markSynced(home: string, at: Date): Promise<void> {
  await mkdir(join(home, '.cache'), { recursive: true });
  await writeFileAtomic(join(home, '.cache', 'sync.json'), `${JSON.stringify({ at: at.toISOString() })}\n`, {
    disposable: true,
  });
}
