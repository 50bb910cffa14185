// Notes landed in batches: each note is written at once to a temporary file beside it, and a batch is
// made durable together (every temporary file synced, concurrently; renamed into place; each folder
// synced once), so an export of thousands of notes pays one folder sync per batch instead of a file
// sync and a folder sync, each waited for in turn, per note. A crash leaves every note whole, old or
// new, and at most a batch of hidden temporary files, which the next export into the folder removes.
import { closeSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDir } from './atomic.js';

/** Notes written as temporary files before their batch is made durable and put in place. */
const BATCH_FILES = 64;

const TEMP = /^\..+\.journey-\d+-\d+\.tmp$/;

interface Pending<T> {
  temp: string;
  target: string;
  /** What the caller wants written down before the note is renamed into place. */
  tag: T;
  landed: (error?: unknown) => void;
}

/**
 * Temporary files written and not yet in place, landed in order, one batch after the other. Before a
 * batch is renamed into place, `beforeLanding` is given the tags of its notes (and awaited).
 */
export class NoteBatch<T> {
  private pending: Pending<T>[] = [];
  private landing: Promise<void> = Promise.resolve();
  private serial = 0;

  constructor(private readonly beforeLanding: (tags: T[]) => Promise<void>) {}

  /**
   * Writes the text beside `target` now (a short write or a full disk throws here); the promise
   * settles once the note is in place and durable (rejected with the error that kept it out).
   */
  add(target: string, text: string, tag: T): Promise<void> {
    const temp = join(dirname(target), `.${basename(target)}.journey-${process.pid}-${this.serial++}.tmp`);
    const fd = openSync(temp, 'wx', 0o644);
    let written = false;
    try {
      writeAll(fd, Buffer.from(text, 'utf8'), target);
      written = true;
    } finally {
      // Closed now, synced when its batch lands: batches waiting to land hold no descriptors.
      closeSync(fd);
      if (!written) removeQuietly(temp);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ temp, target, tag, landed: (error) => (error ? reject(error) : resolve()) });
      if (this.pending.length >= BATCH_FILES) void this.flush();
    });
  }

  /** Lands every note added so far; resolves when they are all settled. */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    // land() settles every note of its batch and never throws: the next batch always follows.
    this.landing = this.landing.then(() => land(batch, this.beforeLanding));
    return this.landing;
  }
}

function writeAll(fd: number, bytes: Buffer, target: string): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw new Error(`could not write ${target}: the disk took no more bytes`);
    offset += written;
  }
}

async function land<T>(
  batch: readonly Pending<T>[],
  beforeLanding: (tags: T[]) => Promise<void>,
): Promise<void> {
  const synced = await Promise.allSettled(batch.map((p) => syncFile(p.temp)));
  // Written down first: a crash between the renames and the manifest still knows these notes.
  const noted = await beforeLanding(
    batch.filter((_, i) => synced[i]?.status === 'fulfilled').map((p) => p.tag),
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  const placed: Pending<T>[] = [];
  for (const [i, p] of batch.entries()) {
    const result = synced[i];
    try {
      if (result?.status === 'rejected') throw result.reason;
      if (noted !== undefined) throw noted;
      renameSync(p.temp, p.target);
      placed.push(p);
    } catch (error) {
      removeQuietly(p.temp);
      p.landed(error);
    }
  }
  await Promise.all([...new Set(placed.map((p) => dirname(p.target)))].map(syncDir));
  for (const p of placed) p.landed();
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes the temporary files an export killed before it landed its batch left in `dir` (called
 * under the export folder's lock: no other export is writing there).
 */
export function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (TEMP.test(name)) removeQuietly(join(dir, name));
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
