import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, journey, tempHome } from './run.js';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
});
afterEach(async () => {
  await cleanup();
});

const KNOWLEDGE_ANSWERS = join(FIXTURES, 'answers/knowledge.yaml');

async function sessionFiles(): Promise<string[]> {
  const root = join(home, 'accounts');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const slug of await readdir(root)) {
    for (const f of await readdir(join(root, slug))) out.push(join(root, slug, f));
  }
  return out;
}

describe('command-line conventions', () => {
  it('prints the version and exits 0', async () => {
    const r = await journey(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('prints the version to a reader that has gone (journey --version | true) without an error', () => {
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${BIN}" --version | true; echo "exit $\{PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('exit 0\n');
    expect(r.stderr).toBe('');
  });

  it.each([
    'start',
    'resume',
    'prep',
    'flags',
    'flags resolve',
    'accounts',
    'sessions',
    'won',
    'lost',
    'due',
    'export',
    'bank',
    'bank lint',
    'bank test',
    'bank preview',
    'bank list',
    'bank show',
    'bank new',
    'bank schema',
    'init',
    'home',
  ])('has --help with examples for %s', async (command) => {
    const r = await journey([...command.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ journey/);
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['start'], /name the account, e\.g\. journey start "Acme, Inc\."/],
    [['start', 'acme', '--loop', 'pricing'], /use one of: knowledge, options, results/],
    [[], /no command given/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const r = await journey(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('journey start --answers', () => {
  it('records a complete session with no prompt, and lists it', async () => {
    const r = await journey([
      '--home',
      home,
      'start',
      'Acme, Inc.',
      '--loop',
      'knowledge',
      '--answers',
      KNOWLEDGE_ANSWERS,
    ]);
    expect(r.code).toBe(0);
    // v2 asks the agenda, the success plan and the next step too, which this file does not answer.
    expect(r.stdout).toMatch(/Session complete\.\n {2}23 answers, 5 skipped questions, 0 notes\./);
    const files = await sessionFiles();
    expect(files).toHaveLength(1);
    const text = await readFile(files[0] ?? '', 'utf8');
    expect(text).toMatch(/^status: complete$/m);
    expect(text).toMatch(/^account: Acme, Inc\.$/m);

    const accounts = await journey(['--home', home, 'accounts', '--json']);
    expect(JSON.parse(accounts.stdout)).toEqual([
      expect.objectContaining({ name: 'Acme, Inc.', sessions: 1, lastLoop: 'knowledge', unfinished: 0 }),
    ]);
    const sessions = await journey(['--home', home, 'sessions', 'ACME INC', '--json']);
    expect(JSON.parse(sessions.stdout)).toMatchObject({
      account: 'Acme, Inc.',
      sessions: [
        {
          loop: 'knowledge',
          bank: { id: 'knowledge-discovery', version: 2 },
          status: 'complete',
          answered: 23,
        },
      ],
    });
  });

  it('picks the natural next loop and says why', async () => {
    await journey(['--home', home, 'start', 'Acme', '--answers', KNOWLEDGE_ANSWERS]);
    const r = await journey(['--home', home, 'start', 'acme', '--answers', '-'], {
      input: 'criteria: [Price, Time to value]\nnext_step: Demo for the VP on Friday\n',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Options loop.*\n.*problem statement is agreed/);
    const sessions = JSON.parse((await journey(['--home', home, 'sessions', 'Acme', '--json'])).stdout);
    expect(sessions.sessions.map((s: { loop: string }) => s.loop)).toEqual(['knowledge', 'options']);
  });

  it.each([
    [
      'an unknown question id, with a suggestion',
      'trigerr: x\n',
      /"trigerr" is not a question of bank knowledge-discovery \(did you mean "trigger"\?\)/,
    ],
    [
      'a value of the wrong type',
      'trigger: x\nurgency: 9\n',
      /"urgency" \(scale\): expected a whole number from 1 to 5/,
    ],
    [
      'a choice that is not offered',
      'frequency: hourly\ntrigger: x\n',
      /"frequency" \(choice\): "hourly" is not one of: daily, weekly/,
    ],
    ['a missing required answer', 'trigger: x\n', /no answer for required question "problem_in_their_words"/],
    ['a file that is not a map', '- a\n- b\n', /answers must be a map of question id to answer/],
    ['broken YAML', 'trigger: [x\n', /<stdin>:1:10: error: YAML syntax: Flow sequence/],
  ])('refuses %s, writing nothing', async (_name, input, message) => {
    const r = await journey(['--home', home, 'start', 'Acme', '--loop', 'knowledge', '--answers', '-'], {
      input,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(await sessionFiles()).toEqual([]);
  });

  it('warns about answers whose condition did not hold', async () => {
    const answers = (await readFile(KNOWLEDGE_ANSWERS, 'utf8')).replace(
      'tried_before: true',
      'tried_before: false',
    );
    const r = await journey(['--home', home, 'start', 'Acme', '--answers', '-'], { input: answers });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/the answer to "tried_what" was not used: its condition did not hold/);
  });

  it('reads a missing answers file as a clear error', async () => {
    const r = await journey(['--home', home, 'start', 'Acme', '--answers', 'nope.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.yaml: cannot read the answers file \(no such file\)/);
  });

  it('fails at once without a terminal and without --answers', async () => {
    const r = await journey(['--home', home, 'start', 'Acme']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no terminal to ask questions in: .*--answers/);
    expect(await sessionFiles()).toEqual([]);
  });

  it('reports every problem of a broken bank as file:line:col, exit 1', async () => {
    const r = await journey(
      ['--home', home, 'start', 'Acme', '--bank', 'banks/broken.yaml', '--answers', '-'],
      { input: 'a: x\n' },
    );
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/broken\.yaml: 4 problems in this bank/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/broken\.yaml:1:5: error: "id" use a lowercase slug/),
      expect.stringMatching(/broken\.yaml:8:11: error: "type" must be one of/),
      expect.stringMatching(/broken\.yaml:9:9: error: duplicate question id "a"/),
      expect.stringMatching(/broken\.yaml:12:19: error: unknown question id "zz"/),
    ]);
  });

  it('refuses a bank for another loop', async () => {
    const r = await journey([
      '--home',
      home,
      'start',
      'Acme',
      '--loop',
      'options',
      '--bank',
      'knowledge-discovery',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bank "knowledge-discovery" is for the knowledge loop, not options/);
  });

  it('refuses an account name with no letters or digits', async () => {
    const r = await journey(['--home', home, 'start', '../..', '--answers', KNOWLEDGE_ANSWERS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not an account name/);
    expect(existsSync(join(home, 'accounts'))).toBe(false);
  });
});

describe('the data folder', () => {
  it('reports a corrupt session file by name and still lists the others', async () => {
    await journey(['--home', home, 'start', 'Acme', '--answers', KNOWLEDGE_ANSWERS]);
    await journey(['--home', home, 'start', 'Globex', '--answers', KNOWLEDGE_ANSWERS]);
    const [first] = (await sessionFiles()).sort();
    await writeFile(first ?? '', 'format: 1\nstatus: [\n');
    const r = await journey(['--home', home, 'accounts']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`warning: ${first?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: YAML syntax`),
    );
    expect(r.stdout).toMatch(/Globex/);
    expect(await readFile(first ?? '', 'utf8')).toBe('format: 1\nstatus: [\n');
  });

  it('says where the data folder is and why', async () => {
    const flag = await journey(['--home', home, 'home']);
    expect(flag.stdout.trim()).toBe(home);
    expect(flag.stderr).toMatch(/set by --home/);
    const env = await journey(['home', '--json'], { env: { JOURNEY_HOME: home } });
    expect(JSON.parse(env.stdout)).toMatchObject({ home, rule: 'env' });
  });

  it('init makes a .journey folder that later commands find from below it', async () => {
    const made = await journey(['init'], { cwd: home });
    expect(made.code).toBe(0);
    expect(existsSync(join(home, '.journey/config.yaml'))).toBe(true);
    const again = await journey(['init'], { cwd: home });
    expect(again.stdout).toMatch(/already a journey data folder; nothing changed/);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(home, 'deep/er'), { recursive: true });
    const found = await journey(['home', '--json'], { cwd: join(home, 'deep/er') });
    expect(JSON.parse(found.stdout)).toMatchObject({ home: join(home, '.journey'), rule: 'project' });
  });

  it('lists nothing helpfully in a new data folder', async () => {
    const r = await journey(['--home', home, 'accounts']);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/No accounts yet/) });
    const missing = await journey(['--home', home, 'sessions', 'Nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no account "Nobody"/);
  });
});
