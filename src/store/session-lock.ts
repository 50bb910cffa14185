// The lock that keeps a session to one writer: <home>/.locks/<session id>.lock, taken by start and
// resume before their first write and held until they end. Locks live beside the caches rather than
// in the account folders: no listing, cache or script that reads an account folder ever meets one,
// and the folder's own .gitignore keeps them out of git whatever the repository's says.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { entryAt, wrongKind } from './data-files.js';
import { acquireLock, type Lock, type LockOptions } from './lock.js';

export { LockBusy, type LockHolder, LockLost } from './lock.js';

export function locksDir(home: string): string {
  return join(home, '.locks');
}

export function sessionLockPath(home: string, sessionId: string): string {
  if (!/^[0-9A-Za-z-]+$/.test(sessionId)) throw new Error(`bad session id: ${sessionId}`);
  return join(locksDir(home), `${sessionId}.lock`);
}

/** Takes the lock of a session (which need not have a file yet). */
export async function lockSession(
  home: string,
  sessionId: string,
  options: Pick<LockOptions, 'steal' | 'purpose'>,
): Promise<Lock> {
  await ensureLocksDir(home);
  return acquireLock(sessionLockPath(home, sessionId), options);
}

/** The data folder's locks folder, made (with a .gitignore of its own) when missing. */
export async function ensureLocksDir(home: string): Promise<string> {
  const dir = locksDir(home);
  const entry = entryAt(dir);
  if (entry && entry.kind !== 'folder') {
    throw new UserError(
      wrongKind(
        dir,
        entry.kind,
        'locks folder',
        'move it away so journey can keep its session locks there',
      ) ?? `${dir}: is not a folder`,
    );
  }
  if (!entry) {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(
      join(dir, '.gitignore'),
      '# Who is writing which session right now: never committed.\n*\n',
      {
        exclusive: true,
        disposable: true,
      },
    ).catch(() => undefined);
  }
  return dir;
}
