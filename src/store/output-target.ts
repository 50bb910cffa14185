// Where a file option (`due --ics <file>`) and a folder option (`export --out <dir>`) write. `-`
// is stdout. An existing file is replaced atomically; a symbolic link is written through to the file
// it points to (the link stays a link, as editors do), never replaced by a file. A folder, a device,
// a FIFO, a dangling link or a missing parent folder is a one-line error before anything is written.
import { lstatSync, readlinkSync, realpathSync, type Stats, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { kindOf } from './data-files.js';

export type OutputFile = { kind: 'stdout' } | { kind: 'file'; path: string };

const KINDS: Record<string, string> = {
  folder: 'a folder',
  fifo: 'a FIFO (named pipe)',
  socket: 'a socket',
  device: 'a device',
  other: 'not a regular file',
};

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new UserError(`${path}: ${notAFolderOnTheWay(path)}`);
    throw new UserError(`${path}: cannot be looked at (${code ?? (error as Error).message})`);
  }
}

function notAFolderOnTheWay(path: string): string {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
    } catch {
      // missing: look further up
    }
  }
  return 'a file is in the way where a folder should be';
}

/**
 * The file a file option writes to: stdout for `-`, else the file itself, or the file a link points
 * to. `option` names the option in messages ("--ics").
 */
export function outputFile(file: string, cwd: string, option: string): OutputFile {
  if (file === '-') return { kind: 'stdout' };
  const path = resolve(cwd, file);
  const stats = lstatOrUndefined(path);
  if (!stats) {
    const parent = dirname(path);
    const up = lstatOrUndefined(parent);
    if (!up)
      throw new UserError(
        `${path}: no such folder ${parent}; create it first, or name another file for ${option}`,
      );
    if (!(up.isDirectory() || (up.isSymbolicLink() && isFolder(parent))))
      throw new UserError(`${path}: ${parent} is not a folder; name a file in a folder for ${option}`);
    return { kind: 'file', path };
  }
  if (stats.isFile()) return { kind: 'file', path };
  if (stats.isSymbolicLink()) return { kind: 'file', path: linkTarget(path, option) };
  const kind = KINDS[kindOf(stats)] ?? 'not a regular file';
  const hint = stats.isDirectory()
    ? `name a file in it for ${option}, e.g. ${join(path, 'check-ins.ics')}`
    : `name a regular file for ${option}, or - to print to stdout`;
  throw new UserError(`${path}: is ${kind}, not a file; ${hint}`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The regular file a link leads to (through any chain of links), or an error naming what is wrong. */
function linkTarget(path: string, option: string): string {
  let real: string | undefined;
  try {
    real = realpathSync(path);
  } catch {
    // a link to nothing
  }
  const stats = real === undefined ? undefined : lstatOrUndefined(real);
  if (real !== undefined && stats?.isFile()) return real;
  if (real === undefined || !stats) {
    throw new UserError(
      `${path}: is a link to ${safeReadlink(path)}, which does not exist (or is not a file); remove the link, or name another file for ${option}`,
    );
  }
  const kind = KINDS[kindOf(stats)] ?? 'not a regular file';
  throw new UserError(
    `${path}: is a link to ${real}, which is ${kind}, not a file; name a regular file for ${option}, or - to print to stdout`,
  );
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return 'something';
  }
}

/** Writes the text to the file atomically (its mode kept), with a one-line message when it cannot. */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    // a new file
  }
  try {
    await writeFileAtomic(path, text, mode === undefined ? {} : { mode });
  } catch (error) {
    throw new UserError(`${path}: ${cannotWrite(error)}`);
  }
}

export function cannotWrite(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return 'cannot write there (permission denied); check the permissions of its folder';
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return 'cannot write there: the disk is full (nothing half-written was kept)';
  if (code === 'EROFS') return 'cannot write there: the file system is read-only';
  return `cannot write there (${code ?? (error as Error).message})`;
}

/**
 * The folder an export writes into: `-` (stdout) is undefined; a missing folder is made; a link to a
 * folder is used as that folder (the user named it). A file, a dangling link, a device: an error.
 */
export async function outputFolder(dir: string, cwd: string, option: string): Promise<string | undefined> {
  if (dir === '-') return undefined;
  const path = resolve(cwd, dir);
  const stats = lstatOrUndefined(path);
  if (!stats) {
    try {
      await mkdir(path, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EEXIST')
        throw new UserError(`${path}: ${notAFolderOnTheWay(path)}; name a folder for ${option}`);
      throw new UserError(`${path}: cannot make this folder: ${cannotWrite(error)}`);
    }
    return path;
  }
  if (stats.isDirectory()) return path;
  if (stats.isSymbolicLink()) {
    if (isFolder(path)) return realpathSync(path);
    throw new UserError(
      `${path}: is a link to ${safeReadlink(path)}, which is not a folder; name a folder for ${option}`,
    );
  }
  const kind = stats.isFile() ? 'a file' : (KINDS[kindOf(stats)] ?? 'not a folder');
  throw new UserError(
    `${path}: is ${kind}, not a folder; name a folder for ${option} (it is made if missing)`,
  );
}
