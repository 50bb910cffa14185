// A data folder written by release 1 (commit 7165d62: before deals, version-1 default banks), read by
// the current build: what a rep relies on after upgrading keeps working, and the old files are never
// rewritten. The fixture and how it was made: test/fixtures/release-1-data/README.md.
import { cp, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, type Run, tempHome } from './run.js';

const WIDE = { COLUMNS: '10000' };

const FIXTURE = join(FIXTURES, 'release-1-data');

interface OldAccount {
  name: string;
  slug: string;
  stage: 'prospect' | 'customer' | 'lost';
  loops: string[];
  unfinished: number;
  records: number;
  /** Words of the problem statement the old release recorded last (line breaks flattened). */
  problem: string;
}

const ACME = 'Acme, Inc.';
const GLOBEX = 'Globex Corporation';
const INITECH = 'Initech';
const SOCIETE = 'Société Générale, S.A.';
const UMBRELLA = 'Umbrella Health';

const ACCOUNTS: OldAccount[] = [
  {
    name: ACME,
    slug: 'acmeinc',
    stage: 'prospect',
    loops: ['knowledge', 'options', 'knowledge', 'options'],
    unfinished: 0,
    records: 1,
    problem:
      'Customers take eight weeks to go live because nobody owns the handoff from sales to onboarding; it costs us renewals and delays revenue by a quarter.',
  },
  {
    name: GLOBEX,
    slug: 'globexcorporation',
    stage: 'customer',
    loops: ['knowledge', 'options', 'results', 'results'],
    unfinished: 0,
    records: 1,
    problem:
      'Agents spend half their day searching because knowledge is spread over five tools nobody curates, which costs 32k a month and is driving senior agents away.',
  },
  {
    name: INITECH,
    slug: 'initech',
    stage: 'lost',
    loops: ['knowledge', 'options'],
    unfinished: 0,
    records: 1,
    problem:
      'Three systems each create customer records, so finance cannot trust them and the audit flagged it.',
  },
  {
    name: SOCIETE,
    slug: 'societegeneralesa--ef2f6ea2d4c5',
    stage: 'customer',
    loops: ['knowledge', 'options'],
    unfinished: 0,
    records: 1,
    problem:
      'The month-end close takes twelve days because each subsidiary reports in its own format; the group wants five days.',
  },
  {
    name: UMBRELLA,
    slug: 'umbrellahealth',
    stage: 'prospect',
    loops: ['knowledge', 'options'],
    unfinished: 1,
    records: 0,
    problem:
      'Lab results are routed by hand between clinics, so some reach the wrong clinic: a patient-safety and compliance risk.',
  },
];

/** Acme's first statement, restated by its second Knowledge call. */
const ACME_FIRST_PROBLEM =
  'Customers take eight weeks to go live because nobody owns the handoff from sales to onboarding, and that delay is costing us renewals.';

// Loop-back flags in the fixture.
const OPEN_FLAGS = [
  { id: '06bsk5v-2', rule: 'competitor_reframe', account: ACME },
  { id: '06oseuk-1', rule: 'behind_trajectory', account: GLOBEX },
];
const RESTATED_FLAG = '16wusss-1'; // new_stakeholder, resolved by Acme's second Knowledge call
const HAND_RESOLVED_FLAG = '06bsk5v-1'; // decision_slipped, resolved with `journey flags resolve`
const RESTATING_SESSION = '20261128T203726Z-knowledge-1u389y9';
const UNFINISHED_SESSION = '20261128T203804Z-options-1opxa84';

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
const BANK_CHANGED = /^warning: bank [\w-]+ changed since this session began \(version 1 → \d+\);.*$/gm;

/** No stack trace anywhere, no warning on stderr (resume may say a bank changed, and nothing else). */
function expectClean(r: Run, allow: RegExp | undefined = undefined): void {
  expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  const stderr = allow ? r.stderr.replace(allow, '') : r.stderr;
  expect(stderr).not.toMatch(/warning/i);
  expect(r.stdout).not.toMatch(/^warning/im);
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out.sort();
}

/** Every fixture file (relative path → text): what the release wrote. */
async function fixtureFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of await filesUnder(join(FIXTURE, 'accounts'))) {
    files.set(relative(FIXTURE, path), await readFile(path, 'utf8'));
  }
  return files;
}

/** A copy of the fixture in a temporary folder: journey writes caches (and sessions) into it. */
async function copyOfFixture(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const temp = await tempHome();
  await cp(join(FIXTURE, 'accounts'), join(temp.home, 'accounts'), { recursive: true });
  return temp;
}

function runner(home: string) {
  return async (args: string[], input?: string): Promise<Run> =>
    // Lines unwrapped (COLUMNS): these tests read whole lines; wrapping has its own (reading.test.ts).
    journey(
      ['--home', home, ...args],
      input === undefined ? { cwd: home, env: WIDE } : { cwd: home, input, env: WIDE },
    );
}

/** The session ids of an account in the fixture, oldest first. */
async function fixtureSessionIds(slug: string): Promise<string[]> {
  return (await readdir(join(FIXTURE, 'accounts', slug)))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

describe('the release-1 fixture itself', () => {
  it('holds 5 accounts, 14 sessions and 4 records, no caches or locks, and no deal: key', async () => {
    expect((await readdir(FIXTURE)).sort()).toEqual(['README.md', 'accounts']);
    const files = await fixtureFiles();
    const sessions = [...files.keys()].filter((p) => !p.includes('/records/'));
    const records = [...files.keys()].filter((p) => p.includes('/records/'));
    expect(sessions).toHaveLength(14);
    expect(records).toHaveLength(4);
    for (const [path, text] of files) {
      expect(text, path).toMatch(/^format: 1$/m);
      expect(text, path).not.toMatch(/^deal:/m);
    }
    expect(files.get(`accounts/umbrellahealth/${UNFINISHED_SESSION}.yaml`)).toMatch(/^status: in_progress$/m);
  });
});

describe('listings of a release-1 data folder (current build)', () => {
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

  it('accounts --json lists every account with its stage, sessions and unfinished count', async () => {
    const r = await j(['accounts', '--json']);
    expect(r.code).toBe(0);
    expectClean(r);
    const listed = JSON.parse(r.stdout) as Array<{ name: string }>;
    expect(listed.map((a) => a.name).sort()).toEqual(ACCOUNTS.map((a) => a.name).sort());
    for (const account of ACCOUNTS) {
      expect(listed.find((a) => a.name === account.name)).toMatchObject({
        name: account.name,
        slug: account.slug,
        sessions: account.loops.length,
        lastLoop: account.loops.at(-1),
        stage: account.stage,
        unfinished: account.unfinished,
      });
    }
  });

  it('accounts shows each account on its own line with its stage and session count', async () => {
    const r = await j(['accounts']);
    expect(r.code).toBe(0);
    expectClean(r);
    const lines = r.stdout.split('\n');
    for (const account of ACCOUNTS) {
      const line = lines.find((l) => l.startsWith(account.name));
      expect(line, account.name).toBeDefined();
      const cells = (line ?? '').split(/\s{2,}/);
      expect(cells).toContain(account.stage);
      expect(cells).toContain(String(account.loops.length));
    }
  });

  it.each(ACCOUNTS)('sessions lists every session of $name', async (account) => {
    const ids = await fixtureSessionIds(account.slug);
    const table = await j(['sessions', account.name]);
    expect(table.code).toBe(0);
    expectClean(table);
    for (const id of ids) expect(table.stdout).toContain(id);

    const r = await j(['sessions', account.name, '--json']);
    expect(r.code).toBe(0);
    expectClean(r);
    const listed = JSON.parse(r.stdout);
    expect(listed.account).toBe(account.name);
    expect(listed.sessions.map((s: { id: string }) => s.id)).toEqual(ids);
    expect(listed.sessions.map((s: { loop: string }) => s.loop)).toEqual(account.loops);
    for (const s of listed.sessions) {
      expect(s).toMatchObject({ account: account.name, bank: { version: 1 } });
      expect(s.status).toBe(s.id === UNFINISHED_SESSION ? 'in_progress' : 'complete');
    }
  });

  it('finds an account by another spelling of its name, accents and punctuation included', async () => {
    for (const spelling of ['ACME INC', 'acme, inc', 'Société Générale SA', 'SOCIÉTÉ GÉNÉRALE, S.A.']) {
      const r = await j(['sessions', spelling, '--json']);
      expect(r.code, spelling).toBe(0);
      expectClean(r);
      expect([ACME, SOCIETE]).toContain(JSON.parse(r.stdout).account);
    }
  });

  it.each(ACCOUNTS)('prep $name shows the problem statement the old release recorded', async (account) => {
    const r = await j(['prep', account.name]);
    expect(r.code).toBe(0);
    expectClean(r);
    expect(flat(r.stdout)).toContain(account.problem);
    const json = await j(['prep', account.name, '--json']);
    expect(json.code).toBe(0);
    expectClean(json);
    expect(flat(JSON.stringify(JSON.parse(json.stdout)).replace(/\\n/g, ' '))).toContain(account.problem);
  });

  it('prep shows the open flags and how the problem moved, not the resolved flags', async () => {
    const acme = await j(['prep', ACME]);
    expect(acme.stdout).toMatch(/06bsk5v-2.*competitor_reframe/);
    expect(flat(acme.stdout)).toContain(ACME_FIRST_PROBLEM);
    expect(acme.stdout).not.toContain(RESTATED_FLAG);
    expect(acme.stdout).not.toContain(HAND_RESOLVED_FLAG);

    const globex = await j(['prep', GLOBEX]);
    expect(globex.stdout).toMatch(/06oseuk-1.*behind_trajectory/);
    // The version-1 measure: baseline, both check-ins, the target.
    expect(globex.stdout).toMatch(/baseline 42 → 30 .*→ 21 .*→ target 12/);
  });

  it('flags lists the open loop-back flags of every account', async () => {
    const r = await j(['flags']);
    expect(r.code).toBe(0);
    expectClean(r);
    for (const flag of OPEN_FLAGS) expect(r.stdout).toMatch(new RegExp(`${flag.id}.*${flag.rule}`));
    expect(r.stdout).not.toContain(RESTATED_FLAG);
    expect(r.stdout).not.toContain(HAND_RESOLVED_FLAG);

    const json = await j(['flags', '--json']);
    expect(json.code).toBe(0);
    expectClean(json);
    const open = JSON.parse(json.stdout).flags;
    expect(open).toHaveLength(OPEN_FLAGS.length);
    for (const flag of OPEN_FLAGS) {
      expect(open).toContainEqual(
        expect.objectContaining({
          flag: expect.objectContaining({ id: flag.id, rule: flag.rule }),
          account: flag.account,
          status: 'open',
        }),
      );
    }

    const one = await j(['flags', ACME, '--json']);
    expect(JSON.parse(one.stdout).flags.map((f: { flag: { id: string } }) => f.flag.id)).toEqual([
      '06bsk5v-2',
    ]);
  });

  it('flags --all shows how the resolved flags were resolved', async () => {
    const r = await j(['flags', '--all', '--json']);
    expect(r.code).toBe(0);
    expectClean(r);
    const all = JSON.parse(r.stdout).flags;
    expect(all).toHaveLength(4);
    expect(all).toContainEqual(
      expect.objectContaining({
        flag: expect.objectContaining({ id: RESTATED_FLAG, rule: 'new_stakeholder' }),
        status: 'resolved',
        resolution: expect.objectContaining({ how: 'restated', session: RESTATING_SESSION }),
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({
        flag: expect.objectContaining({ id: HAND_RESOLVED_FLAG, rule: 'decision_slipped' }),
        status: 'resolved',
        resolution: expect.objectContaining({
          how: 'by_hand',
          note: expect.stringContaining('only the security review'),
        }),
      }),
    );
  });

  it('due shows the overdue customer, and the other customer within its booked or cadence date', async () => {
    const r = await j(['due']);
    expect(r.code).toBe(0);
    expectClean(r);
    expect(r.stdout).toMatch(/^Société Générale, S\.A\. .*2026-10-01/m);

    const json = JSON.parse((await j(['due', '--json'])).stdout);
    expect(json.due).toContainEqual(
      expect.objectContaining({
        account: SOCIETE,
        customerSince: '2026-07-01',
        every: 'quarterly',
        lastCheckIn: null,
        next: '2026-10-01',
      }),
    );

    // Globex: won 2026-08-03 every 30d; the last check-in (2026-11-28) booked 2027-01-20. Whether
    // `next` is the booked date or the cadence's depends on the release; either is a real due date.
    const within = await j(['due', '--within', '24m', '--json']);
    expectClean(within);
    const items = JSON.parse(within.stdout).due as Array<{ account: string; next: string }>;
    expect(items.map((i) => i.account).sort()).toEqual([GLOBEX, SOCIETE]);
    const globex = items.find((i) => i.account === GLOBEX);
    expect(globex).toMatchObject({ customerSince: '2026-08-03', every: '30d', lastCheckIn: '2026-11-28' });
    expect(['2026-12-28', '2027-01-20']).toContain(globex?.next);
  });

  it('export --all --out writes notes with every problem statement', async () => {
    const out = join(home, 'notes');
    const r = await j(['export', '--all', '--out', out]);
    expect(r.code).toBe(0);
    expectClean(r);
    const files = (await filesUnder(out)).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThanOrEqual(ACCOUNTS.length);
    const notes = flat((await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n'));
    for (const account of ACCOUNTS) {
      expect(notes).toContain(`# ${account.name}`);
      expect(notes).toContain(account.problem);
    }

    const jsonOut = join(home, 'json');
    const jr = await j(['export', '--all', '--format', 'json', '--out', jsonOut]);
    expect(jr.code).toBe(0);
    expectClean(jr);
    const exported = [];
    for (const f of await filesUnder(jsonOut)) {
      // Skip the folder's own bookkeeping (.journey-export.json): only the exports hold accounts.
      if (!relative(jsonOut, f).startsWith('.'))
        exported.push(...JSON.parse(await readFile(f, 'utf8')).accounts);
    }
    for (const account of ACCOUNTS) {
      const sessions = exported
        .filter((a) => a.name === account.name)
        .flatMap((a) => a.sessions.map((s: { id: string }) => s.id));
      expect(sessions.sort()).toEqual(await fixtureSessionIds(account.slug));
      const records = exported.filter((a) => a.name === account.name).flatMap((a) => a.records);
      expect(records).toHaveLength(account.records);
    }
  });

  it('reading never rewrites a file the old release wrote', async () => {
    for (const [path, text] of await fixtureFiles()) {
      expect(await readFile(join(home, path), 'utf8'), path).toBe(text);
    }
  });
});

describe('resuming the unfinished release-1 session (current build)', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await copyOfFixture());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('finishes it from --answers, keeping the answers and the note given before', async () => {
    const j = runner(home);
    const r = await j(
      ['resume', UMBRELLA, '--answers', '-'],
      [
        'vendors: [Epic Care Link, Halo Health Connect]',
        'criteria: [HL7 integration, Audit trail]',
        'next_step: Alice takes the shortlist to the clinical governance board on 9 December',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    // The session began on options-tour version 1: saying the bank changed is expected.
    expectClean(r, BANK_CHANGED);
    expect(r.stdout).toMatch(/Session complete\./);

    const text = await readFile(join(home, 'accounts/umbrellahealth', `${UNFINISHED_SESSION}.yaml`), 'utf8');
    expect(text).toMatch(/^status: complete$/m);
    expect(text).toMatch(/^id: 20261128T203804Z-options-1opxa84$/m);
    expect(text).not.toMatch(/^deal:/m);
    for (const kept of [
      'question: problem_still_holds',
      'Results are routed by hand, and the lab system cannot address a clinic',
      'Alice has to take the shortlist to the clinical governance board first',
      'HL7 integration',
    ]) {
      expect(text).toContain(kept);
    }

    const accounts = JSON.parse((await j(['accounts', '--json'])).stdout);
    expect(accounts.find((a: { name: string }) => a.name === UMBRELLA)).toMatchObject({
      sessions: 2,
      unfinished: 0,
    });
    const sessions = JSON.parse((await j(['sessions', UMBRELLA, '--json'])).stdout).sessions;
    expect(sessions.map((s: { status: string }) => s.status)).toEqual(['complete', 'complete']);
  });
});

describe('a new session on an old account (current build)', () => {
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

  async function newFiles(slug: string): Promise<string[]> {
    const old = new Set(await fixtureSessionIds(slug));
    return (await readdir(join(home, 'accounts', slug)))
      .filter((f) => f.endsWith('.yaml') && !old.has(f.slice(0, -'.yaml'.length)))
      .map((f) => join(home, 'accounts', slug, f));
  }

  it('records an Options call for the prospect in its only deal, next to the old sessions', async () => {
    const r = await j(
      ['start', ACME, '--loop', 'options', '--contact', 'Dana Ruiz', '--answers', '-'],
      [
        'problem_still_holds: true',
        'vendors: [Onboardly, HandoffHQ]',
        'criteria: [Time to value, Salesforce integration, Price]',
        'next_step: Security review call on 14 December',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expectClean(r);
    const added = await newFiles('acmeinc');
    expect(added).toHaveLength(1);
    const text = await readFile(added[0] ?? '', 'utf8');
    expect(text).toMatch(/^status: complete$/m);
    expect(text).toMatch(/^account: Acme, Inc\.$/m);
    // An old account has one deal, its first, and the first deal's files carry no deal: key.
    expect(text).not.toMatch(/^deal:/m);
  });

  it('records a Results check-in for the customer, continuing the version-1 measure', async () => {
    const r = await j(
      ['start', GLOBEX, '--loop', 'results', '--contact', 'Priya Shah', '--answers', '-'],
      [
        'agreed_result: 16',
        'on_track: on_track',
        'adoption: 4',
        'problems_now: []',
        'next_step: Priya shares the tier-2 dashboard',
        "next_check_in: '2027-02-24'",
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expectClean(r);
    const added = await newFiles('globexcorporation');
    expect(added).toHaveLength(1);
    expect(await readFile(added[0] ?? '', 'utf8')).not.toMatch(/^deal:/m);

    const prep = await j(['prep', GLOBEX]);
    expect(prep.code).toBe(0);
    expectClean(prep);
    expect(prep.stdout).toMatch(/baseline 42 → 30 .*→ 21 .*→ 16 .*→ target 12/);
  });

  it('every listing still reads the old sessions alongside the new ones', async () => {
    const accounts = await j(['accounts', '--json']);
    expect(accounts.code).toBe(0);
    expectClean(accounts);
    const listed = JSON.parse(accounts.stdout) as Array<{ name: string }>;
    expect(listed.map((a) => a.name).sort()).toEqual(ACCOUNTS.map((a) => a.name).sort());
    for (const account of ACCOUNTS) {
      const more = account.name === ACME || account.name === GLOBEX ? 1 : 0;
      expect(listed.find((a) => a.name === account.name)).toMatchObject({
        sessions: account.loops.length + more,
        stage: account.stage,
      });
    }

    for (const account of [ACCOUNTS[0], ACCOUNTS[1]] as OldAccount[]) {
      const r = await j(['sessions', account.name, '--json']);
      expect(r.code).toBe(0);
      expectClean(r);
      const sessions = JSON.parse(r.stdout).sessions as Array<{ id: string; bank: { version: number } }>;
      expect(sessions).toHaveLength(account.loops.length + 1);
      expect(sessions.slice(0, -1).map((s) => s.id)).toEqual(await fixtureSessionIds(account.slug));
      expect(sessions.slice(0, -1).every((s) => s.bank.version === 1)).toBe(true);
    }

    const prep = await j(['prep', ACME]);
    expect(prep.code).toBe(0);
    expectClean(prep);
    expect(flat(prep.stdout)).toContain(ACCOUNTS[0]?.problem);
    expect(prep.stdout).toContain('06bsk5v-2');

    const flags = await j(['flags', '--json']);
    expectClean(flags);
    const open = JSON.parse(flags.stdout).flags.map((f: { flag: { id: string } }) => f.flag.id);
    expect(open).toEqual(expect.arrayContaining(OPEN_FLAGS.map((f) => f.id)));

    for (const args of [
      ['due', '--within', '24m'],
      ['export', '--all', '--out', join(home, 'notes')],
    ]) {
      const r = await j(args);
      expect(r.code, args.join(' ')).toBe(0);
      expectClean(r);
    }

    // Nothing the old release wrote was rewritten.
    for (const [path, text] of await fixtureFiles()) {
      expect(await readFile(join(home, path), 'utf8'), path).toBe(text);
    }
  });
});
