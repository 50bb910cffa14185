// A sync of a team data folder: commit this rep's new files, put them on top of the team's, review
// what arrived, push, and try again when a teammate pushed meanwhile. Also the pull a call starts
// with. What happened comes back as a report; commands decide what to print.

import { UserError } from '../errors.js';
import { describeChanges, syncCommitMessage, whatChanged } from '../journey/sync-message.js';
import { accountNamesOf } from '../store/account-names.js';
import { whoIsRep } from '../store/rep.js';
import { acquireSyncLock } from '../store/sync-lock.js';
import {
  aheadOfRemote,
  arrivedBetween,
  type Change,
  changesToCommit,
  commitAll,
  commitPaths,
  fetchRemote,
  type Identity,
  localSince,
  openTeamRepo,
  pushToRemote,
  rebaseInProgress,
  rebaseOnRemote,
  remoteHead,
  type TeamRepo,
} from '../store/team-repo.js';
import { markSynced } from '../store/team-setup.js';

/** A teammate pushing between our fetch and our push: fetch, rebase and push again, this many times. */
const ATTEMPTS = 8;

export interface SyncOptions {
  /** No terminal: git must not ask for passwords (cron, scripts, a pull before a call). */
  batch: boolean;
  now: () => Date;
  /** Give up on a network step that has printed nothing for this long. */
  stallMs?: number | undefined;
}

/** What reviews the files that arrived (journey/merge-review through app/arrivals; a test's own). */
/** What a review of arrivals gives back: at least the files it wrote (relative to the data folder). */
export interface Reviewed {
  written: readonly string[];
}

export type ReviewArrived<R extends Reviewed> = (
  home: string,
  /** What teammates' commits brought, and what this clone had that they had not seen. */
  arrived: { paths: readonly string[]; local: readonly string[] },
  rep: string,
  now: Date,
) => Promise<R>;

export interface Received {
  /** "3 sessions (Acme, Inc.), 1 lost (Initech)". */
  described: string;
  authors: string[];
  paths: string[];
}

export type SyncOutcome =
  | { kind: 'synced' }
  | { kind: 'no-remote' }
  /** The remote could not be reached: this rep's work is committed here, shared next time. */
  | { kind: 'offline'; message: string }
  /** Files changed both here and by a teammate (edited by hand): left for the rep. */
  | { kind: 'conflict'; files: string[]; message: string }
  | { kind: 'failed'; message: string };

export interface SyncReport<R extends Reviewed = Reviewed> {
  rep: string;
  /** What this rep's commit said, when there was anything to commit. */
  sent?: string | undefined;
  /** Whether this rep's commits reached the remote. */
  pushed: boolean;
  received: Received;
  arrivals: R[];
  outcome: SyncOutcome;
}

/** journey sync: commit, rebase on the team's work, review what arrived, push. */
export async function syncTeam<R extends Reviewed>(
  home: string,
  options: SyncOptions,
  review: ReviewArrived<R>,
): Promise<SyncReport<R>> {
  const lock = await acquireSyncLock(home);
  try {
    const { repo, report } = await begin<R>(home, options);
    const rep = report.rep;
    const changes = await changesToCommit(repo);
    if (changes.length > 0) {
      report.sent = await describe(home, changes);
      await commitAll(repo, syncCommitMessage(rep, report.sent), identityOf(rep));
    }
    if (!repo.remote) return { ...report, outcome: { kind: 'no-remote' } };
    let before = await remoteHead(repo);
    let reviewed = 0;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const pulled = await pullOnce(repo, before, report, options, review);
      if (pulled.kind !== 'synced') return { ...report, outcome: pulled };
      before = await remoteHead(repo);
      const raised = await commitRaised(repo, home, rep, report.arrivals.slice(reviewed));
      reviewed = report.arrivals.length;
      if (raised) report.sent = report.sent ? `${report.sent}, ${raised}` : raised;
      if (!(await aheadOfRemote(repo))) break;
      const pushed = await pushToRemote(repo);
      if (pushed.ok) {
        report.pushed = true;
        break;
      }
      if (!pushed.moved || attempt === ATTEMPTS)
        return { ...report, outcome: { kind: 'failed', message: pushed.message } };
      await pause(attempt);
    }
    await markSynced(home, options.now());
    return report;
  } finally {
    await lock.release();
  }
}

/** The pull a call starts with: the team's latest, reviewed; nothing of this rep's is committed or pushed. */
export async function pullTeam<R extends Reviewed>(
  home: string,
  options: SyncOptions,
  review: ReviewArrived<R>,
): Promise<SyncReport<R>> {
  const lock = await acquireSyncLock(home);
  try {
    const { repo, report } = await begin<R>(home, options);
    if (!repo.remote) return { ...report, outcome: { kind: 'no-remote' } };
    const pulled = await pullOnce(repo, await remoteHead(repo), report, options, review);
    if (pulled.kind === 'synced') await markSynced(home, options.now());
    return { ...report, outcome: pulled };
  } finally {
    await lock.release();
  }
}

/** The repository, checked, and an empty report naming the rep. */
async function begin<R extends Reviewed>(
  home: string,
  options: SyncOptions,
): Promise<{ repo: TeamRepo; report: SyncReport<R> }> {
  const repo = await openRepo(home, options);
  const rep = (await whoIsRep(home)) ?? 'someone';
  return {
    repo,
    report: { rep, pushed: false, received: emptyReceived(), arrivals: [], outcome: { kind: 'synced' } },
  };
}

async function openRepo(home: string, options: SyncOptions): Promise<TeamRepo> {
  const repo = await openTeamRepo(home, { batch: options.batch, stallMs: options.stallMs });
  if (rebaseInProgress(home)) {
    throw new UserError(
      `${home}: a git rebase or merge is in progress (a conflict left to finish by hand): finish it with git -C ${home} rebase --continue, or undo it with git -C ${home} rebase --abort, then journey sync`,
    );
  }
  return repo;
}

/** Fetch, rebase on the remote, and review what teammates' commits brought since `before`. */
async function pullOnce<R extends Reviewed>(
  repo: TeamRepo,
  before: string | undefined,
  report: SyncReport<R>,
  options: SyncOptions,
  review: ReviewArrived<R>,
): Promise<SyncOutcome> {
  const fetched = await fetchRemote(repo);
  if (!fetched.ok) return { kind: 'offline', message: fetched.message };
  const after = await remoteHead(repo);
  if (!after) return { kind: 'synced' };
  // What this clone has that the team has not seen yet: a close among it and one that arrives were made apart.
  const local = await localSince(repo, after);
  const rebased = await rebaseOnRemote(repo);
  if (!rebased.ok) {
    return rebased.conflicts.length > 0
      ? { kind: 'conflict', files: rebased.conflicts, message: rebased.message }
      : { kind: 'failed', message: rebased.message };
  }
  // A first pull (just initialised against a team's remote) has no "before": nothing is new to review.
  if (!before || before === after) return { kind: 'synced' };
  const arrival = await arrivedBetween(repo, before, after);
  if (arrival.paths.length === 0) return { kind: 'synced' };
  report.received = mergeReceived(report.received, {
    described: await describe(
      repo.home,
      arrival.paths.map((path) => ({ path, status: 'added' })),
    ),
    authors: arrival.authors,
    paths: arrival.paths,
  });
  report.arrivals.push(await review(repo.home, { paths: arrival.paths, local }, report.rep, options.now()));
  return { kind: 'synced' };
}

/** Loop-backs the review of what arrived wrote are committed at once, so the team sees them. */
async function commitRaised<R extends Reviewed>(
  repo: TeamRepo,
  home: string,
  rep: string,
  arrivals: readonly R[],
): Promise<string | undefined> {
  const written = arrivals.flatMap((a) => a.written);
  if (written.length === 0) return undefined;
  const changes = written.map((path) => ({ path, status: 'added' as const }));
  const described = await describe(home, changes);
  await commitPaths(repo, written, syncCommitMessage(rep, described), identityOf(rep));
  return described;
}

async function describe(home: string, changes: readonly Change[]): Promise<string> {
  const byFolder = new Map<string, string[]>();
  for (const change of changes) {
    const folder = change.status === 'deleted' ? undefined : whatChanged(change)?.folder;
    if (folder) byFolder.set(folder, [...(byFolder.get(folder) ?? []), change.path]);
  }
  return describeChanges(changes, await accountNamesOf(home, byFolder));
}

function mergeReceived(a: Received, b: Received): Received {
  if (a.paths.length === 0) return b;
  return {
    described: [a.described, b.described].filter(Boolean).join('; '),
    authors: [...new Set([...a.authors, ...b.authors])],
    paths: [...a.paths, ...b.paths],
  };
}

const emptyReceived = (): Received => ({ described: '', authors: [], paths: [] });

/** The identity a commit is made with when the repository has no git user: the rep's name. */
export function identityOf(rep: string): Identity {
  const local =
    rep
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '') || 'rep';
  return { name: rep, email: `${local}@journey.invalid` };
}

/** A little longer each time, and never in step with a teammate retrying too. */
function pause(attempt: number): Promise<void> {
  const ms = 50 * attempt + Math.floor(Math.random() * 100 * attempt);
  return new Promise((done) => setTimeout(done, ms));
}
