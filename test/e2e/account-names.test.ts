// Accounts found by what a rep types, through the built binary: short names, any case or accents,
// one match said once on stderr, several a usage error naming them, none a "did you mean"; and a
// scripted start that never quietly opens a second account beside a close one.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FIXTURES, journey, tempHome } from './run.js';

const QUICK = join(FIXTURES, 'answers', 'quick-knowledge.yaml');

function dataFolder() {
  let home = '';
  let cleanup: () => Promise<void> = async () => undefined;
  const j = (args: string[], input?: string) => journey(['--home', home, ...args], { input, cwd: home });
  const folders = async () => (await readdir(join(home, 'accounts'))).sort();
  const files = async (slug: string) =>
    (await readdir(join(home, 'accounts', slug)))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(home, 'accounts', slug, f));
  const open = async (...names: string[]) => {
    ({ home, cleanup } = await tempHome());
    for (const name of names) {
      const r = await j(['start', name, '--quick', '--answers', QUICK]);
      expect(r.code, r.stderr).toBe(0);
    }
  };
  return { j, folders, files, open, close: () => cleanup(), home: () => home };
}

describe('short names find accounts in every command', () => {
  const d = dataFolder();
  beforeAll(async () => {
    await d.open('Acme, Inc.', 'Globex Corp', 'Café Noir');
    // Globex's session cut back to an unfinished one, as a crash leaves it.
    const [file] = await d.files('globexcorp');
    const session = parse(await readFile(file as string, 'utf8'));
    session.entries = session.entries.slice(0, 3);
    session.status = 'in_progress';
    delete session.completed;
    await writeFile(file as string, `# A journey session\n${stringify(session, { lineWidth: 0 })}`);
  });
  afterAll(() => d.close());

  it.each([
    [['prep', 'acme'], 'Acme, Inc.'],
    [['prep', 'ACME'], 'Acme, Inc.'],
    [['prep', 'cafe noir'], 'Café Noir'],
    [['prep', 'Globex'], 'Globex Corp'],
    [['prep', 'corp', '--json'], 'Globex Corp'],
    [['flags', 'acme'], 'Acme, Inc.'],
    [['sessions', 'globex'], 'Globex Corp'],
    [['sessions', 'cafe', '--json'], 'Café Noir'],
    [['export', 'globex'], 'Globex Corp'],
    [['export', 'cafe noir', '--format', 'json'], 'Café Noir'],
  ])('journey %j finds %s and says so once on stderr', async (args, name) => {
    const r = await d.j(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`→ ${name}\n`);
    if (args[0] === 'prep' || args[0] === 'export') expect(r.stdout).toContain(name);
  });

  it('the exact name in any spelling is found without a word', async () => {
    const r = await d.j(['prep', 'acme inc']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Acme, Inc.');
  });

  it('resume globex continues the unfinished Globex Corp session', async () => {
    const r = await d.j(['resume', 'globex', '--answers', QUICK]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/→ Globex Corp/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/Resuming the knowledge session with Globex Corp/);
    const [file] = await d.files('globexcorp');
    expect(parse(await readFile(file as string, 'utf8')).status).toBe('complete');
  });

  it('a typo is no account, with a "did you mean"', async () => {
    const r = await d.j(['prep', 'acmr']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no account "acmr" in .*; did you mean "Acme, Inc\."\?/);
  });

  it('without a name, a script gets a usage error (a terminal gets a picker)', async () => {
    for (const args of [['prep'], ['resume', '--answers', QUICK], ['start', '--answers', QUICK]]) {
      const r = await d.j(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/name the account, e\.g\. journey (prep|resume|start) "Acme, Inc\."/);
    }
  });

  it('the account is found first, then its deal', async () => {
    const second = await d.j([
      'start',
      'Acme, Inc.',
      '--deal',
      'Payroll close',
      '--quick',
      '--answers',
      QUICK,
    ]);
    expect(second.code, second.stderr).toBe(0);
    const r = await d.j(['prep', 'acme', '--deal', 'payroll close', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('→ Acme, Inc.\n');
    expect(JSON.parse(r.stdout).deal).toBe('Payroll close');
  });
});

describe('a name several accounts start', () => {
  const d = dataFolder();
  beforeAll(() => d.open('Acme, Inc.', 'Acme Labs'));
  afterAll(() => d.close());

  it('is a usage error listing them, for a script', async () => {
    const r = await d.j(['prep', 'acme']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /"acme" matches 2 accounts \("Acme( Labs|, Inc\.)", "Acme( Labs|, Inc\.)"\): say which, e\.g\. journey prep '/,
    );
    expect(r.stdout).toBe('');
  });

  it('while more of the name finds one', async () => {
    const r = await d.j(['sessions', 'acme l']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('→ Acme Labs\n');
  });
});

describe('a scripted start beside a close name', () => {
  const d = dataFolder();
  beforeAll(() => d.open('Acme, Inc.'));
  afterAll(() => d.close());

  it.each([['acme'], ['acme inx'], ['ACME INC LTD'.slice(0, 4)]])(
    'start %j --answers - is refused, and no second account is made',
    async (name) => {
      const r = await d.j(['start', name, '--answers', '-'], await readFile(QUICK, 'utf8'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /no account ".*", but "Acme, Inc\." already exists: to continue with it, say journey start 'Acme, Inc\.'; to open a new account ".*", add --new/,
      );
      expect(await d.folders()).toEqual(['acmeinc']);
    },
  );

  it('--new opens the new account, which its own name then finds', async () => {
    const r = await d.j(['start', 'acme', '--new', '--quick', '--answers', QUICK]);
    expect(r.code, r.stderr).toBe(0);
    expect(await d.folders()).toEqual(['acme', 'acmeinc']);
    const prep = await d.j(['prep', 'acme', '--json']);
    expect(prep.code, prep.stderr).toBe(0);
    expect(prep.stderr).toBe('');
    expect(JSON.parse(prep.stdout).account).toBe('acme');
  });

  it('a name close to none is a new account without --new', async () => {
    const r = await d.j(['start', 'Wayne Enterprises', '--quick', '--answers', QUICK]);
    expect(r.code, r.stderr).toBe(0);
    expect(await d.folders()).toEqual(['acme', 'acmeinc', 'wayneenterprises']);
  });
});

describe('names in scripts written without spaces between words', () => {
  const d = dataFolder();
  beforeAll(() => d.open('株式会社トヨタ', 'Acme, Inc.'));
  afterAll(() => d.close());

  it.each([['トヨタ'], ['ﾄﾖﾀ']])('prep %j finds 株式会社トヨタ, a part of its name', async (typed) => {
    const r = await d.j(['prep', typed]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('→ 株式会社トヨタ\n');
    expect(r.stdout).toContain('株式会社トヨタ');
  });

  it('while Latin letters inside a word still find nothing', async () => {
    const r = await d.j(['prep', 'me']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no account "me"/);
  });
});
