// A derived cache kept per account (the listing index, the export memo) is split in shards by a hash
// of the account folder's name, and a run loads, uses and lets go of one shard at a time. How many
// shards grows with the data folder, about ACCOUNTS_PER_SHARD accounts each, so what a run holds at
// once stays the same size whether the folder has 1,000 accounts or 50,000.
//
// The shards of one count live in a folder named by the count (`listings/256/0a.json`). The count
// changes only once the accounts have more than doubled or halved past it (never back and forth as
// one account comes and goes). Its entries then move to the shards of the new count, a shard or two
// at a time, so nothing is worked out again; anything else in the cache's folder (the shards of a
// release before counts, a move that was cut short) is removed.
import { type Dirent, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheEntries, cacheText } from './stat-cache.js';

/** About this many accounts a shard: a few dozen kilobytes of JSON each. */
export const ACCOUNTS_PER_SHARD = 32;

/** Never more shards than this (some 130,000 accounts at ACCOUNTS_PER_SHARD each). */
const MOST_SHARDS = 4096;

export interface Shards {
  /** How many shards. */
  count: number;
  /** The cache file of an account folder, relative to <home>/.cache (`listings/256/0a.json`). */
  of(slug: string): string;
  /**
   * The accounts of each shard that has any, as places in `slugs`, shards in file-name order.
   * Numbers, not names or file names: built at once for every account, it is all a run holds up
   * front.
   */
  grouped(slugs: readonly string[]): { file: string; places: number[] }[];
}

/** The shard count that suits `accounts` accounts: a power of two. */
export function shardCountFor(accounts: number): number {
  let count = 1;
  while (count * ACCOUNTS_PER_SHARD < accounts && count < MOST_SHARDS) count *= 2;
  return count;
}

/**
 * The shards of the cache `name` (a folder of <home>/.cache) for a data folder of `accounts`
 * accounts: the count already there while it still suits them (within a factor of two), else the
 * one that suits them, with the entries of the count there moved in. `slugOf` gives the account
 * folder of an entry's key (the key itself when the cache is keyed by folder name).
 */
export function shardsOf(
  home: string,
  name: string,
  accounts: number,
  slugOf: (key: string) => string = (key) => key,
): Shards {
  const folder = join(home, '.cache', name);
  const wanted = shardCountFor(accounts);
  const entries = entriesOf(folder);
  const counts = countsIn(entries).sort((a, b) => distance(a, wanted) - distance(b, wanted));
  const closest = counts[0];
  let count = closest ?? wanted;
  // Where the shards cannot be moved (a read-only data folder), those there still serve.
  if (closest !== undefined && distance(closest, wanted) > 1 && moveShards(folder, closest, wanted, slugOf)) {
    count = wanted;
  }
  for (const entry of entriesOf(folder)) {
    if (entry.name === String(count) && entry.isDirectory()) continue;
    try {
      // A cache: removing what another count (or an older release) left costs only a rebuild.
      rmSync(join(folder, entry.name), { recursive: true, force: true });
    } catch {
      // A read-only data folder: its shards are never written either.
    }
  }
  const file = (index: number) => `${name}/${count}/${fileOf(index, count)}`;
  return {
    count,
    of: (slug) => file(shardIndex(slug, count)),
    grouped(slugs) {
      const places: number[][] = Array.from({ length: count }, () => []);
      for (const [place, slug] of slugs.entries()) places[shardIndex(slug, count)]?.push(place);
      return places.flatMap((inShard, index) =>
        inShard.length > 0 ? [{ file: file(index), places: inShard }] : [],
      );
    },
  };
}

/** How many doublings apart two counts are. */
const distance = (a: number, b: number) => Math.abs(Math.log2(a) - Math.log2(b));

/** FNV-1a of a folder name, to a shard: stable across runs and releases. */
function shardIndex(slug: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) hash = Math.imul(hash ^ slug.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % count;
}

const fileOf = (index: number, count: number) =>
  `${index.toString(16).padStart(Math.max(1, (count - 1).toString(16).length), '0')}.json`;

/**
 * Moves the entries of `from` shards to `to` shards, one old shard (growing) or one new shard
 * (shrinking) at a time, into a folder renamed into place when whole. Counts are powers of two, so
 * an old shard splits into whole new ones and a new one gathers whole old ones. Entries are moved as
 * their text, unread: whoever loads a shard checks every entry it uses, as ever. False when they
 * could not be moved.
 */
function moveShards(folder: string, from: number, to: number, slugOf: (key: string) => string): boolean {
  const moving = join(folder, `.moving-${process.pid}`);
  const read = (index: number) => cacheEntries(join(folder, String(from), fileOf(index, from)));
  const write = (index: number, entries: Map<string, string>) =>
    writeFileSync(join(moving, fileOf(index, to)), cacheText(entries));
  try {
    rmSync(moving, { recursive: true, force: true });
    mkdirSync(moving);
    if (to > from) {
      for (let i = 0; i < from; i++) {
        const parts = new Map<number, Map<string, string>>();
        for (const [key, entry] of read(i) ?? []) {
          const j = shardIndex(slugOf(key), to);
          const part = parts.get(j) ?? new Map<string, string>();
          part.set(key, entry);
          parts.set(j, part);
        }
        for (const [j, entries] of parts) write(j, entries);
      }
    } else {
      for (let j = 0; j < to; j++) {
        const gathered = new Map<string, string>();
        for (let i = j; i < from; i += to) for (const [key, entry] of read(i) ?? []) gathered.set(key, entry);
        if (gathered.size > 0) write(j, gathered);
      }
    }
    renameSync(moving, join(folder, String(to)));
    return true;
  } catch {
    // Read-only, full, or raced by another run moving them too.
    try {
      rmSync(moving, { recursive: true, force: true });
    } catch {
      // Left for the next run that can write to remove.
    }
    return false;
  }
}

function entriesOf(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The shard counts among a cache folder's entries (folders named by a power of two). */
function countsIn(entries: Dirent[]): number[] {
  return entries
    .filter((e) => e.isDirectory() && /^[1-9]\d{0,4}$/.test(e.name))
    .map((e) => Number(e.name))
    .filter((n) => (n & (n - 1)) === 0);
}
