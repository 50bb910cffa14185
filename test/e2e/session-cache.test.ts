// A session `start` records goes into its account folder's stat cache as written, so the next run
// reading the account does not parse it; a hand edit made after is read all the same.
import { lstatSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCacheFile } from '../cache-files.js';
import { journey, tempHome } from './run.js';

interface CacheEntry {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  value: { session?: { id: string; entries: { question: string; answer?: unknown }[] } };
}

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
});
afterEach(() => cleanup());

/** The quick Knowledge answers (test/fixtures/answers), each on one line, as JSON (what a script writes). */
function oneLineAnswers(): string {
  const path = join(home, 'answers.json');
  const answers = {
    agenda: 'How month-end close works today and where it stalls',
    trigger: 'The auditors flagged late reconciliations twice this year',
    problem_in_their_words: 'Every month-end we chase bank reconciliations by email for four days',
    root_cause: 'Bank feeds land in three systems and nobody owns matching them',
    monthly_cost: 38000,
    urgency: 4,
    success_measure: 'Working days to close the month',
    success_baseline: 9,
    problem_statement: 'Bank reconciliations are matched by hand across three systems with no owner',
    next_step: "Priya sends last quarter's close calendar by Friday",
  };
  writeFileSync(path, JSON.stringify(answers));
  return path;
}

const folder = () => join(home, 'accounts', 'acme');
const cacheEntries = () =>
  readCacheFile(join(home, '.cache', 'accounts', 'acme.json')).entries as Record<string, CacheEntry>;

describe('a session start recorded', () => {
  it('is in its folder’s cache with its file’s stamp, and a hand edit after is read', async () => {
    const answers = oneLineAnswers();
    const run = await journey(['--home', home, 'start', 'Acme', '--quick', '--answers', answers]);
    expect(run.code, run.stderr).toBe(0);
    const [name] = readdirSync(folder()).filter((n) => n.endsWith('.yaml'));
    if (!name) throw new Error('no session file');
    const file = join(folder(), name);
    const stats = lstatSync(file);
    const entry = cacheEntries()[name];
    expect(
      entry && { size: entry.size, mtimeMs: entry.mtimeMs, ctimeMs: entry.ctimeMs, ino: entry.ino },
    ).toEqual({
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
      ino: stats.ino,
    });
    expect(entry?.value.session?.id).toBe(name.replace(/\.yaml$/, ''));

    writeFileSync(file, readFileSync(file, 'utf8').replace('answer: 38000', 'answer: 41000'));
    const prep = await journey(['--home', home, 'prep', 'Acme']);
    expect(prep.code, prep.stderr).toBe(0);
    const reread = cacheEntries()[name];
    expect(reread?.size).toBe(lstatSync(file).size);
    const cost = reread?.value.session?.entries.find((e) => e.question === 'monthly_cost');
    expect(cost?.answer).toBe(41000);
  });

  it('keeps a text that looks like a number a text, in the cache and in the file read afresh', async () => {
    // YAML 1.2 writes 0b1 and -0x10 plain; js-yaml, journey's reader, reads them as 1 and -16.
    const path = join(home, 'answers.json');
    const typed = JSON.parse(readFileSync(oneLineAnswers(), 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...typed, trigger: '0b1', root_cause: '-0x10' }));
    const run = await journey([
      '--home',
      home,
      'start',
      'Acme',
      '--quick',
      '--contact',
      '+0o7',
      '--answers',
      path,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [name] = readdirSync(folder()).filter((n) => n.endsWith('.yaml'));
    if (!name) throw new Error('no session file');
    const shown = async () => {
      const out = await journey(['--home', home, 'export', 'Acme', '--format', 'json']);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toBe('');
      const exported = JSON.parse(out.stdout) as {
        accounts: { sessions: { contact: unknown; entries: { question: string; answer?: unknown }[] }[] }[];
      };
      const session = exported.accounts[0]?.sessions[0];
      const answer = (q: string) => session?.entries.find((e) => e.question === q)?.answer;
      return { contact: session?.contact, trigger: answer('trigger'), cause: answer('root_cause') };
    };
    const typedBack = { contact: '+0o7', trigger: '0b1', cause: '-0x10' };
    expect(await shown()).toEqual(typedBack);
    // The file read afresh, as a teammate's clone or a rebuilt cache reads it.
    const file = join(folder(), name);
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(await shown()).toEqual(typedBack);
  });
});
