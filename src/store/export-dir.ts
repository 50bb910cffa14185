// Writing notes into a folder the user owns: every file atomically, never over a file journey did
// not write or that was edited by hand since (unless forced), only inside the folder (never through
// a link out of it), and one export at a time: a lock in the folder keeps the manifest, which
// remembers what we wrote, whole when two exports run at once.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { ExportFile, ExportReport, WriteOutcome } from '../model/export-files.js';
import { entryAt } from './data-files.js';
import { NoteBatch, removeLeftovers } from './export-batch.js';
import { forgetLanding, type Landing, noteLanding, takeLanded } from './export-landing.js';
import { loadManifest, type Manifest } from './export-manifest.js';
import { acquireLock, LockBusy } from './lock.js';
import { cannotWrite } from './output-target.js';
import { type FileStamp, sameStamp, stampOf } from './stat-cache.js';

const LOCK = '.journey-export.lock';
/** How long an export waits for another one into the same folder to finish. */
const WAIT_FOR_OTHER_EXPORT_MS = 120_000;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Notes landed since the manifest was last written, before it is written again mid-export. */
const CHECKPOINT_FILES = 1024;

export async function writeExport(
  dir: string,
  files: readonly ExportFile[],
  force: boolean,
): Promise<ExportReport> {
  const writer = await openExport(dir, force);
  try {
    // The files land when the export finishes: wait for both.
    const [, report] = await Promise.all([writer.write(files), writer.finish()]);
    return report;
  } finally {
    await writer.release();
  }
}

/** What became of each note written, and how many an earlier export left as they are (kept unchanged). */
export interface FolderReport extends ExportReport {
  kept: number;
}

/** A file an export wrote (or found as it would write it): its hash and its stamp once written. */
export interface WrittenFile {
  path: string;
  hash: string;
  stamp: FileStamp;
}

/**
 * An export into a folder, account by account: the lock is taken and the manifest read once, each
 * account's files are written as they are made (so an export holds one account at a time) and land
 * in batches (export-batch.ts); the manifest names a file once it has landed, and is written every
 * CHECKPOINT_FILES notes and at the end (only when it changed), so an export killed half way is
 * finished by the next one without a note it wrote being taken for one edited by hand.
 */
export interface ExportWriter {
  /**
   * Writes files now; the promise settles once they have landed (see flush): what was written or
   * found unchanged, with stamps, or undefined when any file was not.
   */
  write(files: readonly ExportFile[]): Promise<WrittenFile[] | undefined>;
  /**
   * Whether files an earlier export wrote are still there as written (same stamp) and the manifest
   * still holds them: then they are counted unchanged without being made or read again. With
   * `manifestAsLeft` (the manifest is as the last whole export with these options left it, which
   * named them), their stamps say all, and the manifest is not read for them.
   */
  keepIfUnchanged(files: readonly WrittenFile[], manifestAsLeft?: boolean): boolean;
  /** Lands every file written so far. */
  flush(): Promise<void>;
  /** Lands what is left and writes the manifest. */
  finish(): Promise<FolderReport>;
  release(): Promise<void>;
}

export async function openExport(dir: string, force: boolean): Promise<ExportWriter> {
  await mkdir(dir, { recursive: true });
  const lock = await lockExport(dir);
  // Read under the lock: an export that ran meanwhile has its entries in it.
  const manifest = loadManifest(dir);
  // Notes an export stopped half way put in place and could not name (its log says which).
  const hadLog = takeLanded(dir, manifest, (path) => {
    const text = currentText(join(dir, path));
    return text === undefined ? undefined : hash(text);
  });
  let logged = hadLog;
  const outcomes: ExportReport['outcomes'] = [];
  // Counted, not listed: an export with nothing changed holds nothing for each of its notes.
  let kept = 0;
  const batch = new NoteBatch<Landing>((notes) => {
    logged = true;
    return noteLanding(dir, notes);
  });
  const folders = new Set<string>();
  let landedSinceSave = 0;
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    saving = saving.then(async () => {
      lock.check();
      await manifest.save();
    });
    return saving;
  };
  const landed = async (placed: readonly Placed[]): Promise<WrittenFile[] | undefined> => {
    const written: WrittenFile[] = [];
    let whole = true;
    for (const p of placed) {
      if (!(await p.landed)) whole = false;
      const stamp = stampOf(join(dir, p.outcome.path));
      if (stamp) written.push({ path: p.outcome.path, hash: p.hash, stamp });
      else whole = false;
    }
    landedSinceSave += placed.length;
    if (landedSinceSave >= CHECKPOINT_FILES) {
      landedSinceSave = 0;
      await save();
    }
    return whole ? written : undefined;
  };
  removeLeftovers(dir);
  folders.add(dir);
  const target = { dir, force, manifest, batch, folders };
  return {
    write(files) {
      const placed = files.map((file) => placeFile(target, file));
      for (const p of placed) outcomes.push(p.outcome);
      // The texts are written: only what landing needs is kept while the batch waits.
      return landed(placed);
    },
    keepIfUnchanged(files, manifestAsLeft = false) {
      // A landing log taken names notes the manifest on disk does not: then it is looked at.
      const named = manifestAsLeft && !hadLog;
      for (const file of files) {
        if (!named && manifest.hashOf(file.path) !== file.hash) return false;
        const now = stampOf(join(dir, file.path));
        if (!now || !sameStamp(now, file.stamp)) return false;
      }
      kept += files.length;
      return true;
    },
    flush: () => batch.flush(),
    async finish() {
      await batch.flush();
      await save();
      if (logged) await forgetLanding(dir);
      return { outcomes, kept };
    },
    release: () => lock.release(),
  };
}

async function lockExport(dir: string) {
  try {
    return await acquireLock(join(dir, LOCK), { waitMs: WAIT_FOR_OTHER_EXPORT_MS, purpose: 'export' });
  } catch (error) {
    if (!(error instanceof LockBusy)) throw new UserError(`${dir}: ${cannotWrite(error)}`);
    const who = error.holder
      ? ` (pid ${error.holder.pid} on ${error.holder.host}, since ${error.holder.since})`
      : '';
    throw new UserError(
      `${dir}: another journey export into this folder is still running${who}; try again when it is done (or remove ${error.path} if it is not)`,
    );
  }
}

interface Target {
  dir: string;
  force: boolean;
  manifest: Manifest;
  batch: NoteBatch<Landing>;
  /** Folders made (and rid of leftovers) in this export. */
  folders: Set<string>;
}

interface Placed {
  outcome: ExportReport['outcomes'][number];
  hash: string;
  /** Whether the file is where it should be, as wanted, once its batch has landed. */
  landed: Promise<boolean>;
}

/**
 * Writes one file unless it is not ours or was edited since; the manifest names it as ours once it
 * has landed (at once when it was already as wanted).
 */
function placeFile(target: Target, file: ExportFile): Placed {
  const { dir, force, manifest } = target;
  // The closures below hold the file's name, never its text: a batch waiting to land holds no notes.
  const name = file.path;
  const path = join(dir, name);
  const rel = relative(dir, path);
  if (rel.startsWith('..') || rel === '') throw new Error(`refusing to write outside ${dir}: ${name}`);
  const wanted = hash(file.text);
  const failed = (error: unknown): Placed => ({
    outcome: { path: name, outcome: 'failed', error: whyNot(error) },
    hash: wanted,
    landed: Promise.resolve(false),
  });
  try {
    const blocked = outsideOrBlocked(dir, rel);
    if (blocked) return failed(new Error(blocked));
    const current = currentText(path);
    const ours = manifest.hashOf(name);
    let outcome: WriteOutcome;
    if (current === undefined) outcome = 'added';
    else if (hash(current) === wanted) outcome = 'unchanged';
    else if (!force && ours === undefined) outcome = 'skipped-not-ours';
    else if (!force && ours !== hash(current)) outcome = 'skipped-edited';
    else outcome = 'updated';
    const placed: Placed = { outcome: { path: name, outcome }, hash: wanted, landed: Promise.resolve(false) };
    if (outcome === 'unchanged') {
      manifest.own(name, wanted);
      placed.landed = Promise.resolve(true);
    }
    if (outcome !== 'added' && outcome !== 'updated') return placed;
    madeFolder(target, dirname(path));
    placed.landed = target.batch.add(path, file.text, { path: name, hash: wanted }).then(
      () => {
        manifest.own(name, wanted);
        return true;
      },
      (error: unknown) => {
        // The outcome is in the report already: it says so there.
        Object.assign(placed.outcome, { outcome: 'failed', error: whyNot(error) });
        return false;
      },
    );
    return placed;
  } catch (error) {
    return failed(error);
  }
}

function madeFolder(target: Target, folder: string): void {
  if (target.folders.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  removeLeftovers(folder);
  target.folders.add(folder);
}

function whyNot(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ? cannotWrite(error) : (error as Error).message;
}

/**
 * Why a file cannot be written at this place inside the export folder: a link on the way (which could
 * lead out of the folder), a file where a folder should be, or something other than a file at the
 * place itself. Undefined when it can.
 */
function outsideOrBlocked(dir: string, rel: string): string | undefined {
  const parts = rel.split(sep);
  let path = dir;
  for (const [i, part] of parts.entries()) {
    path = join(path, part);
    const entry = entryAt(path);
    if (!entry) return undefined; // made from here on
    const last = i === parts.length - 1;
    if (entry.kind === 'link') {
      return `${path} is a symbolic link; journey writes only inside the export folder, never through a link: remove it`;
    }
    if (!last && entry.kind !== 'folder') return `${path} is in the way: a folder should be there`;
    if (last && entry.kind !== 'file')
      return `${path} is ${entry.kind === 'folder' ? 'a folder' : 'not a regular file'}: move it away`;
  }
  return undefined;
}

/** The text of a file we may replace (checked to be a regular file); undefined when there is none. */
function currentText(target: string): string | undefined {
  try {
    return readFileSync(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
