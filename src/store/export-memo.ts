// What each account's export made last time, per export folder and options, with the fingerprint of
// the account's files then (store/account-stamp.ts) and the journey that made it: an account whose
// files, options and journey are unchanged, and whose exported files are still as written, is not
// read, rendered or written again. A derived cache like any other.
//
// The memo is in shards (store/shards.ts) of about 32 accounts, <home>/.cache/exports/<key>/<count>/
// <nn>.json, the key a hash of the export folder and the options; the accounts it knows are sifted
// shard by shard, each loaded, used and let go in turn. One file for every export and account,
// loaded whole and held for the run, made the peak memory of an unchanged export of 5,000 accounts a
// third larger than that of 1,250. The accounts left to export are then read in folder order (the
// warnings come in that order), and a shard is written once all of its accounts are done.
//
// Each account folder is listed afresh for its fingerprint and the listing let go: the listings of
// folders.json, kept for every account until the export ends, made the peak memory of an export of
// 5,000 accounts a tenth larger than that of 1,250.
//
// Only the memos of the KEPT_MEMOS export folders and option sets used last are kept (a memo is per
// folder and options): a rep who exports into a new folder every week would otherwise keep a memo of
// every one of them for good.
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountStamp } from './account-stamp.js';
import { writeFileAtomic } from './atomic.js';
import { isFolderListing } from './cache-shapes.js';
import type { WrittenFile } from './export-dir.js';
import { manifestStamp } from './export-manifest.js';
import { type Shards, shardsOf } from './shards.js';
import { type FileStamp, isObject, StatCache, sameStamp } from './stat-cache.js';

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

/** An account folder's stamp and fingerprint, as taken before its files are read. */
export interface Stamped {
  stamp: FileStamp;
  fingerprint: string;
}

export interface ExportMemo {
  /**
   * The accounts of `slugs` (folders of `root`, in folder order) to export, in that order: all but
   * those the memo knows whose notes `kept` finds still as written (it counts them unchanged); `place`
   * is the account's in `slugs`.
   */
  toExport(
    root: string,
    slugs: readonly string[],
    kept: (files: readonly WrittenFile[], place: number, manifestAsLeft: boolean) => boolean,
  ): Promise<string[]>;
  /** An account folder's stamp and fingerprint now (undefined: something there is odd, never remembered). */
  stampOf(dir: string): Stamped | undefined;
  /**
   * Once an account of toExport is done: its stamp before it was read and what its export wrote, to
   * remember, or undefined (read again next time). Called once for each: a shard is written once
   * its accounts are all done.
   */
  done(slug: string, made: { now: Stamped; files: WrittenFile[] } | undefined): void;
  /** Writes what is left to write (an export stopped half way keeps what it did). */
  save(): Promise<void>;
  /**
   * Once an export has finished whole: remembers the export folder's manifest as it left it, so the
   * next export with nothing changed checks each note by its stamp alone and does not read it.
   */
  finished(): Promise<void>;
}

/** The memo of exports into `dir` with these options (`options`: a key naming every option that shapes a file). */
export function exportMemo(home: string, dir: string, options: string): ExportMemo {
  const key = createHash('sha256')
    .update(`${realDir(dir)}\n${options}`)
    .digest('hex')
    .slice(0, 16);
  const name = `exports/${key}`;
  const code = codeKey();
  forgetOneFileMemo(home);
  keepLatestMemos(home, key);
  let shards: Shards | undefined;
  /** Its file of the manifest as left, once the shards are known, and the stamp it holds. */
  let asLeftFile: string | undefined;
  let recorded: FileStamp | undefined;
  /** Per shard with accounts to export, how many are not done yet and what those done made. */
  const open = new Map<string, { left: number; made: Map<string, { stamp: FileStamp; memo: Memo }> }>();
  let writing: Promise<void> = Promise.resolve();
  const write = (shard: string) => {
    const made = open.get(shard)?.made;
    open.delete(shard);
    if (!made || made.size === 0) return;
    writing = writing.then(async () => {
      const cache = StatCache.load(home, shard, isMemo);
      for (const [slug, { stamp, memo }] of made) cache.set(slug, stamp, memo);
      // Its other accounts were looked at (and those gone dropped) when it was sifted.
      await cache.save({ keepUnseen: true });
    });
  };
  return {
    async toExport(root, slugs, kept) {
      shards = shardsOf(home, name, slugs.length);
      asLeftFile = join(home, '.cache', name, String(shards.count), MANIFEST_AS_LEFT);
      const manifest = manifestStamp(dir);
      recorded = stampIn(asLeftFile);
      const manifestAsLeft =
        manifest !== undefined && recorded !== undefined && sameStamp(manifest, recorded);
      const todo = new Set<string>();
      for (const { file: shard, places } of shards.grouped(slugs)) {
        // No memo there yet (a first export): nothing to stamp the accounts for.
        if (!existsSync(join(home, '.cache', shard))) {
          for (const place of places) todo.add(slugs[place] as string);
          open.set(shard, { left: places.length, made: new Map() });
          continue;
        }
        const cache = StatCache.load(home, shard, isMemo);
        let left = 0;
        for (const place of places) {
          const slug = slugs[place] as string;
          const now = accountStamp(freshListing(home), root + sep + slug);
          const memo = now && cache.get(slug, now.stamp);
          if (
            memo &&
            memo.fingerprint === now.fingerprint &&
            memo.code === code &&
            kept(memo.files, place, manifestAsLeft)
          )
            continue;
          todo.add(slug);
          left++;
        }
        // Drops the accounts gone (and writes nothing when nothing changed).
        await cache.save();
        if (left > 0) open.set(shard, { left, made: new Map() });
      }
      // Whatever this export writes, the manifest may change: what is remembered of it is not
      // trusted again until the export has finished whole.
      if (todo.size > 0 && recorded) {
        forget(asLeftFile);
        recorded = undefined;
      }
      return slugs.filter((slug) => todo.has(slug));
    },
    stampOf: (accountDir) => accountStamp(freshListing(home), accountDir),
    done(slug, made) {
      const shard = shards?.of(slug);
      const entry = shard === undefined ? undefined : open.get(shard);
      if (!shard || !entry) return;
      if (made) {
        const { now, files } = made;
        entry.made.set(slug, { stamp: now.stamp, memo: { fingerprint: now.fingerprint, code, files } });
      }
      if (--entry.left === 0) write(shard);
    },
    async save() {
      for (const shard of [...open.keys()]) write(shard);
      await writing;
    },
    async finished() {
      const manifest = manifestStamp(dir);
      if (!asLeftFile || !manifest || (recorded && sameStamp(manifest, recorded))) return;
      const text = `${JSON.stringify({ format: 1, stamp: manifest })}\n`;
      await writeFileAtomic(asLeftFile, text, { disposable: true }).catch(() => undefined);
    },
  };
}

/** Where a memo keeps its export folder's manifest stamp as the export left it, beside its shards. */
const MANIFEST_AS_LEFT = 'manifest-as-left.json';

/** The stamp kept in `path`; undefined when there is none, or it is not one. */
function stampIn(path: string): FileStamp | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; stamp?: unknown };
    return isObject(data) && data.format === 1 && isStamp(data.stamp) ? data.stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a file of the memo's; in a read-only data folder it stays, and is never written either. */
function forget(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // read-only
  }
}

/** A listing cache of one use, never saved (no such cache file is ever written): the folder is listed. */
const freshListing = (home: string) => StatCache.load(home, 'export-listing.json', isFolderListing);

/** The memos kept, of the export folders and option sets used last: an older one costs a re-render, never a note. */
export const KEPT_MEMOS = 16;

/**
 * Marks the memo of `key` as used now, and removes all but the KEPT_MEMOS used last. A memo another
 * export is filling at this moment is at worst made again: its shards are written with their folders.
 */
function keepLatestMemos(home: string, key: string): void {
  const root = join(home, '.cache', 'exports');
  try {
    const now = new Date();
    mkdirSync(join(root, key), { recursive: true });
    utimesSync(join(root, key), now, now);
    // The memo in use is kept whatever the others' times say (a clock set back leaves some ahead).
    const others = readdirSync(root)
      .filter((memo) => memo !== key)
      .map((memo) => ({ memo, used: lstatSync(join(root, memo)).mtimeMs }));
    others.sort((a, b) => b.used - a.used);
    for (const { memo } of others.slice(KEPT_MEMOS - 1)) {
      rmSync(join(root, memo), { recursive: true, force: true });
    }
  } catch {
    // A read-only data folder, or a memo removed by another export meanwhile: nothing to keep tidy.
  }
}

/** The memo of releases before shards, one file for every export folder: worked out again, once. */
function forgetOneFileMemo(home: string): void {
  forget(join(home, '.cache', 'exports.json'));
}

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
