// A sync of a team data folder: commit this rep's finished work, put it on top of the team's, review
// what arrived, push, and try again when a teammate pushed meanwhile. journey sync runs it, and so
// do start and prep before a call. What happened comes back as a report; commands print it.

import { UserError } from '../errors.js';
import { describeChanges, syncCommitMessage, whatChanged } from '../journey/sync-message.js';
import { accountNamesOf } from '../store/account-names.js';
import { whoIsRep } from '../store/rep.js';
import { acquireSyncLock } from '../store/sync-lock.js';
import {
  aheadOfRemote,
  arrivedBetween,
  type Change,
  commitPaths,
  commitStaged,
  type FetchResult,
  fetchRemote,
  gitHasUser,
  type Identity,
  localSince,
  markReviewed,
  openTeamRepo,
  pushToRemote,
  rebaseInProgress,
  rebaseOnRemote,
  remoteHead,
  reviewedHead,
  type TeamRepo,
  tidyUp,
} from '../store/team-repo.js';
import { markSynced } from '../store/team-setup.js';
import { stageForSync } from '../store/team-share.js';

/** A teammate pushing between our fetch and our push: fetch, rebase and push again, this many times. */
const ATTEMPTS = 8;

export interface SyncOptions {
  /** No terminal: git must not ask for passwords (cron, scripts, a pull before a call). */
  batch: boolean;
  now: () => Date;
  /** Give up on a network step that has printed nothing for this long. */
  stallMs?: number | undefined;
  /** How long to wait for a sync already running here (default 30 s; 0: go on without one). */
  lockWaitMs?: number | undefined;
}

/** What a review of arrivals gives back: at least the files it wrote (relative to the data folder). */
export interface Reviewed {
  written: readonly string[];
}

export interface ArrivalReviewer<R extends Reviewed> {
  /** Something is arriving: start loading what the review needs while git rebases. */
  prepare(): void;
  review(
    home: string,
    /** What teammates' commits brought, and what this clone had that they had not seen. */
    arrived: { paths: readonly string[]; local: readonly string[] },
    rep: string,
    now: Date,
  ): Promise<R>;
}

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
  /** What went to the team (this sync's commit and any made here before), when anything did or will. */
  sent?: string | undefined;
  /** Whether this rep's commits reached the remote. */
  pushed: boolean;
  received: Received;
  arrivals: R[];
  /** Calls and records deleted here by hand, put back (the team's history is kept). */
  restored: string[];
  /** Files in the data folder that are not journey's: never committed. */
  notShared: string[];
  outcome: SyncOutcome;
}

/**
 * journey sync (and the sync before a call): commit this rep's finished work, rebase on the team's,
 * review what arrived since the last review, commit the loop-backs it raised, push; again when a
 * teammate pushed meanwhile.
 */
export async function syncTeam<R extends Reviewed>(
  home: string,
  options: SyncOptions,
  reviewer: ArrivalReviewer<R>,
): Promise<SyncReport<R>> {
  // The repository is checked before the lock is taken: a folder that is not a team's is left as it was.
  const repo = await openRepo(home, options);
  const lock = await acquireSyncLock(home, options.lockWaitMs);
  let fetching: Promise<FetchResult> | undefined;
  try {
    // What only reads (who the rep is, git's user, how far the last review went) is asked while
    // the work tree is scanned and staged: each is a git process of its own.
    void gitHasUser(repo).catch(() => undefined); // awaited, and its failure said, at the commit
    const reviewedAt = repo.remote ? reviewedHead(repo) : Promise.resolve(undefined);
    // The team's commits are fetched while this rep's are staged and committed: a fetch moves only
    // the remote-tracking branch (once the last review's head is known) and adds objects.
    fetching = repo.remote ? reviewedAt.then(() => fetchRemote(repo)) : undefined;
    void fetching?.catch(() => undefined); // awaited by the first pull
    const [who, staged] = await Promise.all([whoIsRep(home), stageForSync(repo)]);
    const rep = who ?? 'someone';
    const report: SyncReport<R> = {
      rep,
      pushed: false,
      received: emptyReceived(),
      arrivals: [],
      restored: [],
      notShared: [],
      outcome: { kind: 'synced' },
    };
    report.restored = staged.restored;
    report.notShared = staged.notShared;
    if (staged.changes.length > 0) {
      report.sent = await describe(home, staged.changes);
      await commitStaged(repo, syncCommitMessage(rep, report.sent), identityOf(rep));
    }
    if (!repo.remote) return { ...report, outcome: { kind: 'no-remote' } };
    // Reviewed up to here: not the remote-tracking ref, which a fetch by hand moves without a review.
    let reviewed = await reviewedAt;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const pulled = await pullOnce(repo, reviewed, report, () => reviewer.prepare(), fetching);
      fetching = undefined; // a retry fetches again
      if (pulled.outcome.kind !== 'synced') return { ...report, outcome: pulled.outcome };
      reviewed = pulled.after ?? reviewed;
      // The loop-backs the review of what arrived raised go out with this rep's work. The review comes
      // before the push: a push of a clone whose review failed would make its own calls arrive next time.
      const arrival = pulled.arrived
        ? await reviewer.review(home, pulled.arrived, rep, options.now())
        : undefined;
      if (arrival) report.arrivals.push(arrival);
      const raised = arrival ? await commitRaised(repo, home, rep, arrival) : [];
      // What goes out: this clone's commits the remote lacked, and the loop-backs just raised.
      const sending = [...(pulled.local ?? []), ...raised];
      // With the remote's head known, what goes out says whether anything does; else git is asked.
      const ahead = pulled.after ? sending.length > 0 : await aheadOfRemote(repo);
      if (!ahead) {
        if (reviewed) await markReviewed(repo, reviewed);
        break;
      }
      report.sent = await describe(
        home,
        sending.map((path) => ({ path, status: 'added' as const })),
      );
      const result = await pushToRemote(repo);
      if (result.ok) {
        report.pushed = true;
        // What was pushed was reviewed (the remote's part) or is this rep's own.
        await Promise.all([markReviewed(repo, 'HEAD'), markSynced(home, options.now()), tidyUp(repo)]);
        return report;
      }
      if (reviewed) await markReviewed(repo, reviewed);
      if (!result.moved || attempt === ATTEMPTS)
        return { ...report, outcome: { kind: 'failed', message: result.message } };
      await pause(attempt);
    }
    await Promise.all([markSynced(home, options.now()), tidyUp(repo)]);
    return report;
  } finally {
    // A sync that stopped early (a failed commit, say) lets its fetch finish before the lock goes.
    await fetching?.catch(() => undefined);
    await lock.release();
  }
}

async function openRepo(home: string, options: SyncOptions): Promise<TeamRepo> {
  if (rebaseInProgress(home)) throw new UserError(rebaseLeftBehind(home));
  return openTeamRepo(home, { batch: options.batch, stallMs: options.stallMs });
}

/** What to say of a rebase (or merge) left in progress, by hand: finish it, never lose answers to it. */
export function rebaseLeftBehind(home: string): string {
  return `${home}: a git rebase is in progress (a conflict being resolved by hand): fix the files git names (git -C ${home} status), then git -C ${home} add <file> and git -C ${home} rebase --continue, then journey sync; journey records nothing here until it is finished`;
}

/** Fetch, rebase on the remote, and say what teammates' commits brought since `before`. */
async function pullOnce<R extends Reviewed>(
  repo: TeamRepo,
  before: string | undefined,
  report: SyncReport<R>,
  /** Something is arriving: the review may start loading. */
  prepareReview: () => void,
  /** A fetch already under way, if any. */
  fetching?: Promise<FetchResult> | undefined,
): Promise<{
  outcome: SyncOutcome;
  after?: string | undefined;
  local?: string[] | undefined;
  /** What arrived to review, when anything did. */
  arrived?: { paths: readonly string[]; local: readonly string[] } | undefined;
}> {
  const fetched = await (fetching ?? fetchRemote(repo));
  if (!fetched.ok) return { outcome: { kind: 'offline', message: fetched.message } };
  const after = await remoteHead(repo);
  if (!after) return { outcome: { kind: 'synced' } };
  // A first sync against a team's remote has no "before": nothing is new to review.
  const arriving = before !== undefined && before !== after;
  // What arrived is read from the commits while the rebase runs, and the review is loaded meanwhile.
  const arrivalAt = arriving ? arrivedBetween(repo, before, after) : undefined;
  void arrivalAt?.catch(() => undefined); // awaited below, once the rebase has gone well
  if (arriving) prepareReview();
  // What this clone has that the team has not seen yet: a close among it and one that arrives were made apart.
  const local = await localSince(repo, after);
  const rebased = await rebaseOnRemote(repo);
  if (!rebased.ok) {
    return {
      outcome:
        rebased.conflicts.length > 0
          ? { kind: 'conflict', files: rebased.conflicts, message: rebased.message }
          : { kind: 'failed', message: rebased.message },
    };
  }
  const arrival = await arrivalAt;
  if (!arrival || arrival.paths.length === 0) return { outcome: { kind: 'synced' }, after, local };
  report.received = mergeReceived(report.received, {
    described: await describe(repo.home, arrival.changes),
    authors: arrival.authors,
    paths: arrival.paths,
  });
  return { outcome: { kind: 'synced' }, after, local, arrived: { paths: arrival.paths, local } };
}

/** Loop-backs the review of what arrived wrote are committed at once, so the team sees them. */
async function commitRaised(repo: TeamRepo, home: string, rep: string, arrival: Reviewed): Promise<string[]> {
  const written = [...arrival.written];
  if (written.length === 0) return [];
  const changes = written.map((path) => ({ path, status: 'added' as const }));
  await commitPaths(repo, written, syncCommitMessage(rep, await describe(home, changes)), identityOf(rep));
  return written;
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
