// Deleting an unfinished session the rep asked to throw away (`/discard`, `journey discard`): only
// a session file inside the data folder's accounts/, never a finished one, gone in one unlink (a
// reader sees the file or nothing). The caller holds the session's lock and releases it after.
import { unlink } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import type { Session } from '../model/session.js';
import { syncDir } from './atomic.js';
import { entryAt, isDataFileName } from './data-files.js';
import { accountsDir, inside } from './paths.js';

export async function discardSessionFile(
  home: string,
  session: Pick<Session, 'id' | 'status'>,
  file: string,
): Promise<void> {
  inside(home, file);
  const rel = relative(accountsDir(home), file);
  const name = basename(file);
  if (
    rel.startsWith('..') ||
    rel.split(sep).length !== 2 ||
    !isDataFileName(name) ||
    name !== `${session.id}.yaml`
  ) {
    throw new Error(`refusing to delete ${file}: it is not the file of session ${session.id}`);
  }
  if (session.status !== 'in_progress') throw new Error(`refusing to delete a finished session: ${file}`);
  if (entryAt(file)?.kind !== 'file') return;
  await unlink(file);
  await syncDir(dirname(file));
}
