// One sync of a data folder at a time (a cron sync and a pull before a call, say): <home>/.locks/sync.lock.
import { join } from 'node:path';
import { type Lock, lockOrSay } from './lock.js';
import { ensureLocksDir } from './session-lock.js';

/** Waits a little for a sync already running to finish; then says who holds it. */
export async function acquireSyncLock(home: string, waitMs: number = 30_000): Promise<Lock> {
  const dir = await ensureLocksDir(home);
  return lockOrSay(
    join(dir, 'sync.lock'),
    { waitMs, purpose: 'journey sync' },
    (who) => `${home}: another journey sync is running here${who}; try again when it ends`,
  );
}
