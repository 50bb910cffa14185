// A derived cache kept per account (the listing index, the export memo) is split in shards by a hash
// of the account folder's name, and a run loads, uses and lets go of one shard at a time. How many
// shards grows with the data folder, about ACCOUNTS_PER_SHARD accounts each, so what a run holds at
// once stays the same size whether the folder has 1,000 accounts or 50,000.
//
// The shards of one count live in a folder named by the count (`listings/256/0a.json`). The count
// changes only once the accounts have more than doubled or halved past it (never back and forth as
// one account comes and goes); the shards of another count are then removed and their accounts
// worked out again, once.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** About this many accounts a shard: a few dozen kilobytes of JSON each. */
export const ACCOUNTS_PER_SHARD = 32;

/** Never more shards than this (some 130,000 accounts at ACCOUNTS_PER_SHARD each). */
const MOST_SHARDS = 4096;

export interface Shards {
  /** How many shards. */
  count: number;
  /** The cache file of an account folder, relative to <home>/.cache (`listings/256/0a.json`). */
  of(slug: string): string;
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
 * one that suits them, with the shards of any other count (and of releases before counts) removed.
 */
export function shardsOf(home: string, name: string, accounts: number): Shards {
  const folder = join(home, '.cache', name);
  const wanted = shardCountFor(accounts);
  const entries = entriesOf(folder);
  const count = countsIn(entries).find((n) => n >= wanted / 2 && n <= wanted * 2) ?? wanted;
  for (const entry of entries) {
    if (entry === String(count)) continue;
    try {
      // A cache: removing what another count (or an older release) left costs only a rebuild.
      rmSync(join(folder, entry), { recursive: true, force: true });
    } catch {
      // A read-only data folder: its shards are never written either.
    }
  }
  const digits = Math.max(1, (count - 1).toString(16).length);
  return {
    count,
    of: (slug) => `${name}/${count}/${(fnv1a(slug) % count).toString(16).padStart(digits, '0')}.json`,
  };
}

/** FNV-1a of a folder name: stable across runs and releases. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function entriesOf(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** The shard counts among a cache folder's entries (folders named by a power of two). */
function countsIn(entries: string[]): number[] {
  return entries
    .filter((e) => /^[1-9]\d{0,4}$/.test(e))
    .map(Number)
    .filter((n) => (n & (n - 1)) === 0);
}
