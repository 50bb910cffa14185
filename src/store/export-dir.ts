// Writing notes into a folder the user owns: every file atomically, never over a file journey did
// not write or that was edited by hand since (unless forced), only inside the folder (never through
// a link out of it), and one export at a time: a lock in the folder keeps the manifest, which
// remembers what we wrote, whole when two exports run at once.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { ExportFile, ExportReport, WriteOutcome } from '../model/export-files.js';
import { writeFileAtomic } from './atomic.js';
import { entryAt, readDataFile } from './data-files.js';
import { MANIFEST_FILE } from './limits.js';
import { acquireLock, LockBusy } from './lock.js';
import { cannotWrite } from './output-target.js';
import { type FileStamp, sameStamp, stampOf } from './stat-cache.js';

const MANIFEST = '.journey-export.json';
const LOCK = '.journey-export.lock';
/** How long an export waits for another one into the same folder to finish. */
const WAIT_FOR_OTHER_EXPORT_MS = 120_000;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

function loadManifest(dir: string): Record<string, string> {
  const read = readDataFile(join(dir, MANIFEST), MANIFEST_FILE);
  if (!read.ok) return {}; // no manifest yet (or an unreadable one): nothing here is known to be ours
  try {
    const data = JSON.parse(read.text) as { files?: unknown };
    if (data.files && typeof data.files === 'object' && !Array.isArray(data.files)) {
      return Object.fromEntries(
        Object.entries(data.files as Record<string, unknown>).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      );
    }
  } catch {
    // not JSON: start a new one
  }
  return {};
}

/** Files written at once: enough to keep the disk busy while each one is synced. */
const CONCURRENCY = 8;

export async function writeExport(
  dir: string,
  files: readonly ExportFile[],
  force: boolean,
  onProgress?: (done: number) => void,
): Promise<ExportReport> {
  const writer = await openExport(dir, force);
  try {
    await writer.write(files, onProgress);
    return await writer.finish();
  } finally {
    await writer.release();
  }
}

/** A file an export wrote (or found as it would write it): its hash and its stamp once written. */
export interface WrittenFile {
  path: string;
  hash: string;
  stamp: FileStamp;
}

/**
 * An export into a folder, account by account: the lock is taken and the manifest read once, each
 * account's files are written as they are made (so an export holds one account at a time), and the
 * manifest is written at the end, only when it changed.
 */
export interface ExportWriter {
  /** Writes files (up to CONCURRENCY at once); what was written or found unchanged, with stamps. */
  write(
    files: readonly ExportFile[],
    onProgress?: (done: number) => void,
  ): Promise<WrittenFile[] | undefined>;
  /**
   * Whether files an earlier export wrote are still there as written (same stamp) and the manifest
   * still holds them: then they are counted unchanged without being made or read again.
   */
  keepIfUnchanged(files: readonly WrittenFile[]): boolean;
  finish(): Promise<ExportReport>;
  release(): Promise<void>;
}

export async function openExport(dir: string, force: boolean): Promise<ExportWriter> {
  await mkdir(dir, { recursive: true });
  const lock = await lockExport(dir);
  // Read under the lock: an export that ran meanwhile has its entries in it.
  const manifest = loadManifest(dir);
  const before = JSON.stringify(manifest);
  const outcomes: ExportReport['outcomes'] = [];
  return {
    async write(files, onProgress) {
      const start = outcomes.length;
      let next = 0;
      let done = 0;
      const worker = async () => {
        for (let i = next++; i < files.length; i = next++) {
          outcomes[start + i] = await writeOne(dir, files[i] as ExportFile, manifest, force);
          onProgress?.(++done);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
      const written: WrittenFile[] = [];
      for (const [i, file] of files.entries()) {
        const outcome = outcomes[start + i]?.outcome;
        const stamp = stampOf(join(dir, file.path));
        if (!stamp || (outcome !== 'added' && outcome !== 'updated' && outcome !== 'unchanged'))
          return undefined;
        written.push({ path: file.path, hash: hash(file.text), stamp });
      }
      return written;
    },
    keepIfUnchanged(files) {
      for (const file of files) {
        if (manifest[file.path] !== file.hash) return false;
        const now = stampOf(join(dir, file.path));
        if (!now || !sameStamp(now, file.stamp)) return false;
      }
      for (const file of files) outcomes.push({ path: file.path, outcome: 'unchanged' });
      return true;
    },
    async finish() {
      lock.check();
      const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)));
      // Nothing new: the manifest is left as it is (an export with nothing changed writes nothing).
      if (JSON.stringify(manifest) !== before || !entryAt(join(dir, MANIFEST))) {
        await writeFileAtomic(
          join(dir, MANIFEST),
          `${JSON.stringify({ format: 1, files: sorted }, null, 2)}\n`,
        );
      }
      return { outcomes };
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

/** Writes one file unless it is not ours or was edited since; records what we wrote in the manifest. */
async function writeOne(
  dir: string,
  file: ExportFile,
  manifest: Record<string, string>,
  force: boolean,
): Promise<ExportReport['outcomes'][number]> {
  const target = join(dir, file.path);
  const rel = relative(dir, target);
  if (rel.startsWith('..') || rel === '') throw new Error(`refusing to write outside ${dir}: ${file.path}`);
  const wanted = hash(file.text);
  try {
    const blocked = outsideOrBlocked(dir, rel);
    if (blocked) return { path: file.path, outcome: 'failed', error: blocked };
    const current = currentText(target);
    const ours = manifest[file.path];
    let outcome: WriteOutcome;
    if (current === undefined) outcome = 'added';
    else if (hash(current) === wanted) outcome = 'unchanged';
    else if (!force && ours === undefined) outcome = 'skipped-not-ours';
    else if (!force && ours !== hash(current)) outcome = 'skipped-edited';
    else outcome = 'updated';
    if (outcome === 'added' || outcome === 'updated') {
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, file.text);
    }
    if (outcome !== 'skipped-edited' && outcome !== 'skipped-not-ours') manifest[file.path] = wanted;
    return { path: file.path, outcome };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      path: file.path,
      outcome: 'failed',
      error: code ? cannotWrite(error) : (error as Error).message,
    };
  }
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
