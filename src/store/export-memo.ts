// What each account's export made last time, per export folder and options, with the fingerprint of
// the account's files then (store/listing-index.ts) and the journey that made it: an account whose
// files, options and journey are unchanged, and whose exported files are still as written, is not
// read, rendered or written again. A derived cache in <home>/.cache/exports.json like any other.
// Each account folder is listed afresh for its fingerprint and the listing let go: the listings of
// folders.json, kept for every account until the export ends, made the peak memory of an export of
// 5,000 accounts a tenth larger than that of 1,250.
import { lstatSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isFolderListing } from './cache-shapes.js';
import type { WrittenFile } from './export-dir.js';
import { accountStamp } from './listing-index.js';
import { type FileStamp, isObject, StatCache } from './stat-cache.js';

interface Memo {
  fingerprint: string;
  /** The journey that made the files (its code file's stamp): another build renders anew. */
  code: string;
  files: WrittenFile[];
}

const isStamp = (v: unknown): v is FileStamp =>
  isObject(v) && ['size', 'mtimeMs', 'ctimeMs', 'ino'].every((k) => typeof v[k] === 'number');

const isMemo = (v: unknown): v is Memo =>
  isObject(v) &&
  typeof v.fingerprint === 'string' &&
  typeof v.code === 'string' &&
  Array.isArray(v.files) &&
  v.files.every(
    (f) => isObject(f) && typeof f.path === 'string' && typeof f.hash === 'string' && isStamp(f.stamp),
  );

export interface ExportMemo {
  /** The account folder's stamp and fingerprint now (undefined: read it, something there is odd). */
  stampOf(dir: string): { stamp: FileStamp; fingerprint: string } | undefined;
  /** What the account's export made last time, when its files are as they were then. */
  known(slug: string, now: { stamp: FileStamp; fingerprint: string }): WrittenFile[] | undefined;
  remember(slug: string, now: { stamp: FileStamp; fingerprint: string }, files: WrittenFile[]): void;
  save(): Promise<void>;
}

/** The memo of exports into `dir` with these options (`options`: a key naming every option that shapes a file). */
export function exportMemo(home: string, dir: string, options: string): ExportMemo {
  const memos = StatCache.load(home, 'exports.json', isMemo);
  const prefix = `${realDir(dir)}\n${options}\n`;
  const code = codeKey();
  return {
    stampOf: (accountDir) => accountStamp(freshListing(home), accountDir),
    known(slug, now) {
      const memo = memos.get(prefix + slug, now.stamp);
      return memo && memo.fingerprint === now.fingerprint && memo.code === code ? memo.files : undefined;
    },
    remember(slug, now, files) {
      memos.set(prefix + slug, now.stamp, { fingerprint: now.fingerprint, code, files });
    },
    async save() {
      // Other folders' and options' memos are kept: only this export's accounts were looked at.
      await memos.save({ keepUnseen: true });
    },
  };
}

/** A listing cache of one use, never saved (no such cache file is ever written): the folder is listed. */
const freshListing = (home: string) => StatCache.load(home, 'export-listing.json', isFolderListing);

function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** This journey's code, by its file's stamp: a rebuilt or upgraded journey never trusts the memo. */
function codeKey(): string {
  try {
    const s = lstatSync(fileURLToPath(import.meta.url));
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return '';
  }
}
