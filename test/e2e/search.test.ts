// Finding things across accounts, as a rep and a script do it through the built binary: search over
// answers and notes, the accounts listing's filters, help for a subcommand, shell completion, colour
// rules, and bank test --json.
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountDir } from '../../src/store/paths.js';
import { BIN, FIXTURES, journey, tempHome } from './run.js';
import { hasTmux, Terminal } from './tmux.js';

const ESC = String.fromCharCode(27);
const AT = '2026-10-05T10:00:00.000Z';

/** A session of "Café Noir" by Dana Ruiz: answers, a revisit and notes that mention SOC 2. */
const CAFE_SESSION = `format: 1
id: 20261005T100000Z-knowledge-cafe001
account: Café Noir
loop: knowledge
bank:
  id: knowledge-discovery
  version: 1
  hash: sha256:5790145c22800122
  title: Knowledge loop
rep: Dana Ruiz
status: complete
started: ${AT}
updated: ${AT}
entries:
  - question: trigger
    ask: What happened recently that put this on the agenda now?
    type: text
    answer: Their auditor asked for a SOC 2 report before renewal
    at: ${AT}
  - question: frequency
    ask: How often does it bite?
    type: choice
    labels:
      weekly: Every week
    answer: weekly
    at: ${AT}
notes:
  - text: Le café crème est ici
    at: ${AT}
  - text: |-
      CFO worried about the Soc 2
      timeline
    question: trigger
    at: ${AT}
revisits:
  - flag: cafe001-1
    bank:
      id: knowledge-discovery
      version: 1
      hash: sha256:5790145c22800122
      title: Knowledge loop
    entries:
      - question: impact
        ask: What does it cost you when it happens?
        type: text
        answer: Without SOC 2 they lose the hospital deal
        at: ${AT}
    at: ${AT}
`;

let home: string;
let cleanup: () => Promise<void>;
const j = (args: string[], env: Record<string, string> = {}) => journey(['--home', home, ...args], { env });

async function sessionFiles(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const root = join(home, 'accounts');
  for (const account of await readdir(root)) {
    for (const name of await readdir(join(root, account))) {
      if (!name.endsWith('.yaml')) continue;
      const path = join(root, account, name);
      const s = await stat(path);
      out.set(path, `${s.mtimeMs}:${s.size}:${await readFile(path, 'utf8')}`);
    }
  }
  return out;
}

beforeAll(async () => {
  ({ home, cleanup } = await tempHome());
  await cp(join(FIXTURES, 'release-1-data'), home, { recursive: true });
  const dir = accountDir(home, 'Café Noir');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '20261005T100000Z-knowledge-cafe001.yaml'), CAFE_SESSION);
});
afterAll(() => cleanup());

describe('journey search', () => {
  it('finds answers, revisited answers and notes, by account, without case or accents', async () => {
    const r = await j(['search', 'soc', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Café Noir\n  2026-10-05 · knowledge (20261005T100000Z-knowledge-cafe001)');
    expect(r.stdout).toContain(
      '    What happened recently that put this on the agenda now?\n      Their auditor asked for a SOC 2 report before renewal',
    );
    expect(r.stdout).toContain(
      '    What does it cost you when it happens?\n      Without SOC 2 they lose the hospital deal',
    );
    expect(r.stdout).toContain(
      '    note at: What happened recently that put this on the agenda now?\n      CFO worried about the Soc 2 timeline',
    );
    expect(r.stdout).not.toContain(ESC);
    const accents = await j(['search', 'CAFE', 'creme']);
    expect(accents.stdout).toContain('      Le café crème est ici');
    const label = await j(['search', 'every', 'week']);
    expect(label.stdout).toContain('Café Noir');
    expect(label.stdout).toContain('How often does it bite?');
  });

  it('--json gives the query and each result with its question and whole text', async () => {
    const r = await j(['search', 'SOC 2', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.query).toBe('SOC 2');
    expect(data.results).toContainEqual({
      account: 'Café Noir',
      deal: null,
      session: '20261005T100000Z-knowledge-cafe001',
      date: '2026-10-05',
      loop: 'knowledge',
      kind: 'note',
      question: 'trigger',
      ask: 'What happened recently that put this on the agenda now?',
      text: 'CFO worried about the Soc 2\ntimeline',
    });
    expect(data.results).toHaveLength(3);
  });

  it('--account, --loop and --since narrow it; an account is found by any spelling', async () => {
    expect(JSON.parse((await j(['search', 'budget', '--json'])).stdout).results.length).toBeGreaterThan(1);
    const acme = JSON.parse((await j(['search', 'budget', '--account', 'acme, inc', '--json'])).stdout);
    expect(new Set(acme.results.map((x: { account: string }) => x.account))).toEqual(new Set(['Acme, Inc.']));
    const byLoop = JSON.parse((await j(['search', 'soc', '--loop', 'options', '--json'])).stdout);
    expect(byLoop.results).toEqual([]);
    const since = JSON.parse((await j(['search', 'soc', '--since', '2026-10-06', '--json'])).stdout);
    expect(since.results).toEqual([]);
    const cafe = JSON.parse((await j(['search', 'soc', '--account', 'CAFÉ NOIR', '--json'])).stdout);
    expect(cafe.results).toHaveLength(3);
  });

  it('says so when nothing matches', async () => {
    const r = await j(['search', 'kubernetes', 'migration']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No answer or note holds "kubernetes migration".\n');
    const json = await j(['search', 'kubernetes', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ query: 'kubernetes', results: [] });
  });

  it('refuses an unknown loop, a bad date, an empty query and an unknown account', async () => {
    const loop = await j(['search', 'soc', '--loop', 'pricing']);
    expect(loop.code).toBe(2);
    expect(loop.stderr).toContain('knowledge, options, results');
    const date = await j(['search', 'soc', '--since', '2026-13-01']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--since takes a date as YYYY-MM-DD');
    const words = await j(['search', '  ']);
    expect(words.code).toBe(2);
    expect(words.stderr).toContain('search needs a word');
    const account = await j(['search', 'soc', '--account', 'Nobody Ltd']);
    expect(account.code).toBe(1);
    expect(account.stderr).toContain('no account "Nobody Ltd"');
  });

  it('rewrites no session, and an unreadable session file is one warning', async () => {
    const before = await sessionFiles();
    await j(['search', 'soc']);
    await j(['search', 'budget', '--json']);
    expect(await sessionFiles()).toEqual(before);
    const broken = join(accountDir(home, 'Café Noir'), '20261006T100000Z-options-broken1.yaml');
    await writeFile(broken, 'format: 1\nid: [not, a, session\n');
    try {
      const r = await j(['search', 'soc', '2', '--json']);
      expect(r.code).toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^warning: .*20261006T100000Z-options-broken1\.yaml/);
      expect(JSON.parse(r.stdout).results).toHaveLength(3);
    } finally {
      await rm(broken);
    }
  });

  it('highlights the words only with colour (FORCE_COLOR), never over --no-color', async () => {
    const forced = await j(['search', 'soc'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${ESC}[1m${ESC}[33mSOC${ESC}[39m${ESC}[22m`);
    const off = await journey(['--home', home, '--no-color', 'search', 'soc'], { env: { FORCE_COLOR: '1' } });
    expect(off.stdout).not.toContain(ESC);
    expect((await j(['search', 'soc'], { NO_COLOR: '', TERM: 'xterm-256color' })).stdout).not.toContain(ESC);
  });
});

describe('journey accounts filters', () => {
  const names = async (...args: string[]) =>
    JSON.parse((await j(['accounts', ...args, '--json'])).stdout)
      .map((a: { name: string }) => a.name)
      .sort();

  it('filters by stage, open flags, check-ins due and rep, combined with AND', async () => {
    expect(await names('--stage', 'customer')).toEqual(['Globex Corporation', 'Société Générale, S.A.']);
    expect(await names('--stage', 'lost')).toEqual(['Initech']);
    const flagged = await names('--open-flags');
    expect(flagged).toContain('Acme, Inc.');
    expect(flagged).not.toContain('Café Noir');
    const due = await names('--due');
    expect(due.length).toBeGreaterThan(0);
    for (const name of due) expect(await names('--stage', 'customer')).toContain(name);
    expect(await names('--rep', 'dana')).toEqual(['Café Noir']);
    expect(await names('--rep', 'DANA RUIZ', '--stage', 'prospect')).toEqual(['Café Noir']);
    expect(await names('--rep', 'dana', '--open-flags')).toEqual([]);
    expect(await names('--stage', 'prospect', '--due')).toEqual([]);
  });

  it('lists the filtered table, says when none match, and refuses an unknown stage', async () => {
    const r = await j(['accounts', '--stage', 'lost']);
    expect(r.stdout.split('\n')[1]).toMatch(/^Initech\s+lost/);
    expect(r.stdout).not.toContain('Acme');
    const none = await j(['accounts', '--rep', 'nobody', '--due']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('No account matches: a check-in due, rep "nobody".\n');
    const bad = await j(['accounts', '--stage', 'won']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('prospect, customer, lost');
  });
});

describe('journey help <command> <subcommand>', () => {
  it.each([
    [['help', 'bank', 'lint'], 'Usage: journey bank lint'],
    [['help', 'flags', 'resolve'], 'Usage: journey flags resolve'],
    [['--home', '/nowhere', 'help', 'bank', 'test'], 'Usage: journey bank test'],
    [['help', 'bank'], 'Usage: journey bank'],
    [['help', 'search'], 'journey search SOC 2'],
  ])('journey %j shows that help', async (args, says) => {
    const r = await journey(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(says);
  });

  it('says which word is not a command', async () => {
    const r = await journey(['help', 'bank', 'lnt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('journey bank has no command "lnt"');
  });
});

describe('journey completion', () => {
  const shim = async (): Promise<string> => {
    const dir = join(home, 'bin');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'journey');
    await writeFile(
      path,
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
    );
    await chmod(path, 0o755);
    return dir;
  };

  it('prints a script per shell, with the install line in the help', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await journey(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('journey __complete --');
    }
    const help = await journey(['completion', '--help']);
    expect(help.stdout).toContain('source <(journey completion bash)');
    expect(help.stdout).toContain('journey completion fish > ~/.config/fish/completions/journey.fish');
    const bad = await journey(['completion', 'powershell']);
    expect(bad.code).toBe(2);
  });

  it('completes account names, options and bank ids in bash', async () => {
    const dir = await shim();
    const script = (await journey(['completion', 'bash'])).stdout;
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(journey "$@"); COMP_CWORD=$#; _journey_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'bash',
          ...words,
        ],
        { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, JOURNEY_HOME: home } },
      )
        .split('\n')
        .filter(Boolean);
    expect(complete('prep', 'ac')).toEqual(['Acme,\\ Inc.']);
    expect(complete('prep', 'cafe')).toEqual(['Café\\ Noir']);
    expect(complete('accounts', '--st')).toEqual(['--stage']);
    expect(complete('bank', 'show', 'res')).toEqual(['results-check-in']);
    expect(complete('se')).toEqual(['search', 'sessions']);
  });
});

describe('colour, end to end', () => {
  it('is off through a pipe, on with FORCE_COLOR (over NO_COLOR), off again with --no-color or FORCE_COLOR=0', async () => {
    const bold = `${ESC}[1m`;
    expect((await j(['accounts'], { NO_COLOR: '' })).stdout).not.toContain(ESC);
    expect((await j(['accounts'], { FORCE_COLOR: '1' })).stdout).toContain(bold);
    expect((await j(['accounts'], { FORCE_COLOR: '1', TERM: 'dumb' })).stdout).toContain(bold);
    expect((await j(['accounts', '--no-color'], { FORCE_COLOR: '1' })).stdout).not.toContain(ESC);
    expect((await j(['accounts'], { FORCE_COLOR: '0' })).stdout).not.toContain(ESC);
  });

  describe.runIf(hasTmux())('on a real terminal', () => {
    let term: Terminal | undefined;
    afterEach(() => {
      term?.close();
      term = undefined;
    });
    const screen = async (env: Record<string, string>) => {
      term = Terminal.open(['--home', home, 'accounts'], env);
      await term.waitFor('[exit 0]');
      const text = term.screenWithColour();
      term.close();
      term = undefined;
      return text;
    };

    it('is on by itself, and off with TERM=dumb, NO_COLOR or FORCE_COLOR=0', async () => {
      expect(await screen({ NO_COLOR: '' })).toContain(ESC);
      expect(await screen({ NO_COLOR: '', TERM: 'dumb' })).not.toContain(ESC);
      expect(await screen({ NO_COLOR: '1' })).not.toContain(ESC);
      expect(await screen({ NO_COLOR: '', FORCE_COLOR: '0' })).not.toContain(ESC);
      expect(await screen({ NO_COLOR: '', TERM: 'dumb', FORCE_COLOR: '1' })).toContain(ESC);
    });
  });
});

describe('journey bank test --json', () => {
  it('reports each example and each scenario call with expected, actual and differences, and the tally', async () => {
    const dir = join(home, 'banks-under-test');
    await mkdir(dir, { recursive: true });
    const bank = await readFile(resolve(FIXTURES, '../../question-banks/options.yaml'), 'utf8');
    // The first example now expects a loop-back that does not fire.
    await writeFile(
      join(dir, 'options.yaml'),
      bank.replace('      loop_backs: []\n', '      loop_backs: [new_stakeholder]\n'),
    );
    const scenarios = resolve(FIXTURES, '../scenarios');
    const scenario = (await readdir(scenarios)).find((f) => f.endsWith('.yaml')) ?? '';
    const r = await journey([
      '--home',
      home,
      'bank',
      'test',
      join(dir, 'options.yaml'),
      join(scenarios, scenario),
      '--json',
    ]);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    const [bankReport, scenarioReport] = data.files;
    const first = bankReport.examples[0];
    expect(first).toMatchObject({
      passed: false,
      expected: { loopBacks: ['new_stakeholder'], tips: [] },
      actual: { loopBacks: [], tips: [] },
    });
    expect(first.differences).toEqual(['loop-backs: expected [new_stakeholder], got []']);
    expect(first.actual.asked).toContain('agenda');
    expect(bankReport.examples.slice(1).every((e: { passed: boolean }) => e.passed)).toBe(true);
    const call = scenarioReport.scenario.calls[0];
    expect(call).toEqual(
      expect.objectContaining({
        step: 1,
        expected: expect.any(Object),
        actual: expect.any(Object),
        differences: [],
      }),
    );
    expect(data.failed).toBe(1);
    expect(data.passed).toBe(bankReport.examples.length);
    expect(data.loopBacks).toEqual(
      expect.objectContaining({
        calls: scenarioReport.scenario.calls.length,
        precision: expect.any(Number),
        recall: expect.any(Number),
      }),
    );
  });
});
