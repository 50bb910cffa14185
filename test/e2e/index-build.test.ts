// Issue 15: a first index build over many accounts reads them in worker threads; what `accounts`,
// `flags` and `due` say must not depend on how the index was built. One data folder gets 80 accounts
// at once (a build reading them all, in parallel); another gets the same accounts 16 at a time, each
// run reading only the new ones, one by one in the main thread. Both say exactly the same, warnings
// included, cold and warm, and an account with a problem or unknown keys warns on every run.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, type Run, tempHome } from './run.js';

const SEED = join(FIXTURES, 'release-1-data/accounts');
const COPIES = 16;
const BATCH = 16;
const LISTINGS = [
  ['accounts', '--json'],
  ['accounts', '--due', '--json'],
  ['flags', '--all', '--json'],
  ['due', '--within', '2y', '--json'],
];

let seeds: string[] = [];
const homes: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** The folder names of the copies: every seed account 16 times, each under a name of its own. */
const copies = () => seeds.flatMap((slug) => Array.from({ length: COPIES }, (_, i) => ({ slug, i })));

/** A seed account copied as `<slug>x<i>`, its name `<name> <i>` in every file. */
async function copyAccount(home: string, slug: string, i: number): Promise<void> {
  const to = join(home, 'accounts', `${slug}x${i}`);
  await cp(join(SEED, slug), to, { recursive: true });
  for (const dir of [to, join(to, 'records')]) {
    const names = await readdir(dir).catch(() => []);
    for (const name of names.filter((n) => n.endsWith('.yaml'))) {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/^account: (.+)$/m, `account: $1 ${i}`));
    }
  }
}

/** One copy with a session that cannot be read, one with a key this release does not know. */
async function spoil(home: string): Promise<void> {
  const broken = join(home, 'accounts', `${seeds[0]}x3`);
  const [session] = (await readdir(broken)).filter((n) => n.endsWith('.yaml'));
  await writeFile(join(broken, session ?? 'x.yaml'), 'format: 1\nid: [unclosed\n');
  const newer = join(home, 'accounts', `${seeds[1]}x5`);
  const [other] = (await readdir(newer)).filter((n) => n.endsWith('.yaml'));
  const file = join(newer, other ?? 'x.yaml');
  await writeFile(file, `${await readFile(file, 'utf8')}mood: upbeat\n`);
}

const run = (home: string, args: string[]) =>
  journey(['--home', home, ...args], { cwd: home, env: { COLUMNS: '10000' } });
/** What a listing says, the data folder's own path aside. */
const said = (home: string, r: Run) => ({
  code: r.code,
  stdout: r.stdout.replaceAll(home, '<home>'),
  stderr: r.stderr.replaceAll(home, '<home>'),
});
const listAll = async (home: string) => {
  const out = [];
  for (const args of LISTINGS) out.push(said(home, await run(home, args)));
  return out;
};

beforeAll(async () => {
  seeds = (await readdir(SEED)).sort();
  for (let n = 0; n < 2; n++) {
    const { home, cleanup } = await tempHome();
    await mkdir(join(home, 'accounts'));
    homes.push(home);
    cleanups.push(cleanup);
  }
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('the index built at once or bit by bit', () => {
  it('says the same, cold and warm, with the same warnings every run', async () => {
    const [atOnce, byParts] = homes as [string, string];
    for (const { slug, i } of copies()) await copyAccount(atOnce, slug, i);
    await spoil(atOnce);
    const cold = await listAll(atOnce);
    // The builds that read every account kept no copy of their sessions; the spoiled accounts, read
    // again on every run on their own, are read as any command reads one.
    const spoiled = [`${seeds[0]}x3.json`, `${seeds[1]}x5.json`];
    const kept = await readdir(join(atOnce, '.cache', 'accounts')).catch(() => []);
    expect(kept.filter((name) => !spoiled.includes(name))).toEqual([]);
    const warm = await listAll(atOnce);
    expect(warm).toEqual(cold);

    const all = copies();
    for (let start = 0; start < all.length; start += BATCH) {
      for (const { slug, i } of all.slice(start, start + BATCH)) await copyAccount(byParts, slug, i);
      if (start + BATCH >= all.length) await spoil(byParts);
      expect((await run(byParts, ['accounts'])).code).toBe(0);
      expect((await run(byParts, ['due'])).code).toBe(0);
    }
    // Accounts read a few at a time are read as any command reads one, through their session cache.
    expect(await readdir(join(byParts, '.cache', 'accounts'))).toHaveLength(seeds.length * COPIES);
    expect(await listAll(byParts)).toEqual(cold);

    const accounts = JSON.parse(cold[0]?.stdout ?? '[]') as unknown[];
    expect(accounts).toHaveLength(seeds.length * COPIES);
    for (const r of cold) {
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/warning: .*x3\/.*\.yaml/);
      expect(r.stderr).toMatch(/1 file was written by a newer journey/);
    }
    expect(JSON.parse(cold[3]?.stdout ?? '{}').due.length).toBeGreaterThan(0);
    expect(JSON.parse(cold[2]?.stdout ?? '{}').flags.length).toBeGreaterThan(0);
  });
});
