// Shards of a per-account cache (store/shards.ts): their number grows with the data folder so each
// stays a few dozen accounts, it does not flip back and forth as one account comes and goes, and the
// shards of another count (or of a release before counts) are removed, never mixed in.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNTS_PER_SHARD, shardCountFor, shardsOf } from '../../src/store/shards.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-shards-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const listings = () => join(home, '.cache', 'listings');

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

  it('moves to the count that suits once the accounts have doubled past it, removing the old shards', () => {
    mkdirSync(join(listings(), '64'), { recursive: true });
    writeFileSync(join(listings(), '64', '0a.json'), '{}');
    expect(shardsOf(home, 'listings', 5000).count).toBe(256);
    expect(readdirSync(listings())).toEqual([]);
    mkdirSync(join(listings(), '256'));
    expect(shardsOf(home, 'listings', 300).count).toBe(16);
    expect(readdirSync(listings())).toEqual([]);
  });

  it('removes the shards of a release before counts and anything else in the folder', () => {
    mkdirSync(join(listings(), '8'), { recursive: true });
    writeFileSync(join(listings(), '3b.json'), '{}');
    writeFileSync(join(listings(), 'notes.txt'), 'hand-made');
    mkdirSync(join(listings(), '12'));
    expect(shardsOf(home, 'listings', 200).count).toBe(8);
    expect(readdirSync(listings())).toEqual(['8']);
  });

  it('works with no cache folder at all', () => {
    expect(shardsOf(home, 'listings', 10).of('acme')).toBe('listings/1/0.json');
    expect(existsSync(join(home, '.cache'))).toBe(false);
  });
});
