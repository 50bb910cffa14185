// One account made ready for an export: read (store/load-account.ts) and rendered (export/), in a
// worker thread of the export's pool (export-pool.ts) or, where there is none, in this thread.
import { resolve, sep } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type FileOptions, renderFiles } from '../export/files.js';
import { accountNote } from '../export/note.js';
import type { Account } from '../model/account.js';
import type { ExportFile } from '../model/export-files.js';
import { loadAccountAt } from '../store/load-account.js';
import { unknownKeysFrom, unknownKeysNoted } from '../store/newer-files.js';
import { accountSlug } from '../store/slug.js';

/** How an export renders an account: what shapes its files. */
export interface AccountRendering extends FileOptions {
  since?: string | undefined;
}

export interface PreparedAccount {
  /** Files of the account that could not be read, each a one-line message. */
  problems: string[];
  /** Its files; undefined when it has no session (nothing to write). */
  files: ExportFile[] | undefined;
  /** Files read with keys this release does not know (noted where they were read). */
  unknownKeys: [string, readonly string[]][];
}

/** This module, for a worker thread to load. */
export const workerModule = import.meta.url;

/** Marks the worker threads of an export pool in their workerData. */
export const POOL_WORKER = 'journey-export-pool';

export function accountFiles(account: Account, rendering: AccountRendering): ExportFile[] {
  const note = accountNote({
    name: account.name,
    slug: accountSlug(account.name),
    sessions: account.sessions,
    records: account.records,
    since: rendering.since,
    stamp: rendering.stamp,
  });
  return renderFiles([note], rendering);
}

/** An account folder read and rendered; undefined when the folder holds nothing at all. */
export async function prepareAccount(
  home: string,
  dir: string,
  slug: string,
  rendering: AccountRendering,
): Promise<PreparedAccount | undefined> {
  const noted = unknownKeysNoted();
  const data = await loadAccountAt(home, dir, slug);
  if (!data) return undefined;
  // This account's own: in this thread, another account's may be noted while this one is read.
  const inside = resolve(dir) + sep;
  return {
    problems: data.problems,
    files: data.sessions.length > 0 ? accountFiles(data, rendering) : undefined,
    unknownKeys: unknownKeysFrom(noted).filter(([file]) => file.startsWith(inside)),
  };
}

/** A request to a pool worker, and its answer. */
export interface AccountJob {
  id: number;
  dir: string;
  slug: string;
}

/** An error is not sent: the job is done again in the parent thread, where it is thrown as it is. */
export type JobAnswer = { id: number; prepared: PreparedAccount | undefined } | { id: number; error: true };

function serve(): void {
  const port = parentPort;
  const { home, rendering } = workerData as { home: string; rendering: AccountRendering };
  port?.on('message', (job: AccountJob) => {
    prepareAccount(home, job.dir, job.slug, rendering).then(
      (prepared) => port.postMessage({ id: job.id, prepared } satisfies JobAnswer),
      () => port.postMessage({ id: job.id, error: true } satisfies JobAnswer),
    );
  });
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[POOL_WORKER] === true) serve();
