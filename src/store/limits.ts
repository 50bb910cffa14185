// One size limit per kind of file journey reads, checked by the writer before it writes: what
// journey writes always reads back. Each is far above what a real call produces (a session of a
// few hundred answers is well under 1 MiB) and low enough that every command stays fast.
import { BANK_MAX_BYTES } from '../bank/location.js';
import { UserError } from '../errors.js';
import { type FileKind, mebibytes } from './data-files.js';

const MiB = 1024 * 1024;

export const SESSION_FILE: FileKind = { noun: 'session file', maxBytes: 8 * MiB };
/** Closes and resolutions: a few lines each, plus a note or reason typed on the command line. */
export const RECORD_FILE: FileKind = { noun: 'record', maxBytes: 64 * 1024 };
export const CONFIG_FILE: FileKind = { noun: 'configuration file', maxBytes: 64 * 1024 };
/** Kept in bank/ (which never reads the data folder's store); repeated here so the table is whole. */
export const BANK_FILE: FileKind = { noun: 'bank file', maxBytes: BANK_MAX_BYTES };
export const LOCK_FILE: FileKind = { noun: 'lock file', maxBytes: 4 * 1024 };
export const MANIFEST_FILE: FileKind = { noun: 'export manifest', maxBytes: 16 * MiB };
/** The notes an export was putting in place (store/export-landing.ts): a line each. */
export const EXPORT_LOG: FileKind = { noun: 'export log', maxBytes: 32 * MiB };

/** Refuses to write text that the reader of this kind of file would refuse. */
export function checkSize(path: string, text: string, kind: FileKind, what: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= kind.maxBytes) return;
  throw new UserError(
    `${path}: ${what} would be ${mebibytes(bytes)}, more than a ${kind.noun} may hold (${mebibytes(kind.maxBytes)}); nothing was written`,
  );
}
