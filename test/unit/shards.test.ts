// Shards of a per-account cache (store/shards.ts): their number grows with the data folder so each
// stays a few dozen accounts, it does not flip back and forth as one account comes and goes, and the
// shards of another count (or of a release before counts) are removed, never mixed in.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNTS_PER_SHARD, shardCountFor, shardsOf } from '../../src/store/shards.js';
import { cacheText } from '../../src/store/stat-cache.js';
import { readCacheFile, writeCacheFile } from '../cache-files.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-shards-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const listings = () => join(home, '.cache', 'listings');

/** The format number the caches are written in now. */
const FORMAT = JSON.parse(cacheText([]).split('\n')[0] ?? '').format as number;

describe('shard counts', () => {
  it('is the smallest power of two that keeps a shard to ACCOUNTS_PER_SHARD accounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (accounts) => {
        const count = shardCountFor(accounts);
        expect(Number.isInteger(Math.log2(count))).toBe(true);
        expect(count * ACCOUNTS_PER_SHARD).toBeGreaterThanOrEqual(accounts);
        if (count > 1) expect((count / 2) * ACCOUNTS_PER_SHARD).toBeLessThan(accounts);
      }),
    );
    expect([1, 32, 33, 1250, 5000].map(shardCountFor)).toEqual([1, 1, 2, 64, 256]);
  });

  it('puts every folder name in one shard of the count, the same on every call', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 20_000 }),
        (slug, n) => {
          const shards = shardsOf(home, 'listings', n);
          const file = shards.of(slug);
          const match = /^listings\/(\d+)\/([0-9a-f]+)\.json$/.exec(file);
          expect(match?.[1]).toBe(String(shards.count));
          expect(Number.parseInt(match?.[2] ?? '', 16)).toBeLessThan(shards.count);
          expect(shards.of(slug)).toBe(file);
        },
      ),
    );
  });

  it('keeps the count there while the accounts stay within a factor of two of it', () => {
    mkdirSync(join(listings(), '64'), { recursive: true });
    writeFileSync(join(listings(), '64', '0a.json'), '{}');
    for (const accounts of [1250, 1100, 2048 + 1, 4096]) {
      expect(shardsOf(home, 'listings', accounts).count).toBe(64);
    }
    expect(existsSync(join(listings(), '64', '0a.json'))).toBe(true);
  });

  /** Writes a cache of `count` shards holding an entry for each key, where shardsOf would put it. */
  function writeCache(count: number, keys: string[], slugOf = (k: string) => k): void {
    const shards = shardsOf(home, 'listings', count * ACCOUNTS_PER_SHARD, slugOf);
    expect(shards.count).toBe(count);
    const files = new Map<string, Record<string, unknown>>();
    for (const key of keys) {
      const file = shards.of(slugOf(key));
      files.set(file, { ...files.get(file), [key]: { value: `of ${key}` } });
    }
    mkdirSync(join(listings(), String(count)), { recursive: true });
    for (const [file, entries] of files)
      writeCacheFile(join(home, '.cache', file), { format: FORMAT, entries });
  }

  /** Every entry of the cache, by key, checking each sits in the shard shardsOf gives its account. */
  function readCache(accounts: number, slugOf = (k: string) => k): Record<string, unknown> {
    const shards = shardsOf(home, 'listings', accounts, slugOf);
    const all = new Map<string, unknown>();
    for (const name of readdirSync(join(listings(), String(shards.count)))) {
      const file = `listings/${shards.count}/${name}`;
      const data = readCacheFile(join(home, '.cache', file));
      expect(data.format).toBe(FORMAT);
      for (const [key, entry] of Object.entries(data.entries)) {
        expect(shards.of(slugOf(key))).toBe(file);
        all.set(key, entry);
      }
    }
    return Object.fromEntries(all);
  }

  const keysOf = (n: number) => Array.from({ length: n }, (_, i) => `account${i}`);
  const entriesFor = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, { value: `of ${k}` }]));

  it('moves every entry to the new count once the accounts have grown past it, and removes the old shards', () => {
    const keys = [...keysOf(300), '__proto__', 'constructor'];
    writeCache(2, keys);
    expect(readCache(300)).toEqual(entriesFor(keys));
    expect(readdirSync(listings())).toEqual(['16']);
  });

  it('gathers every entry into fewer shards once the accounts have shrunk past it', () => {
    const keys = keysOf(40);
    writeCache(64, keys);
    expect(readCache(40)).toEqual(entriesFor(keys));
    expect(readdirSync(listings())).toEqual(['2']);
  });

  it('places entries by the account their key names', () => {
    const slugOf = (key: string) => key.split('\n')[1] ?? '';
    const keys = keysOf(100).map((slug) => `/exports/to\n${slug}`);
    writeCache(1, keys, slugOf);
    expect(readCache(100, slugOf)).toEqual(entriesFor(keys));
  });

  it('drops the entries of a shard it cannot read, and moves the rest', () => {
    const keys = keysOf(200);
    writeCache(8, keys);
    const spoiled = shardsOf(home, 'listings', 200).of('account7');
    writeFileSync(join(home, '.cache', spoiled), `{"format": ${FORMAT}`);
    const lost = keys.filter((k) => shardsOf(home, 'listings', 200).of(k) === spoiled);
    expect(lost.length).toBeGreaterThan(0);
    expect(readCache(2000)).toEqual(entriesFor(keys.filter((k) => !lost.includes(k))));
  });

  it.skipIf(process.getuid?.() === 0)(
    'keeps using the shards there when a read-only data folder cannot move them',
    () => {
      writeCache(2, keysOf(300));
      chmodSync(listings(), 0o555);
      try {
        expect(shardsOf(home, 'listings', 300).count).toBe(2);
        expect(readdirSync(listings())).toEqual(['2']);
      } finally {
        chmodSync(listings(), 0o755);
      }
    },
  );

  it('removes the shards of a release before counts and anything else in the folder', () => {
    mkdirSync(join(listings(), '8'), { recursive: true });
    writeFileSync(join(listings(), '3b.json'), '{}');
    writeFileSync(join(listings(), 'notes.txt'), 'hand-made');
    mkdirSync(join(listings(), '12'));
    expect(shardsOf(home, 'listings', 200).count).toBe(8);
    expect(readdirSync(listings())).toEqual(['8']);
  });

  it('takes a file named like a count for something to remove, not for shards', () => {
    mkdirSync(listings(), { recursive: true });
    writeFileSync(join(listings(), '1'), 'x');
    writeFileSync(join(listings(), '4'), 'x');
    expect(shardsOf(home, 'listings', 10).count).toBe(1);
    expect(readdirSync(listings())).toEqual([]);
  });

  it('works with no cache folder at all', () => {
    expect(shardsOf(home, 'listings', 10).of('acme')).toBe('listings/1/0.json');
    expect(existsSync(join(home, '.cache'))).toBe(false);
  });
});
