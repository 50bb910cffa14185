// A data folder shared through git is read by reps on different releases: files a newer journey wrote
// must not hide anything this one can read (the built binary, on a copy of the release-1 fixture).
// Keys this release does not know are read, kept through a resume, and said once per run; a file of
// a newer format, or a record of a kind this release does not know, is skipped with a warning that
// says to upgrade, and the rest of its account still shows; resolutions of a flag never share a path.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FIXTURES, journey, type Run, tempHome } from './run.js';

const FIXTURE = join(FIXTURES, 'release-1-data');
const WIDE = { COLUMNS: '10000' };

const ACME = 'Acme, Inc.';
const UMBRELLA = 'Umbrella Health';
const INITECH = 'Initech';
const ALL = [ACME, 'Globex Corporation', INITECH, 'Société Générale, S.A.', UMBRELLA];

const UNFINISHED = 'accounts/umbrellahealth/20261128T203804Z-options-1opxa84.yaml';
const ACME_FIRST = 'accounts/acmeinc/20261128T203721Z-knowledge-0z4p7hq.yaml';
const GLOBEX_WON = 'accounts/globexcorporation/records/20261128T203737Z-won-0j6qaqv.yaml';
const ACME_PROBLEM =
  'Customers take eight weeks to go live because nobody owns the handoff from sales to onboarding; it costs us renewals and delays revenue by a quarter.';

const NEWER_KEYS =
  /^warning: 3 files were written by a newer journey and have keys this release does not know \(\S+\.yaml: "[^"]+"(, "[^"]+")*( and \d+ more)?\); they are read without them: upgrade journey to use them$/;

async function copyOfFixture(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const temp = await tempHome();
  await cp(join(FIXTURE, 'accounts'), join(temp.home, 'accounts'), { recursive: true });
  return temp;
}

function runner(home: string) {
  return (args: string[], input?: string): Promise<Run> =>
    journey(['--home', home, ...args], { cwd: home, env: WIDE, ...(input === undefined ? {} : { input }) });
}

type YamlMap = Record<string, unknown>;
const map = (value: unknown) => value as YamlMap;
const first = (list: unknown) => (list as YamlMap[])[0] as YamlMap;

/** Rewrites a YAML file of the data folder as a newer journey would have written it. */
async function edit(home: string, path: string, change: (value: YamlMap) => void): Promise<void> {
  const file = join(home, path);
  const value = parse(await readFile(file, 'utf8')) as YamlMap;
  change(value);
  await writeFile(file, stringify(value, { lineWidth: 0 }));
}

const warnings = (r: Run) => r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
const newerKeyLines = (r: Run) =>
  r.stderr.split('\n').filter((l) => l.includes('written by a newer journey and'));

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('files with keys this release does not know', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let j: ReturnType<typeof runner>;
  beforeAll(async () => {
    ({ home, cleanup } = await copyOfFixture());
    j = runner(home);
    await edit(home, UNFINISHED, (s) => {
      s.mood = 'upbeat';
      map(s.bank).channel = 'beta';
      first(s.entries).tone = 'worried';
      first(s.notes).pinned = true;
      first(s.judgements).confidence = 3;
    });
    await edit(home, ACME_FIRST, (s) => {
      s.reviewers = ['dana', 'lee'];
    });
    await edit(home, GLOBEX_WON, (r) => {
      r.region = 'EU';
    });
  });
  afterAll(async () => {
    await cleanup();
  });

  it('accounts lists every account, with one warning for the three files (again from the caches)', async () => {
    for (const pass of ['files', 'caches']) {
      const r = await j(['accounts']);
      expect(r.code, pass).toBe(0);
      for (const name of ALL) expect(r.stdout, `${pass}: ${name}`).toContain(name);
      expect(warnings(r), pass).toHaveLength(1);
      expect(warnings(r)[0], pass).toMatch(NEWER_KEYS);
    }
  });

  it('sessions, prep, flags, due and search read them, each saying so once', async () => {
    const sessions = await j(['sessions', UMBRELLA, '--json']);
    expect(sessions.code).toBe(0);
    expect(JSON.parse(sessions.stdout).sessions).toHaveLength(2);
    expect(warnings(sessions)).toEqual([
      expect.stringMatching(/^warning: 1 file was written by a newer journey/),
    ]);

    const prep = await j(['prep', ACME]);
    expect(prep.code).toBe(0);
    expect(flat(prep.stdout)).toContain(ACME_PROBLEM);
    expect(newerKeyLines(prep)).toHaveLength(1);

    for (const args of [['flags', '--all'], ['due'], ['search', 'clinic']]) {
      const r = await j(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(warnings(r), args.join(' ')).toHaveLength(1);
      expect(warnings(r)[0], args.join(' ')).toMatch(NEWER_KEYS);
    }
  });

  it('export leaves the unknown keys out of what it writes', async () => {
    const out = join(home, 'json');
    const r = await j(['export', '--all', '--format', 'json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(warnings(r)).toHaveLength(1);
    const text = (
      await Promise.all(
        (
          await readdir(out)
        )
          .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
          .map((f) => readFile(join(out, f), 'utf8')),
      )
    ).join('\n');
    expect(text).toContain('Umbrella Health');
    expect(text).not.toMatch(/upbeat|worried|"pinned"|"region"|"reviewers"|"channel"/);
  });

  it('resume finishes the session and keeps every unknown key in its file', async () => {
    const r = await j(
      ['resume', UMBRELLA, '--answers', '-'],
      [
        'vendors: [Epic Care Link, Halo Health Connect]',
        'criteria: [HL7 integration, Audit trail]',
        'next_step: Alice takes the shortlist to the clinical governance board on 9 December',
        '',
      ].join('\n'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Session complete\./);
    expect(newerKeyLines(r)).toHaveLength(1);
    const session = parse(await readFile(join(home, UNFINISHED), 'utf8'));
    expect(session.status).toBe('complete');
    expect(session.mood).toBe('upbeat');
    expect(session.bank.channel).toBe('beta');
    expect(session.entries[0].tone).toBe('worried');
    expect(session.notes[0].pinned).toBe(true);
    expect(session.judgements[0].confidence).toBe(3);
    expect(session.entries.map((e: { question: string }) => e.question)).toContain('next_step');
  });
});

describe('files of a newer format, and records of an unknown kind', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let j: ReturnType<typeof runner>;
  let newerSession: string;
  let newerRecord: string;
  let unknownKind: string;
  beforeAll(async () => {
    ({ home, cleanup } = await copyOfFixture());
    j = runner(home);
    newerSession = join(home, 'accounts/acmeinc/20261201T100000Z-knowledge-0newer0.yaml');
    await writeFile(
      newerSession,
      stringify({
        format: 2,
        id: '20261201T100000Z-knowledge-0newer0',
        account: ACME,
        calls: [{ with: 'Dana', said: 'a shape this release cannot read' }],
      }),
    );
    newerRecord = join(home, 'accounts/acmeinc/records/20261201T100000Z-won-0newer0.yaml');
    await writeFile(
      newerRecord,
      stringify({ format: 2, kind: 'won', account: ACME, at: '2026-12-01T10:00:00.000Z' }),
    );
    unknownKind = join(home, 'accounts/initech/records/20261201T100000Z-renewed-0newer0.yaml');
    await writeFile(
      unknownKind,
      stringify({ format: 1, kind: 'renewed', account: INITECH, at: '2026-12-01T10:00:00.000Z' }),
    );
  });
  afterAll(async () => {
    await cleanup();
  });

  const sessionProblem = () =>
    `warning: ${newerSession}: written by a newer journey (format 2): upgrade journey to read it`;
  const recordProblem = () =>
    `warning: ${newerRecord}: written by a newer journey (format 2): upgrade journey to read it`;
  const kindProblem = () =>
    `warning: ${unknownKind}: a kind of record this journey does not know ("renewed"): upgrade journey to read it`;

  it('accounts still lists every account as it was, with a warning for each skipped file', async () => {
    const r = await j(['accounts', '--json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as { name: string; sessions: number; stage: string }[];
    expect(listed.map((a) => a.name).sort()).toEqual([...ALL].sort());
    expect(listed.find((a) => a.name === ACME)).toMatchObject({ sessions: 4, stage: 'prospect' });
    expect(listed.find((a) => a.name === INITECH)).toMatchObject({ sessions: 2, stage: 'lost' });
    expect(warnings(r).sort()).toEqual([sessionProblem(), recordProblem(), kindProblem()].sort());
  });

  it('sessions, prep and flags show the rest of the account', async () => {
    const sessions = await j(['sessions', ACME, '--json']);
    expect(sessions.code).toBe(0);
    expect(JSON.parse(sessions.stdout).sessions).toHaveLength(4);
    expect(warnings(sessions)).toEqual([sessionProblem()]);

    const prep = await j(['prep', ACME]);
    expect(prep.code).toBe(0);
    expect(flat(prep.stdout)).toContain(ACME_PROBLEM);
    expect(prep.stdout).toMatch(/06bsk5v-2/);
    expect(warnings(prep).sort()).toEqual([sessionProblem(), recordProblem()].sort());

    const flags = await j(['flags', '--json']);
    expect(flags.code).toBe(0);
    expect(
      JSON.parse(flags.stdout)
        .flags.map((f: { flag: { id: string } }) => f.flag.id)
        .sort(),
    ).toEqual(['06bsk5v-2', '06oseuk-1']);
    expect(warnings(flags)).toContain(sessionProblem());
  });

  it('export writes every account with the sessions it can read, and says what it skipped', async () => {
    const out = join(home, 'json');
    const r = await j(['export', '--all', '--format', 'json', '--out', out]);
    // The documented partial failure (exit 1): what could be read was exported.
    expect(r.code).toBe(1);
    expect(warnings(r).sort()).toEqual([sessionProblem(), recordProblem(), kindProblem()].sort());
    const exported = [];
    for (const f of await readdir(out)) {
      if (f.endsWith('.json') && !f.startsWith('.'))
        exported.push(...JSON.parse(await readFile(join(out, f), 'utf8')).accounts);
    }
    expect(exported.map((a) => a.name).sort()).toEqual([...ALL].sort());
    expect(exported.find((a) => a.name === ACME).sessions).toHaveLength(4);
    expect(exported.find((a) => a.name === INITECH).records.map((r: { kind: string }) => r.kind)).toEqual([
      'lost',
    ]);
  });
});

describe('resolving flags in a shared data folder', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let j: ReturnType<typeof runner>;
  beforeAll(async () => {
    ({ home, cleanup } = await copyOfFixture());
    j = runner(home);
  });
  afterAll(async () => {
    await cleanup();
  });

  const records = async () => (await readdir(join(home, 'accounts/acmeinc/records'))).sort();

  it('writes a resolution under a name of its own; a second resolve is told it is resolved', async () => {
    const before = await records();
    const r = await j(['flags', 'resolve', '06bsk5v-2', '--note', 'Dana says the reframe is settled']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Resolved flag 06bsk5v-2 of Acme, Inc\./);
    const added = (await records()).filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{8}T\d{6}Z-flagresolved-[0-9a-z]+\.yaml$/);
    expect(added[0]).not.toBe('flag-resolved-06bsk5v-2.yaml');

    const again = await j(['flags', 'resolve', '06bsk5v-2']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Flag 06bsk5v-2 of Acme, Inc\. is already resolved .*nothing written\./);
    expect(await records()).toEqual([...before, ...added].sort());
  });

  it('two resolutions of one flag, as after a git merge of two clones, count once: the earliest', async () => {
    const dir = join(home, 'accounts/acmeinc/records');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, '20261129T090000Z-flagresolved-0clone2.yaml'),
      stringify({
        format: 1,
        kind: 'flag_resolved',
        account: ACME,
        flag: '06bsk5v-1',
        note: 'Resolved again in another clone',
        at: '2026-11-29T09:00:00.000Z',
        rep: 'lee',
      }),
    );
    const r = await j(['flags', '--all', '--json']);
    expect(r.code).toBe(0);
    expect(warnings(r)).toEqual([]);
    const all = JSON.parse(r.stdout).flags as { flag: { id: string }; resolution?: { note?: string } }[];
    const resolved = all.filter((f) => f.flag.id === '06bsk5v-1');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.resolution?.note).toMatch(/only the security review/);
    expect(all).toHaveLength(4);

    const prep = await j(['prep', ACME]);
    expect(prep.stdout).not.toContain('06bsk5v-1');
    expect(relative(home, dir)).toBe('accounts/acmeinc/records');
  });
});
