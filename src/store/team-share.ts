// What a sync shares of the data folder: journey's own files, finished. A finished call or a record
// (accounts/), the team's banks (banks/), config.yaml and the repository's ignore and attribute
// files. An unfinished session stays on this machine until it is finished, so two clones never
// both rewrite one; a file that is not journey's (a note, .DS_Store) is never committed; a call or
// record deleted by hand is put back, since the team's history is not one rep's to erase. The one
// deletion shared is a discarded unfinished session.
import { join } from 'node:path';
import { readDataFile } from './data-files.js';
import { SESSION_FILE as SESSION_FILE_LIMITS } from './limits.js';
import { type Change, changesToCommit, type TeamRepo } from './team-repo.js';

export interface Staged {
  /** What will be committed. */
  changes: Change[];
  /** Calls and records deleted here by hand, put back from the last commit. */
  restored: string[];
  /** Files journey does not share (not its own), left as they are. */
  notShared: string[];
}

const ACCOUNT_FILE = /^accounts\/[^/]+\/(?:records\/)?[^/]+\.yaml$/;
const SESSION_FILE = /^accounts\/[^/]+\/[^/]+\.yaml$/;
const BANK_FILE = /^banks\/.+\.ya?ml$/;
const TOP_FILES = new Set(['config.yaml', '.gitignore', '.gitattributes']);
const UNFINISHED = /^status:[ \t]*in_progress[ \t]*$/m;

/** Whether a path is one of journey's own files (what a team repository holds). */
export function isJourneyFile(path: string): boolean {
  return ACCOUNT_FILE.test(path) || BANK_FILE.test(path) || TOP_FILES.has(path);
}

/** Stages what this sync shares, puts back what must not be deleted, and says what it left. */
export async function stageForSync(repo: TeamRepo): Promise<Staged> {
  const staged: Staged = { changes: [], restored: [], notShared: [] };
  const toAdd: string[] = [];
  for (const change of await changesToCommit(repo)) {
    if (!isJourneyFile(change.path)) {
      if (change.status === 'added') staged.notShared.push(change.path);
      else toAdd.push(change.path); // a file the team already shares: keep it in step
      if (change.status !== 'added') staged.changes.push(change);
      continue;
    }
    if (change.status === 'deleted') {
      if (await wasDiscarded(repo, change.path)) {
        toAdd.push(change.path);
        staged.changes.push(change);
      } else {
        await repo.git.run(['checkout', '--quiet', 'HEAD', '--', change.path]);
        staged.restored.push(change.path);
      }
      continue;
    }
    if (change.status === 'added' && SESSION_FILE.test(change.path) && (await unfinished(repo, change.path)))
      continue;
    toAdd.push(change.path);
    staged.changes.push(change);
  }
  if (toAdd.length > 0) await repo.git.run(['add', '--all', '--', ...toAdd]);
  return staged;
}

/** A session deleted by `journey discard`: it was committed unfinished. */
async function wasDiscarded(repo: TeamRepo, path: string): Promise<boolean> {
  if (!SESSION_FILE.test(path)) return false;
  const shown = await repo.git.attempt(['show', `HEAD:${path}`]);
  return shown.ok && UNFINISHED.test(shown.out);
}

async function unfinished(repo: TeamRepo, path: string): Promise<boolean> {
  // Never through a link, never a huge file: what cannot be read as a session is shared as it is.
  const read = readDataFile(join(repo.home, path), SESSION_FILE_LIMITS);
  return read.ok && UNFINISHED.test(read.text);
}
