// Fault injection: concurrent writers. Two resumes of one session, two resolutions of one flag, two
// exports into one folder, started at the same moment, many times: one writer wins, the other is
// refused or finds the work done, and nothing is lost or written twice.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { journey, tempHome } from '../e2e/run.js';
import { record, tally } from './tally.js';

const ROUNDS = 8;

const KNOWLEDGE_FIRST = `trigger: We lost two renewals
problem_in_their_words: Onboarding takes eight weeks
stakeholders: [VP Customer Success]
problem_statement: Onboarding takes eight weeks and costs us renewals
`;

const OPTIONS_NEW_PERSON = `problem_still_holds: true
criteria: [Price]
decision_people: [VP Customer Success, Head of Legal]
next_step: Demo
`;

afterAll(() => tally.print());

/** An unfinished session: a complete one with its last answers taken off and its status reopened. */
async function unfinishedSession(home: string): Promise<string> {
  const answers = join(home, 'k.yaml');
  await writeFile(answers, KNOWLEDGE_FIRST);
  expect((await journey(['--home', home, 'start', 'Acme, Inc.', '--answers', answers])).code).toBe(0);
  const dir = join(home, 'accounts/acmeinc');
  const [name] = (await readdir(dir)).filter((n) => n.endsWith('.yaml'));
  const file = join(dir, name as string);
  const text = await readFile(file, 'utf8');
  const cut = text.indexOf('  - question: problem_statement');
  const reopened = `${text.slice(0, cut)}notes: []\nflags: []\ntips: []\nshifts: []\nrevisits: []\n`
    .replace('status: complete', 'status: in_progress')
    .replace(/\ncompleted: .*\n/, '\n');
  await writeFile(file, reopened);
  return file;
}

describe('concurrent writers', () => {
  it('two resumes of one unfinished session: one finishes it, the other is refused, no answer lost', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { home, cleanup } = await tempHome();
      try {
        const file = await unfinishedSession(home);
        const rest = join(home, 'rest.yaml');
        await writeFile(rest, 'problem_statement: Onboarding takes eight weeks and costs us renewals\n');
        const [a, b] = await Promise.all([
          journey(['--home', home, 'resume', 'Acme, Inc.', '--answers', rest]),
          journey(['--home', home, 'resume', 'Acme, Inc.', '--answers', rest]),
        ]);
        const codes = [a.code, b.code].sort();
        const text = await readFile(file, 'utf8');
        const refused = [a, b].find((r) => r.code !== 0);
        // Either both ran one after the other (the second finds nothing unfinished) or one was refused by the lock.
        const ok =
          text.includes('status: complete') &&
          text.includes('question: trigger') &&
          text.includes('question: problem_statement') &&
          codes[0] === 0 &&
          (codes[1] === 0 || /lock|in use|unfinished/i.test(refused?.stderr ?? ''));
        record(
          'concurrent writers',
          ok,
          `resume round ${round}: exits ${codes.join(', ')}: ${refused?.stderr.trim()}`,
        );
      } finally {
        await cleanup();
      }
    }
    expect(tally.failures('concurrent writers')).toEqual([]);
  }, 120_000);

  it('two resolutions of one flag at once write one record', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { home, cleanup } = await tempHome();
      try {
        const k = join(home, 'k.yaml');
        const o = join(home, 'o.yaml');
        await writeFile(k, KNOWLEDGE_FIRST);
        await writeFile(o, OPTIONS_NEW_PERSON);
        await journey(['--home', home, 'start', 'Acme, Inc.', '--answers', k]);
        await journey(['--home', home, 'start', 'Acme, Inc.', '--loop', 'options', '--answers', o]);
        const flags = JSON.parse((await journey(['--home', home, 'flags', '--json'])).stdout);
        const id = flags.flags[0]?.flag.id as string;
        const runs = await Promise.all([
          journey(['--home', home, 'flags', 'resolve', id, '--note', 'one']),
          journey(['--home', home, 'flags', 'resolve', id, '--note', 'two']),
        ]);
        const records = (await readdir(join(home, 'accounts/acmeinc/records'))).filter((n) =>
          n.endsWith('.yaml'),
        );
        const texts = await Promise.all(
          records.map((n) => readFile(join(home, 'accounts/acmeinc/records', n), 'utf8')),
        );
        const resolutions = texts.filter((t) => t.includes('kind: flag_resolved') && t.includes(id));
        const ok = resolutions.length === 1 && runs.every((r) => r.code === 0);
        record(
          'concurrent writers',
          ok,
          `resolve round ${round}: ${resolutions.length} records, exits ${runs.map((r) => r.code)}`,
        );
      } finally {
        await cleanup();
      }
    }
    expect(tally.failures('concurrent writers')).toEqual([]);
  }, 120_000);

  it('two exports into one folder at once lose no manifest entry', async () => {
    const { home, cleanup } = await tempHome();
    try {
      const k = join(home, 'k.yaml');
      await writeFile(k, KNOWLEDGE_FIRST);
      const names = ['Acme, Inc.', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'];
      for (const name of names) await journey(['--home', home, 'start', name, '--answers', k]);
      for (let round = 0; round < ROUNDS; round++) {
        const out = join(home, `notes-${round}`);
        const runs = await Promise.all([
          journey(['--home', home, 'export', '--all', '--out', out]),
          journey(['--home', home, 'export', '--all', '--out', out]),
        ]);
        const manifest = JSON.parse(await readFile(join(out, '.journey-export.json'), 'utf8'));
        const entries = Object.keys(manifest.files ?? manifest.entries ?? manifest);
        const again = await journey(['--home', home, 'export', '--all', '--out', out]);
        const ok =
          runs.every((r) => r.code === 0) &&
          entries.filter((e) => e.endsWith('.md')).length >= names.length &&
          /0 added, 0 updated, 6 unchanged, 0 skipped/.test(again.stdout);
        record(
          'concurrent writers',
          ok,
          `export round ${round}: exits ${runs.map((r) => r.code)}; then ${again.stdout.trim()}`,
        );
      }
      expect(tally.failures('concurrent writers')).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
