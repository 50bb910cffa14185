import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';

const KNOWLEDGE = join(FIXTURES, 'answers/knowledge.yaml');
const OPTIONS_SHIFTED = join(FIXTURES, 'scenario/options-shifted.yaml');
const KNOWLEDGE_AGAIN = join(FIXTURES, 'scenario/knowledge-again.yaml');

describe('scenario: Knowledge → Options with a new stakeholder and a different root cause → re-evaluation', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterAll(async () => {
    await cleanup();
  });
  const j = (...args: string[]) => journey(['--home', home, ...args]);

  it('1. records the first Knowledge session', async () => {
    expect((await j('start', 'Acme, Inc.', '--answers', KNOWLEDGE)).code).toBe(0);
  });

  it('2. the Options session raises both flags and lists them on stdout', async () => {
    const r = await j('start', 'acme inc', '--answers', OPTIONS_SHIFTED);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Loop back \[\w+-1\] \(a tracked answer moved\)/);
    expect(r.stdout).toMatch(
      /"Nobody owns the handoff from sales to onboarding"\s+→\s+"Our onboarding tool\s+cannot handle multi-entity customers"/,
    );
    expect(r.stdout).toMatch(/Loop back \[\w+-2\] \(rule new_stakeholder\)/);
    expect(r.stdout).toMatch(/now: +"VP Customer Success", "CFO"/);
  });

  it('3. flags and prep show them with evidence', async () => {
    const flags = JSON.parse((await j('flags', '--json')).stdout);
    expect(
      flags.flags.map((f: { flag: { rule: string }; status: string }) => [f.flag.rule, f.status]),
    ).toEqual([
      ['shift', 'open'],
      ['new_stakeholder', 'open'],
    ]);
    const prep = await j('prep', 'Acme, Inc.');
    expect(prep.code).toBe(0);
    expect(prep.stdout).toMatch(/Flags +2 open loop-back flag\(s\)/);
    expect(prep.stdout).toMatch(/before: "VP Customer Success", "RevOps"/);
    expect(prep.stdout).toMatch(/Next call Knowledge loop .*2 loop-back flags are open/);
    const json = JSON.parse((await j('prep', 'Acme, Inc.', '--json')).stdout);
    expect(json.openFlags).toHaveLength(2);
    expect(json.next.loop).toBe('knowledge');
  });

  it('4. the Knowledge re-evaluation resolves them and says so', async () => {
    const r = await j('start', 'Acme, Inc.', '--answers', KNOWLEDGE_AGAIN);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2 loop-back flags are open: go back and re-evaluate/);
    expect(r.stdout).toMatch(/Problem restated: this resolves 2 loop-back flags:/);
    expect((await j('flags')).stdout).toBe('No open loop-back flags.\n');
  });

  it("5. prep shows the problem statement's two versions", async () => {
    const prep = JSON.parse((await j('prep', 'Acme, Inc.', '--json')).stdout);
    expect(prep.problem.history.map((v: { text: string }) => v.text.slice(0, 30))).toEqual([
      'Customers take eight weeks to ',
      'Our onboarding tool cannot mod',
    ]);
    const text = (await j('prep', 'Acme, Inc.')).stdout;
    expect(text).toMatch(/Problem +"Our onboarding tool cannot model/);
    expect(text).toMatch(/was "Customers take eight weeks/);
    expect(text).toMatch(/Journey +knowledge \S+ → options ⚑2 \S+ → ⟲ knowledge/);
  });
});

describe('journey flags resolve', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    await journey(['--home', home, 'start', 'Acme', '--answers', KNOWLEDGE]);
    await journey(['--home', home, 'start', 'Acme', '--answers', OPTIONS_SHIFTED]);
  });
  afterAll(async () => {
    await cleanup();
  });
  const j = (...args: string[]) => journey(['--home', home, ...args]);

  it('resolves one flag by hand in a new file, leaving the session file untouched', async () => {
    const dir = join(home, 'accounts/acme');
    const sessionFiles = (await readdir(dir)).filter((f) => f.endsWith('.yaml'));
    const before = await Promise.all(sessionFiles.map((f) => readFile(join(dir, f), 'utf8')));
    const [first] = JSON.parse((await j('flags', 'Acme', '--json')).stdout).flags;
    const r = await j('flags', 'resolve', first.flag.id, '--note', 'Checked with the VP');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Resolved flag ${first.flag.id} of Acme`));
    expect(await Promise.all(sessionFiles.map((f) => readFile(join(dir, f), 'utf8')))).toEqual(before);
    expect(await readdir(join(dir, 'records'))).toHaveLength(1);

    const all = JSON.parse((await j('flags', '--all', '--json')).stdout).flags;
    expect(all[0]).toMatchObject({
      status: 'resolved',
      resolution: { how: 'by_hand', note: 'Checked with the VP' },
    });
    expect(JSON.parse((await j('flags', '--json')).stdout).flags).toHaveLength(1);

    const again = await j('flags', 'resolve', first.flag.id);
    expect(again.stdout).toMatch(/already resolved/);
    expect(await readdir(join(dir, 'records'))).toHaveLength(1);
  });

  it('refuses an unknown flag id, suggesting the nearest', async () => {
    const [open] = JSON.parse((await j('flags', '--json')).stdout).flags;
    const typo = `${open.flag.id.slice(0, -1)}9`;
    const r = await j('flags', 'resolve', typo);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`no flag "${typo}"; did you mean "${open.flag.id.slice(0, -1)}\\d"\\?`),
    );
  });

  it('suggests the nearest account for an unknown one', async () => {
    const r = await j('prep', 'Acne');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no account "Acne" in .*; did you mean "Acme"\?/);
  });
});

describe('prep fits one terminal screen for an account with 20 sessions', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    await journey(['--home', home, 'start', 'Acme', '--answers', KNOWLEDGE]);
    for (let i = 0; i < 19; i++) {
      const answers = i % 6 === 5 ? KNOWLEDGE_AGAIN : OPTIONS_SHIFTED;
      await journey([
        '--home',
        home,
        'start',
        'Acme',
        '--loop',
        i % 6 === 5 ? 'knowledge' : 'options',
        '--answers',
        answers,
      ]);
    }
  }, 60_000);
  afterAll(async () => {
    await cleanup();
  });

  it('in at most 40 lines by default, with everything behind --verbose', async () => {
    const short = (await journey(['--home', home, 'prep', 'Acme'])).stdout.trimEnd().split('\n');
    const long = (await journey(['--home', home, 'prep', 'Acme', '--verbose'])).stdout.trimEnd().split('\n');
    expect(short.length).toBeLessThanOrEqual(40);
    expect(long.length).toBeGreaterThan(short.length);
    expect(short.join('\n')).toMatch(/sessions · last contact/);
  });
});
