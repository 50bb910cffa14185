// One account made ready for an export: read (store/load-account.ts) and rendered (export/), in a
// worker thread of the export's pool (export-pool.ts) or, where there is none, in this thread.
import { resolve, sep } from 'node:path';
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
  /** The account's name, as its sessions give it. */
  account: string;
  /** Files of the account that could not be read, each a one-line message. */
  problems: string[];
  /** Its files; undefined when it has no session (nothing to write). */
  files: ExportFile[] | undefined;
  /** Files read with keys this release does not know (noted where they were read). */
  unknownKeys: [string, readonly string[]][];
}

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
  options: { remember: boolean },
): Promise<PreparedAccount | undefined> {
  const noted = unknownKeysNoted();
  const data = await loadAccountAt(home, dir, slug, options);
  if (!data) return undefined;
  // This account's own: in this thread, another account's may be noted while this one is read.
  const inside = resolve(dir) + sep;
  return {
    account: data.name,
    problems: data.problems,
    files: data.sessions.length > 0 ? accountFiles(data, rendering) : undefined,
    unknownKeys: unknownKeysFrom(noted).filter(([file]) => file.startsWith(inside)),
  };
}

/** One account for a worker thread to read and render. */
export interface AccountJob {
  home: string;
  rendering: AccountRendering;
  dir: string;
  slug: string;
  remember: boolean;
}

/** A thread's side (pool-worker.ts): the account made ready, wrapped (an empty folder is no failure). */
export async function exportAccountJob(job: AccountJob): Promise<{ prepared: PreparedAccount | undefined }> {
  const { home, dir, slug, rendering, remember } = job;
  return { prepared: await prepareAccount(home, dir, slug, rendering, { remember }) };
}
