// The listing index in shards (store/listing-index.ts): an unchanged folder reads no account, a file
// changed in place reads its account alone, and a shard that is corrupt, of another shape or edited
// by hand is rebuilt from the files, never trusted. Accounts come back to folder order.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type IndexedAccount,
  indexedAccounts,
  indexReads,
  inFolderOrder,
} from '../../src/store/listing-index.js';
import { createSessionFile } from '../../src/store/sessions.js';
import { shardsOf } from '../../src/store/shards.js';
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

/** The shard files of the index, at the one count a folder of a few accounts has. */
function shardFiles(): string[] {
  const [count, ...others] = readdirSync(join(home, '.cache', 'listings'));
  expect(others).toEqual([]);
  const folder = join(home, '.cache', 'listings', count ?? '');
  return readdirSync(folder).map((n) => join(folder, n));
}

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

  it('spreads a larger folder over shards and rebuilds only the accounts of a shard that is gone', async () => {
    const names = Array.from({ length: 70 }, (_, i) => `Account ${i}`);
    for (const [i, account] of names.entries()) {
      await createSessionFile(home, sessionFixture(`x${i}y`, 'knowledge', '05', { account }));
    }
    const cold = await listed();
    expect(cold.read).toBe(70);
    const shards = shardsOf(home, 'listings', names.length);
    expect(shards.count).toBe(4);
    expect(readdirSync(join(home, '.cache', 'listings', '4')).length).toBe(4);
    const shard = shards.of('account7');
    rmSync(join(home, '.cache', shard));
    const inShard = cold.accounts.filter((a) => shards.of(a.slug) === shard).length;
    expect(inShard).toBeGreaterThan(0);
    expect(inShard).toBeLessThan(70);
    expect(await listed()).toEqual({ accounts: cold.accounts, read: inShard });
  });
});
