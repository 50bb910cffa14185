// The listing index in shards (store/listing-index.ts): an unchanged folder reads no account, a file
// changed in place reads its account alone, and a shard that is corrupt, of another shape or edited
// by hand is rebuilt from the files, never trusted. Accounts come back to folder order.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type IndexedAccount,
  indexedAccounts,
  indexReads,
  inFolderOrder,
  shardOf,
} from '../../src/store/listing-index.js';
import { createSessionFile } from '../../src/store/sessions.js';
import { sessionFixture } from '../helpers.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-index-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell', 'Soylent'];

async function accounts(): Promise<void> {
  for (const [i, account] of NAMES.entries()) {
    const day = String(i + 1).padStart(2, '0');
    await createSessionFile(home, sessionFixture(`a${i}b${i}c${i}`, 'knowledge', day, { account }));
  }
}

/** The accounts a listing gets, put back in folder order, and how many were read from their files. */
async function listed(): Promise<{ accounts: Omit<IndexedAccount, 'order'>[]; read: number }> {
  const before = indexReads.accounts;
  const got: IndexedAccount[] = [];
  for await (const a of indexedAccounts(home)) got.push(a);
  const accounts = inFolderOrder(got).map(({ order: _order, ...a }) => a);
  return { accounts, read: indexReads.accounts - before };
}

const shardFiles = () =>
  readdirSync(join(home, '.cache', 'listings')).map((n) => join(home, '.cache', 'listings', n));

describe('the listing index', () => {
  it('reads no account while nothing changed, and one account whose file changed in place', async () => {
    await accounts();
    const cold = await listed();
    expect(cold.read).toBe(NAMES.length);
    expect(cold.accounts.map((a) => a.slug)).toEqual(NAMES.map((n) => n.toLowerCase()).sort());
    expect(await listed()).toEqual({ accounts: cold.accounts, read: 0 });

    const [file] = readdirSync(join(home, 'accounts', 'globex'));
    appendFileSync(join(home, 'accounts', 'globex', file ?? ''), '\n');
    expect(await listed()).toEqual({ accounts: cold.accounts, read: 1 });
    expect(await listed()).toEqual({ accounts: cold.accounts, read: 0 });
  });

  it.each([
    ['not JSON', () => '{"format": 6, "entries": {'],
    ['of another format', (text: string) => text.replace(/"format":\d+/, '"format":5')],
    ['with a count as text', (text: string) => text.replace(/"sessions":(\d+)/g, '"sessions":"$1"')],
    [
      'with names that climb out of the folder',
      (text: string) => text.replace(/"names":\["/g, '"names":["../../'),
    ],
    ['with an unknown stage', (text: string) => text.replace(/"stage":"prospect"/g, '"stage":"won"')],
  ])('rebuilds a shard %s from the files, never trusting it', async (_name, spoil) => {
    await accounts();
    const cold = await listed();
    for (const file of shardFiles()) writeFileSync(file, spoil(readFileSync(file, 'utf8')));
    expect(await listed()).toEqual({ accounts: cold.accounts, read: NAMES.length });
    expect(await listed()).toEqual({ accounts: cold.accounts, read: 0 });
  });

  it('rebuilds only the accounts of a shard that is gone', async () => {
    await accounts();
    const cold = await listed();
    const shard = shardOf('acme');
    rmSync(join(home, '.cache', shard));
    const inShard = NAMES.filter((n) => shardOf(n.toLowerCase()) === shard).length;
    expect(await listed()).toEqual({ accounts: cold.accounts, read: inShard });
  });

  it('puts shards in a stable place for any folder name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (slug) => {
        expect(shardOf(slug)).toMatch(/^listings\/[0-9a-f]{2}\.json$/);
        expect(Number.parseInt(shardOf(slug).slice(9, 11), 16)).toBeLessThan(64);
        expect(shardOf(slug)).toBe(shardOf(`${slug}`));
      }),
    );
  });
});
