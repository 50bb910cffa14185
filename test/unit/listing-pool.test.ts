// A worker's job of a first index build (store/listing-pool.ts), run here in this thread: it takes
// several accounts, answers each in the order given with the folder as stamped just before it was
// read (what the index keeps) and its facts, and leaves an account with anything to say to the main
// thread, so its warnings are said there as on every run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAccountFacts } from '../../src/store/account-facts.js';
import { listedNow } from '../../src/store/account-stamp.js';
import { listingFactsJob } from '../../src/store/listing-pool.js';
import { resetUnknownKeys, unknownKeysNoted } from '../../src/store/newer-files.js';
import { createSessionFile } from '../../src/store/sessions.js';
import { sessionFixture } from '../helpers.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-pool-'));
  resetUnknownKeys();
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  resetUnknownKeys();
});

const NAMES = ['Acme', 'Globex', 'Initech'];
const dirOf = (name: string) => join(home, 'accounts', name.toLowerCase());
const job = (names: string[]) => ({
  home,
  roles: undefined,
  accounts: names.map((n) => ({ dir: dirOf(n), slug: n.toLowerCase() })),
});

async function accounts(): Promise<void> {
  for (const [i, account] of NAMES.entries()) {
    for (const day of ['01', '02']) {
      await createSessionFile(home, sessionFixture(`a${i}b${day}c${i}`, 'knowledge', day, { account }));
    }
  }
}

describe('a listing job of several accounts', () => {
  it('answers each in order with its stamp and the facts the main thread would work out', async () => {
    await accounts();
    const answers = await listingFactsJob(job(NAMES));
    expect(answers).toHaveLength(NAMES.length);
    for (const [i, name] of NAMES.entries()) {
      const here = await readAccountFacts(home, dirOf(name), name.toLowerCase(), undefined, {
        remember: false,
      });
      expect(answers[i]).toEqual({ listed: listedNow(dirOf(name)), facts: here.facts });
      expect(answers[i]?.listed?.names).toHaveLength(2);
    }
  });

  it('leaves to the main thread an account with a broken file or keys this release does not know', async () => {
    await accounts();
    const [broken] = readdirSync(dirOf('Acme'));
    writeFileSync(join(dirOf('Acme'), broken ?? ''), 'format: 1\nid: [\n');
    const [newer] = readdirSync(dirOf('Initech'));
    const path = join(dirOf('Initech'), newer ?? '');
    writeFileSync(path, `${readFileSync(path, 'utf8')}mood: sunny\n`);
    const answers = await listingFactsJob(job(NAMES));
    expect(answers[0]).toBeUndefined();
    expect(answers[1]?.facts).toBeDefined();
    expect(answers[2]).toBeUndefined();
    expect(unknownKeysNoted()).toBe(1);
  });

  it('leaves to the main thread an account with a link or a FIFO where a session file should be', async () => {
    await accounts();
    const [first] = readdirSync(dirOf('Acme'));
    symlinkSync(join(dirOf('Acme'), first ?? ''), join(dirOf('Acme'), 'linked.yaml'));
    execFileSync('mkfifo', [join(dirOf('Globex'), 'pipe.yaml')]);
    const answers = await listingFactsJob(job(NAMES));
    expect(answers[0]).toBeUndefined();
    expect(answers[1]).toBeUndefined();
    expect(answers[2]?.listed).toEqual(listedNow(dirOf('Initech')));
  });

  it('gives a folder gone since accounts/ was listed no stamp and no facts', async () => {
    await accounts();
    const answers = await listingFactsJob(job(['Acme', 'Nowhere']));
    expect(answers[0]?.listed).toBeDefined();
    expect(answers[1]).toEqual({ listed: undefined, facts: undefined });
  });
});
