// Reading the data folder one entry at a time, so one bad entry never hides the others: what each
// entry is (links are looked at, never followed), and a file's text read without blocking on a FIFO,
// following a link or reading past a size cap. Every problem is one line: the path, what is wrong,
// what to do.
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  type Stats,
} from 'node:fs';
import type { FileStamp } from './stat-cache.js';

export type EntryKind = 'file' | 'folder' | 'link' | 'fifo' | 'socket' | 'device' | 'other';

export interface Entry {
  kind: EntryKind;
  stamp: FileStamp;
}

/** How one kind of file is named in messages, and the most a file of that kind may hold. */
export interface FileKind {
  /** "session file", "record", "bank file": what the entry should have been. */
  noun: string;
  maxBytes: number;
}

export type ReadResult = { ok: true; text: string; stamp: FileStamp } | { ok: false; problem: string };

const MOVE_OUT = 'move it out of the data folder';

export function kindOf(stats: Stats | Dirent): EntryKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isSymbolicLink()) return 'link';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'other';
}

const stampFrom = (s: Stats): FileStamp => ({
  size: s.size,
  mtimeMs: s.mtimeMs,
  ctimeMs: s.ctimeMs,
  ino: s.ino,
});

/** What is at a path (a link itself, not its target); undefined when nothing is, or it cannot be looked at. */
export function entryAt(path: string): Entry | undefined {
  try {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    return stats ? { kind: kindOf(stats), stamp: stampFrom(stats) } : undefined;
  } catch {
    return undefined;
  }
}

const KIND_NAMES: Record<EntryKind, string> = {
  file: 'a file',
  folder: 'a folder',
  link: 'a symbolic link',
  fifo: 'a FIFO (named pipe)',
  socket: 'a socket',
  device: 'a device',
  other: 'not a regular file',
};

/**
 * Why an entry of this kind is not the `noun` it should be ("session file", "account folder"), as
 * a one-line problem; undefined when it is one.
 */
export function wrongKind(path: string, kind: EntryKind, noun: string, where = MOVE_OUT): string | undefined {
  const wanted: EntryKind = /folder$/.test(noun) ? 'folder' : 'file';
  if (kind === wanted) return undefined;
  if (kind === 'link') {
    return `${path}: is a symbolic link, and journey never follows links inside its data folder; put the ${noun} itself here, or ${where}`;
  }
  return `${path}: is ${KIND_NAMES[kind]}, not ${article(noun)} ${noun}; ${where}`;
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');

/** The problem for a file-system error on `path`, in a person's words. */
export function unreadable(path: string, error: unknown, verb = 'read'): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return `${path}: cannot be ${verb} (permission denied); give your user access to it (chmod u+rwX) or ${MOVE_OUT}`;
  }
  if (code === 'ELOOP') return wrongKind(path, 'link', 'file') as string;
  if (code === 'ENOTDIR') return `${path}: a file is in the way where a folder should be; ${MOVE_OUT}`;
  return `${path}: cannot be ${verb} (${code ?? (error as Error).message}); check the disk, or ${MOVE_OUT}`;
}

export function tooLarge(path: string, size: number, kind: FileKind): string {
  return `${path}: is ${mebibytes(size)}, larger than any ${kind.noun} journey writes (${mebibytes(kind.maxBytes)}); ${MOVE_OUT}`;
}

export function mebibytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

// O_NOFOLLOW: a link swapped in after the listing is refused, not followed. O_NONBLOCK: a FIFO opens
// at once instead of waiting for a writer (and is then refused as not a file).
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A data file's whole text, read through one descriptor checked to be a regular file within the cap. */
export function readDataFile(path: string, kind: FileKind): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    return { ok: false, problem: unreadable(path, error) };
  }
  try {
    const stats = fstatSync(fd);
    const wrong = wrongKind(path, kindOf(stats), kind.noun);
    if (wrong) return { ok: false, problem: wrong };
    if (stats.size > kind.maxBytes) return { ok: false, problem: tooLarge(path, stats.size, kind) };
    const text = readText(fd, stats.size);
    // Read to its size as looked at; one the system cannot size (0) is read to its end, and judged by
    // what was read.
    if (text.bytes > kind.maxBytes) return { ok: false, problem: tooLarge(path, text.bytes, kind) };
    return { ok: true, text: text.text, stamp: stampFrom(stats) };
  } catch (error) {
    return { ok: false, problem: unreadable(path, error) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Where files of up to 64 KiB are read: kept from one file to the next, so reading a team's sessions
 * in a first index build allocates no buffer per file, only its text (a larger file gets its own).
 */
const scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The text of an open file of `size` bytes as looked at: those bytes read once, as readFileSync reads
 * them, without its own second look at the file. A size of 0 (a file the system cannot size) is
 * read to its end by readFileSync.
 */
function readText(fd: number, size: number): { text: string; bytes: number } {
  if (size === 0) {
    const bytes = readFileSync(fd);
    return { text: bytes.toString('utf8'), bytes: bytes.length };
  }
  const into = size <= scratch.length ? scratch : Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const got = readSync(fd, into, read, size - read, null);
    if (got === 0) break;
    read += got;
  }
  return { text: into.toString('utf8', 0, read), bytes: read };
}

/** An entry as looked at through the descriptor a file was read by, with its text (see openDataFile). */
export interface ReadEntry extends Entry {
  /** Absent: not a regular file, or past the cap of its kind (the reader says which). */
  text?: string;
}

/**
 * A data file opened once, for a reader that wants its stamp and its text together (a worker of a
 * first index build): its entry as looked at through the descriptor, and its text when it is a
 * regular file within the cap. Undefined when it cannot be opened or read (gone, a link).
 */
export function openDataFile(path: string, kind: FileKind): ReadEntry | undefined {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    const entry: ReadEntry = { kind: kindOf(stats), stamp: stampFrom(stats) };
    if (entry.kind !== 'file' || stats.size > kind.maxBytes) return entry;
    const text = readText(fd, stats.size);
    if (text.bytes <= kind.maxBytes) entry.text = text.text;
    return entry;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export type Listing = { ok: true; entries: Dirent[] } | { ok: false; problem: string };

/** The entries of a folder that must be a real folder (not a link to one). Missing: no entries. */
export function listFolder(path: string, noun: string): Listing {
  const entry = entryAt(path);
  if (!entry) return { ok: true, entries: [] };
  const wrong = wrongKind(path, entry.kind, noun);
  if (wrong) return { ok: false, problem: wrong };
  try {
    return { ok: true, entries: readdirSync(path, { withFileTypes: true }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, entries: [] };
    return { ok: false, problem: unreadable(path, error, 'listed') };
  }
}

/** Names a listing keeps: journey's own YAML files, never hidden ones (temporary files, locks). */
export function isDataFileName(name: string): boolean {
  return name.endsWith('.yaml') && !name.startsWith('.') && !name.includes('/') && !name.includes('\\');
}
