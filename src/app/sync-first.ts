// Before a call: in a team data folder (a git repository), a sync with the team first (sync-due.ts),
// and nothing recorded on top of a rebase the rep has not finished. Everything else is loaded only
// there, so a data folder of one's own starts as fast as ever.
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { entryAt } from '../store/data-files.js';

export async function syncBeforeCall(home: string, options: { terminal: boolean; now: Date }): Promise<void> {
  if (!entryAt(join(home, '.git'))) return;
  await refuseDuringRebase(home);
  const { syncIfDue } = await import('./sync-due.js');
  await syncIfDue(home, options);
}

/** A call recorded over a half-finished rebase could be undone by it: finish the rebase first. */
export async function refuseDuringRebase(home: string): Promise<void> {
  if (!entryAt(join(home, '.git'))) return;
  const [{ rebaseInProgress }, { rebaseLeftBehind }] = await Promise.all([
    import('../store/team-repo.js'),
    import('./sync.js'),
  ]);
  if (rebaseInProgress(home)) throw new UserError(rebaseLeftBehind(home));
}
