// One writer at a time: an exclusive lock file for what it guards (a session, an export folder's
// manifest), holding who took it (pid, host, time). It is written whole as a draft and linked into
// place (a file system without links: created with O_EXCL and written in one write, and a reader
// that comes in between looks again), released on every way out of the process,
// and taken over when its holder is gone: a dead pid on this host, or no sign of life for 12 hours
// from another host.

import { readdirSync, readFileSync, renameSync, unlinkSync, utimesSync } from 'node:fs';
import { link, open, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { crypto } from './crypto.js';
import { entryAt } from './data-files.js';
import { LOCK_FILE } from './limits.js';

export const LOCK_FORMAT = 1;

/** Who holds a lock, as its file says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When it was taken (ISO time). */
  since: string;
  /** What it was taken for, e.g. "resume". */
  purpose?: string | undefined;
}

interface LockContent extends LockHolder {
  format: typeof LOCK_FORMAT;
  /** Tells this lock from a later one at the same path: a release never removes another's lock. */
  token: string;
  /** This host's boot, where known: a pid from before a reboot is not alive, whatever runs under it now. */
  boot?: string | undefined;
}

/** The lock is held by someone else, alive as far as can be told. */
export class LockBusy extends Error {
  override name = 'LockBusy';
  constructor(
    readonly path: string,
    /** Undefined when the lock file cannot be read (being written, or damaged). */
    readonly holder: LockHolder | undefined,
  ) {
    super(`${path} is locked`);
  }
}

/** This process's lock was taken over (--steal-lock) or removed: it must stop writing. */
export class LockLost extends Error {
  override name = 'LockLost';
  constructor(
    readonly path: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`${path} is no longer ours`);
  }
}

export interface LockOptions {
  /** Take the lock even from a live holder (the holder finds out at its next write, and stops). */
  steal?: boolean | undefined;
  /** Wait up to this long for a live holder to finish (an export); 0: refuse at once. */
  waitMs?: number | undefined;
  /** Another host's lock is stale after this long with no sign of life (the lock file's mtime). */
  staleAfterMs?: number | undefined;
  purpose?: string | undefined;
}

export interface Lock {
  path: string;
  /** Whose live lock this one replaced (--steal-lock); undefined when there was none, or it was stale. */
  stolenFrom?: LockHolder | undefined;
  /** Throws LockLost unless the lock is still this process's; otherwise marks it alive (for other hosts). */
  check(): void;
  release(): Promise<void>;
}

/**
 * Takes a lock, or says in one line who holds it: `busy` words the refusal for what the lock guards,
 * given " (pid 4242 on dana-laptop)".
 */
export async function lockOrSay(
  path: string,
  options: LockOptions,
  busy: (who: string) => string,
): Promise<Lock> {
  try {
    return await acquireLock(path, options);
  } catch (error) {
    if (!(error instanceof LockBusy)) throw error;
    const who = error.holder
      ? ` (pid ${error.holder.pid} on ${error.holder.host} since ${error.holder.since})`
      : '';
    throw new UserError(busy(who));
  }
}

export const STALE_AFTER_MS = 12 * 60 * 60 * 1000;
/** An unreadable lock (damaged, or cut short by a power failure) is given this long before it is broken. */
const UNREADABLE_GRACE_MS = 60 * 1000;

export async function acquireLock(path: string, options: LockOptions = {}): Promise<Lock> {
  const me: LockContent = {
    format: LOCK_FORMAT,
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    ...(options.purpose ? { purpose: options.purpose } : {}),
    token: crypto().randomBytes(8).toString('hex'),
    boot: bootId(),
  };
  const deadline = Date.now() + (options.waitMs ?? 0);
  let stolenFrom: LockHolder | undefined;
  // Bounded: locks that keep appearing and going (many racing processes) end in LockBusy, not a spin.
  for (let attempt = 0; attempt < 1000; attempt++) {
    // Watched before it exists: a signal that comes as the lock is made still removes it.
    const mine: HeldLock = { token: me.token, opened: false };
    heldLocks.set(path, mine);
    watchExit();
    try {
      await createLock(path, me, mine);
      sweepLeftovers(path);
      return held(path, mine, stolenFrom);
    } catch (error) {
      heldLocks.delete(path);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = await readSettledLock(path);
    if (!found) continue; // released while we looked: try again
    const stale = isStale(found, options.staleAfterMs ?? STALE_AFTER_MS);
    if ((options.steal || stale) && attempt < 20) {
      await breakLock(path, found);
      if (!stale) stolenFrom = found.content ? holderOf(found.content) : stolenFrom;
      continue;
    }
    if (Date.now() < deadline) {
      await sleep(25 + Math.random() * 75);
      continue;
    }
    throw new LockBusy(path, found.content && holderOf(found.content));
  }
  throw new LockBusy(path, undefined);
}

/** What a lock says about its holder, without its token. */
function holderOf(content: LockContent): LockHolder {
  const { pid, host, since, purpose } = content;
  return { pid, host, since, ...(purpose ? { purpose } : {}) };
}

interface FoundLock {
  content: LockContent | undefined;
  mtimeMs: number;
  ino: number;
}

/**
 * Creates the lock file whole: what it says is written to a draft beside it, which is then linked as
 * the lock (EEXIST when another holds it). A holder killed at any moment leaves no lock, or one that
 * names it (a dead pid is taken over at once), never an empty one that only a minute's grace breaks.
 * Where the file system has no hard links, the lock is made with O_EXCL and written after. Not synced:
 * a lock a power cut loses was not worth keeping, since its holder is gone too.
 */
async function createLock(path: string, me: LockContent, mine: HeldLock): Promise<void> {
  const text = `${JSON.stringify(me)}\n`;
  const draft = join(dirname(path), `.${basename(path)}.${me.token}.draft`);
  await writeFile(draft, text, { mode: 0o644, flag: 'wx' });
  try {
    await link(draft, path);
    // Set in the same turn as the link completes, before any signal handler can run: the lock is ours.
    mine.opened = true;
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  const handle = await open(path, 'wx', 0o644);
  mine.opened = true;
  try {
    await handle.writeFile(text);
  } catch (error) {
    await unlink(path).catch(() => undefined); // ours, and empty: a full disk, say
    throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Drafts and releases of this lock that a kill cut short (hidden files beside it): no one's once the
 * lock is ours. A draft another process is about to link fails it, and that process finds the lock held.
 */
function sweepLeftovers(path: string): void {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(prefix) || !(name.endsWith('.draft') || name.endsWith('.releasing'))) continue;
      try {
        unlinkSync(join(dir, name));
      } catch {
        // gone already
      }
    }
  } catch {
    // an unlistable folder: the leftovers stay, hidden and harmless
  }
}

/** A lock as read once its holder has had a moment to write it (a new lock is empty at first). */
async function readSettledLock(path: string): Promise<FoundLock | undefined> {
  for (let tries = 0; ; tries++) {
    const found = readLock(path);
    if (!found || found.content || tries >= 20 || Date.now() - found.mtimeMs > 1000) return found;
    await sleep(10);
  }
}

function readLock(path: string): FoundLock | undefined {
  const entry = entryAt(path);
  if (!entry) return undefined;
  let content: LockContent | undefined;
  try {
    if (entry.kind === 'file' && entry.stamp.size <= LOCK_FILE.maxBytes)
      content = parseLock(readFileSync(path, 'utf8'));
  } catch {
    // gone since, or unreadable: judged by its age
  }
  return { content, mtimeMs: entry.stamp.mtimeMs, ino: entry.stamp.ino };
}

function parseLock(text: string): LockContent | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockContent> | null;
    if (
      v?.format === LOCK_FORMAT &&
      Number.isInteger(v.pid) &&
      typeof v.host === 'string' &&
      typeof v.since === 'string' &&
      typeof v.token === 'string'
    ) {
      return v as LockContent;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

function isStale(found: FoundLock, staleAfterMs: number): boolean {
  const { content } = found;
  const age = Date.now() - found.mtimeMs;
  if (!content) return age > UNREADABLE_GRACE_MS;
  if (content.host !== hostname()) return age > staleAfterMs;
  if (content.boot && bootId() && content.boot !== bootId()) return true;
  return !pidAlive(content.pid);
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the lock that was found, and only that one: it is renamed aside first (one rename wins),
 * and put back if what was moved turns out to be a newer lock taken meanwhile.
 */
async function breakLock(path: string, found: FoundLock): Promise<void> {
  const aside = join(dirname(path), `.${basename(path)}.${crypto().randomBytes(4).toString('hex')}.broken`);
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else broke it
    throw error;
  }
  const moved = entryAt(aside);
  if (moved && moved.stamp.ino !== found.ino) {
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let boot: string | undefined | null = null;
function bootId(): string | undefined {
  if (boot === null) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
    } catch {
      boot = undefined;
    }
  }
  return boot;
}

// Locks this process holds (or is making), released however it ends: a normal exit, an error, or a
// signal.
interface HeldLock {
  token: string;
  /** The lock file was created by this process (it may still be empty). */
  opened: boolean;
}
const heldLocks = new Map<string, HeldLock>();

function held(path: string, mine: HeldLock, stolenFrom: LockHolder | undefined): Lock {
  return {
    path,
    stolenFrom,
    check() {
      const found = readLock(path);
      if (found?.content?.token !== mine.token) {
        throw new LockLost(path, found?.content && holderOf(found.content));
      }
      const now = new Date();
      try {
        utimesSync(path, now, now);
      } catch {
        // a sign of life is a courtesy to other hosts, not a condition of writing
      }
    },
    async release() {
      heldLocks.delete(path);
      releaseIfOurs(path, mine);
    },
  };
}

function releaseIfOurs(path: string, { token, opened }: HeldLock): void {
  try {
    const content = parseLock(readFileSync(path, 'utf8'));
    // Not yet written (a signal between its creation and its one write): ours all the same.
    if (opened && !content) {
      unlinkSync(path);
      return;
    }
    if (content?.token !== token) return;
    // Renamed aside before removal: if another process took it over in between, the rename moves
    // its lock and the check below puts it back.
    const aside = join(dirname(path), `.${basename(path)}.${token}.releasing`);
    renameSync(path, aside);
    if (parseLock(readFileSync(aside, 'utf8'))?.token === token) unlinkSync(aside);
    else renameSync(aside, path);
  } catch {
    // already gone
  }
}

function releaseAll(): void {
  for (const [path, mine] of heldLocks) releaseIfOurs(path, mine);
  heldLocks.clear();
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let watching = false;

/**
 * Releases every lock when the process ends. On a signal the locks are released and the signal is
 * raised again with no handler of ours left, so the process ends the way it would have (and any
 * other handler, such as the prompt library's, still runs).
 */
function watchExit(): void {
  if (watching) return;
  watching = true;
  process.on('exit', releaseAll);
  const onSignal = (signal: NodeJS.Signals) => {
    releaseAll();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener('exit', releaseAll);
    watching = false;
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
}
