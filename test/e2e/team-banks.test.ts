// Team banks from git, through the built binary: a trainer pushes banks to a repository, config.yaml
// names its URL, `journey bank update` fetches it; a push that breaks lint is kept back.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Trainer',
  GIT_AUTHOR_EMAIL: 'trainer@example.com',
  GIT_COMMITTER_NAME: 'Trainer',
  GIT_COMMITTER_EMAIL: 'trainer@example.com',
};
const OPTIONS_BANK = resolve(import.meta.dirname, '../../question-banks/options.yaml');

let root: string;
let home: string;
let bare: string;
let work: string;
let url: string;
let cleanup: () => Promise<void>;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();
const j = (...args: string[]) => journey(['--home', home, ...args], { cwd: home, env: GIT_ENV });
const short = (commit: string) => commit.slice(0, 7);

/** The built-in Options bank as the team's own: another id, and a version in its title. */
async function teamBank(version: number): Promise<string> {
  return (await readFile(OPTIONS_BANK, 'utf8'))
    .replace(/^id: options-tour$/m, 'id: team-options')
    .replace(/^version: 2$/m, `version: ${version}`)
    .replace(/^title: .*$/m, `title: Team options v${version}`);
}

async function push(text: string, message: string): Promise<string> {
  await writeFile(join(work, 'team-options.yaml'), text);
  git(work, 'add', '-A');
  git(work, 'commit', '--quiet', '-m', message);
  git(work, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
  return git(work, 'rev-parse', 'HEAD');
}

beforeEach(async () => {
  ({ home: root, cleanup } = await tempHome());
  home = join(root, 'home');
  bare = join(root, 'banks.git');
  work = join(root, 'work');
  url = `file://${bare}`;
  await mkdir(home);
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
});
afterEach(async () => {
  await cleanup();
});

interface ListedBank {
  id: string;
  version: number;
  source: string;
  from: string;
  git: { url: string; ref: string | null; path: string | null; commit: string } | null;
}
const listed = async () => JSON.parse((await j('bank', 'list', '--json')).stdout) as ListedBank[];

describe('team banks from git', () => {
  it('clones on first update, picks up a good push, and keeps back a push that breaks lint', async () => {
    const c1 = await push(await teamBank(1), 'first team bank');
    await writeFile(join(home, 'config.yaml'), `banks:\n  - ${url}\n`);

    const first = await j('bank', 'update');
    expect(first).toMatchObject({ code: 0, stdout: `${url}: fetched ${short(c1)}\n`, stderr: '' });
    const team = (await listed()).find((b) => b.id === 'team-options');
    expect(team).toMatchObject({
      version: 1,
      source: 'team',
      from: url,
      git: { url, ref: null, path: null, commit: c1 },
    });
    // Built-in banks keep their shape, with the new keys alongside.
    expect((await listed())[0]).toMatchObject({
      id: 'knowledge-discovery',
      source: 'built-in',
      from: 'built-in',
      git: null,
    });
    const table = (await j('bank', 'list')).stdout;
    expect(table).toContain(`team (${url} at ${short(c1)})`);

    expect(await j('bank', 'update')).toMatchObject({
      code: 0,
      stdout: `${url}: unchanged at ${short(c1)}\n`,
    });

    const c2 = await push(await teamBank(2), 'v2');
    expect(await j('bank', 'update', '--quiet')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect((await listed()).find((b) => b.id === 'team-options')).toMatchObject({
      version: 2,
      git: { commit: c2 },
    });

    const c3 = await push((await teamBank(3)).replace('version: 3', 'version: three'), 'a typo');
    const kept = await j('bank', 'update');
    expect(kept.code).toBe(1);
    expect(kept.stdout).toBe('');
    const lines = kept.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`${url}: kept ${short(c2)}: 1 lint error at ${short(c3)}`);
    // The problem names the file in the team repository, for the trainer to fix.
    expect(lines[1]).toMatch(/^ {2}team-options\.yaml:11:10: error: /);
    expect(lines).toHaveLength(2);
    // --quiet still says what needs a fix, and still exits 1.
    const quiet = await j('bank', 'update', '--quiet');
    expect(quiet).toMatchObject({ code: 1, stdout: '' });
    expect(quiet.stderr).toContain(`kept ${short(c2)}`);

    expect((await listed()).find((b) => b.id === 'team-options')).toMatchObject({
      version: 2,
      git: { commit: c2 },
    });
    const answers = join(FIXTURES, 'answers/quick-options.yaml');
    const session = await j('start', 'Acme', '--bank', 'team-options', '--quick', '--answers', answers);
    expect(session.code).toBe(0);
    expect(session.stderr).toMatch(/Team options v2/);
    expect(session.stderr).not.toMatch(/warning/);
  }, 60_000);

  it('pins a tag', async () => {
    const c1 = await push(await teamBank(1), 'v1');
    git(work, 'tag', '-a', 'v1', '-m', 'first release');
    git(work, 'push', '--quiet', bare, 'v1');
    await push(await teamBank(2), 'work in progress');
    await writeFile(join(home, 'config.yaml'), `banks:\n  - ${url}#v1\n`);
    expect(await j('bank', 'update')).toMatchObject({ code: 0, stdout: `${url}#v1: fetched ${short(c1)}\n` });
    expect((await listed()).find((b) => b.id === 'team-options')).toMatchObject({
      version: 1,
      from: `${url}#v1`,
      git: { ref: 'v1', commit: c1 },
    });
    expect((await j('bank', 'list')).stdout).toContain(`team (${url}#v1 at ${short(c1)})`);
  });

  it('says in one line when a repository cannot be reached, exit 1, and keeps the previous commit', async () => {
    const c1 = await push(await teamBank(1), 'v1');
    await writeFile(join(home, 'config.yaml'), `banks:\n  - ${url}\n`);
    expect((await j('bank', 'update')).code).toBe(0);
    // The repository moves away: offline as far as journey can tell.
    execFileSync('mv', [bare, `${bare}.moved`]);
    const r = await j('bank', 'update');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${url}: failed: git fetch failed: .*; still using ${short(c1)}\\n$`),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await listed()).find((b) => b.id === 'team-options')).toMatchObject({ git: { commit: c1 } });

    await writeFile(join(home, 'config.yaml'), 'banks:\n  - https://127.0.0.1:9/nowhere.git\n');
    const nowhere = await j('bank', 'update');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^https:\/\/127\.0\.0\.1:9\/nowhere\.git: failed: git fetch failed: .*; not fetched yet$/,
      ),
    ]);
  });

  it('warns once about a git bank not fetched yet, and goes on without it', async () => {
    await push(await teamBank(1), 'v1');
    await writeFile(join(home, 'config.yaml'), `banks:\n  - ${url}\n`);
    const warning = `team bank ${url} is not fetched yet: run journey bank update`;
    const answers = join(FIXTURES, 'answers/knowledge.yaml');
    const started = await j('start', 'Acme', '--loop', 'knowledge', '--answers', answers);
    expect(started.code).toBe(0);
    expect(started.stderr.split('\n').filter((l) => l.includes('not fetched'))).toEqual([
      `warning: ${join(home, 'config.yaml')}: ${warning}`,
    ]);
    const list = await j('bank', 'list');
    expect(list.code).toBe(0);
    expect(list.stderr.split('\n').filter((l) => l.includes('not fetched'))).toEqual([
      expect.stringMatching(
        new RegExp(`config\\.yaml:1:1: warning: ${warning.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
      ),
    ]);
    expect(list.stdout).not.toContain('team-options');
    // Nothing was cloned: only bank update goes to the network.
    expect(await j('prep', 'Acme')).toMatchObject({ code: 0 });
    expect(existsSync(join(home, '.cache/team-banks'))).toBe(false);
  });

  it('refuses a banks: entry that is not a git URL it knows, with its line', async () => {
    await writeFile(
      join(home, 'config.yaml'),
      'banks:\n  - team-banks\n  - ftp://git.example.com/banks.git\n',
    );
    const r = await j('bank', 'update');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /config\.yaml:3:5: error: a git URL starts https:\/\/…, ssh:\/\/…, git@host:path or file:\/\/…/,
    );
  });
});
