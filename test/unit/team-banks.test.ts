// Team banks from git: how config.yaml names them, where their clones live, and what an update does
// (a commit that fails lint is kept back, the previous good one staying in use).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listShelf, type TeamBankUpdate } from '../../src/bank/location.js';
import { bankShelf, teamBankCache } from '../../src/store/bank-shelf.js';
import { configuredBanks, readConfig } from '../../src/store/config.js';
import { updateTeamBanks } from '../../src/store/team-banks.js';
import { bankOrigin, renderTeamBankUpdate } from '../../src/ui/render-bank.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Trainer',
  GIT_AUTHOR_EMAIL: 'trainer@example.com',
  GIT_COMMITTER_NAME: 'Trainer',
  GIT_COMMITTER_EMAIL: 'trainer@example.com',
};
const OPTIONS_BANK = resolve(import.meta.dirname, '../../question-banks/options.yaml');

let root: string;
let home: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'journey-team-banks-'));
  home = join(root, 'home');
  await mkdir(home);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const config = (text: string) => writeFile(join(home, 'config.yaml'), text);

describe('banks: in config.yaml', () => {
  it('takes folders, git URLs with an optional #ref, and { git, ref, path }', async () => {
    await config(
      [
        'banks:',
        '  - team-banks',
        '  - https://git.example.com/sales/banks.git#v2',
        '  - ssh://git@git.example.com/sales/banks.git',
        '  - git@git.example.com:sales/banks.git#main',
        '  - file:///srv/git/banks.git',
        '  - { git: "https://git.example.com/sales/journey.git", ref: release/2026, path: banks/ }',
        '',
      ].join('\n'),
    );
    expect(configuredBanks(home, await readConfig(home))).toEqual([
      { kind: 'folder', dir: join(home, 'team-banks'), label: 'team-banks' },
      {
        kind: 'git',
        url: 'https://git.example.com/sales/banks.git',
        ref: 'v2',
        label: 'https://git.example.com/sales/banks.git#v2',
      },
      {
        kind: 'git',
        url: 'ssh://git@git.example.com/sales/banks.git',
        label: 'ssh://git@git.example.com/sales/banks.git',
      },
      {
        kind: 'git',
        url: 'git@git.example.com:sales/banks.git',
        ref: 'main',
        label: 'git@git.example.com:sales/banks.git#main',
      },
      { kind: 'git', url: 'file:///srv/git/banks.git', label: 'file:///srv/git/banks.git' },
      {
        kind: 'git',
        url: 'https://git.example.com/sales/journey.git',
        ref: 'release/2026',
        path: 'banks',
        label: 'https://git.example.com/sales/journey.git#release/2026',
      },
    ]);
  });

  it.each([
    [
      'banks:\n  - ftp://git.example.com/banks.git\n',
      '2:5',
      /a git URL starts https:\/\/…, ssh:\/\/…, git@host:path or file:\/\/… \(got "ftp:\/\/"\)/,
    ],
    [
      'banks:\n  - https://git.example.com/banks.git#-x\n',
      '2:5',
      /the ref "-x" is not a branch, tag or commit name/,
    ],
    ['banks:\n  - https://git.example.com/banks.git#a..b\n', '2:5', /the ref "a\.\.b"/],
    [
      'banks:\n  - { git: https://x.example/b.git, branch: main }\n',
      '2:5',
      /unknown key "branch" \(a git bank takes: git, ref, path\)$/,
    ],
    [
      'banks:\n  - { git: https://x.example/b.git, path: ../up }\n',
      '2:43',
      /path is a folder inside the repository/,
    ],
    ['banks:\n  - { git: "https://x.example/b.git#v1", ref: v2 }\n', '2:47', /the ref is given twice/],
    ['banks:\n  - { git: ftp://x.example/b.git }\n', '2:12', /a git URL starts/],
    ['banks:\n  - 42\n', '2:5', /a banks: entry is a folder, a git URL/],
  ])('refuses %j at its line and column', async (text, at, says) => {
    await config(text);
    const error = await readConfig(home).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`config.yaml:${at}: error: `);
    expect((error as Error).message).toMatch(says);
  });

  it('reads past a key config.yaml does not know (a newer journey setting, or a typo) and says so once', async () => {
    const { resetUnknownKeys, takeConfigWarnings } = await import('../../src/store/newer-files.js');
    resetUnknownKeys();
    await config('bank: [x]\ncheck_in_every: 6w\n');
    await expect(readConfig(home)).resolves.toEqual({ check_in_every: '6w' });
    await readConfig(home);
    const warnings = takeConfigWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /config\.yaml:1:\d+: warning: unknown key "bank" ignored \(did you mean "banks"\?\)/,
    );
  });
});

// A bare repository as a team would have it, and a clone the trainer pushes from.
let bare: string;
let work: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();

async function teamRepo(): Promise<void> {
  bare = join(root, 'banks.git');
  work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
  await push('team-options.yaml', await teamBank(1), 'first team bank');
}

async function teamBank(version: number): Promise<string> {
  const text = await readFile(OPTIONS_BANK, 'utf8');
  return text
    .replace(/^id: options-tour$/m, 'id: team-options')
    .replace(/^version: 2$/m, `version: ${version}`)
    .replace(/^title: .*$/m, `title: Team options v${version}`);
}

async function push(file: string, text: string, message: string): Promise<string> {
  await mkdir(join(work, file, '..'), { recursive: true });
  await writeFile(join(work, file), text);
  git(work, 'add', '-A');
  git(work, 'commit', '--quiet', '-m', message);
  git(work, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
  return git(work, 'rev-parse', 'HEAD');
}

const only = (updates: TeamBankUpdate[]) => {
  expect(updates).toHaveLength(1);
  return updates[0] as TeamBankUpdate;
};

describe('updateTeamBanks', () => {
  it('has nothing to do without git banks', async () => {
    await config('banks: []\n');
    expect(await updateTeamBanks(home)).toEqual([]);
    expect(await updateTeamBanks(join(root, 'no-config'))).toEqual([]);
  });

  it('clones on first use, keeps the tree at the good commit, and keeps a commit that fails lint back', async () => {
    await teamRepo();
    const url = `file://${bare}`;
    await config(`banks:\n  - ${url}\n`);

    // Not fetched yet: the shelf warns and reads nothing for it, and never touches the network.
    const before = await bankShelf(home);
    const pending = before.find((f) => f.label === url);
    expect(pending?.unavailable).toBe(`team bank ${url} is not fetched yet: run journey bank update`);
    expect(listShelf(before).problems).toEqual([
      expect.objectContaining({
        file: join(home, 'config.yaml'),
        severity: 'warning',
        message: pending?.unavailable,
      }),
    ]);

    const first = only(await updateTeamBanks(home, { batch: true }));
    const c1 = git(work, 'rev-parse', 'HEAD');
    expect(first).toMatchObject({ url, ref: null, previous: null, commit: c1, inUse: c1, status: 'updated' });
    const cache = teamBankCache(home, { url });
    expect(cache.startsWith(join(home, '.cache', 'team-banks'))).toBe(true);
    expect(await readFile(join(home, '.cache', '.gitignore'), 'utf8')).toBe('*\n');
    const shelf = await bankShelf(home);
    const folder = shelf.find((f) => f.git);
    expect(folder).toMatchObject({ source: 'team', label: url, git: { url, commit: c1 } });
    if (!folder) throw new Error('no git folder on the shelf');
    expect(listShelf([folder]).files.map((f) => f.path)).toEqual([join(folder.dir, 'team-options.yaml')]);
    expect(bankOrigin(folder, 'team')).toBe(`team (${url} at ${c1.slice(0, 7)})`);
    expect(renderTeamBankUpdate(first)).toEqual({ ok: true, lines: [`${url}: fetched ${c1.slice(0, 7)}`] });

    expect(only(await updateTeamBanks(home))).toMatchObject({ status: 'unchanged', previous: c1, inUse: c1 });

    const c2 = await push('team-options.yaml', await teamBank(2), 'v2');
    const second = only(await updateTeamBanks(home));
    expect(second).toMatchObject({ status: 'updated', previous: c1, commit: c2, inUse: c2 });
    expect(renderTeamBankUpdate(second).lines).toEqual([
      `${url}: updated ${c1.slice(0, 7)} → ${c2.slice(0, 7)}`,
    ]);

    const broken = (await teamBank(3)).replace('version: 3', 'version: three');
    const c3 = await push('team-options.yaml', broken, 'broken');
    const kept = only(await updateTeamBanks(home));
    expect(kept).toMatchObject({ status: 'kept-previous', previous: c2, commit: c3, inUse: c2 });
    expect(kept.status === 'kept-previous' && kept.problems).toEqual([
      expect.objectContaining({ file: 'team-options.yaml', line: 11, col: 10, severity: 'error' }),
    ]);
    const rendered = renderTeamBankUpdate(kept);
    expect(rendered.ok).toBe(false);
    expect(rendered.lines[0]).toBe(`${url}: kept ${c2.slice(0, 7)}: 1 lint error at ${c3.slice(0, 7)}`);
    expect(rendered.lines[1]).toMatch(/^ {2}team-options\.yaml:11:10: error: /);
    // The shelf still reads the good commit, and only its tree is left.
    expect((await bankShelf(home)).find((f) => f.git)?.git?.commit).toBe(c2);
    expect(git(join(cache, 'repo.git'), 'worktree', 'list', '--porcelain')).not.toContain(c3);
  });

  it('pins a tag, reads a subfolder, and reports an unreachable URL on one line', async () => {
    await teamRepo();
    const c1 = git(work, 'rev-parse', 'HEAD');
    git(work, 'tag', 'v1');
    git(work, 'push', '--quiet', bare, 'v1');
    await push(
      'banks/team-options.yaml',
      (await teamBank(2)).replace('id: team-options', 'id: team-sub'),
      'sub',
    );
    await config(
      [
        'banks:',
        `  - file://${bare}#v1`,
        `  - { git: "file://${bare}", path: banks }`,
        `  - file://${join(root, 'nowhere.git')}`,
        '',
      ].join('\n'),
    );
    const [tag, sub, nowhere] = await updateTeamBanks(home, { batch: true });
    expect(tag).toMatchObject({ ref: 'v1', status: 'updated', inUse: c1 });
    expect(sub).toMatchObject({ ref: null, status: 'updated' });
    expect(nowhere).toMatchObject({ status: 'failed', previous: null, inUse: null });
    const message = nowhere?.status === 'failed' ? nowhere.message : '';
    expect(message).toMatch(/^git fetch failed: .*nowhere\.git/);
    expect(message).not.toContain('\n');
    expect(renderTeamBankUpdate(nowhere as TeamBankUpdate).lines).toEqual([
      expect.stringMatching(/nowhere\.git: failed: git fetch failed: .*; not fetched yet$/),
    ]);
    const shelf = await bankShelf(home);
    expect(shelf.filter((f) => f.git).map((f) => [f.git?.ref, f.git?.path, f.dir.endsWith('banks')])).toEqual(
      [
        ['v1', undefined, false],
        [undefined, 'banks', true],
      ],
    );
    // A ref the repository does not have is git's word, one line; the tag stays in use.
    await config(`banks:\n  - file://${bare}#v9\n`);
    const missing = only(await updateTeamBanks(home, { batch: true }));
    expect(missing).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/couldn't find remote ref v9/),
    });
  });

  it('keeps back a subfolder that is missing, naming it', async () => {
    await teamRepo();
    await config(`banks:\n  - { git: "file://${bare}", path: team/banks }\n`);
    const update = only(await updateTeamBanks(home));
    expect(update).toMatchObject({ status: 'kept-previous', previous: null, inUse: null });
    expect(update.status === 'kept-previous' && update.problems[0]).toMatchObject({
      file: 'team/banks',
      message: expect.stringMatching(/no such folder/),
    });
    expect(renderTeamBankUpdate(update).lines[0]).toMatch(/: not used: 1 lint error at [0-9a-f]{7}$/);
    // The shelf goes on without it, and says where to look.
    expect((await bankShelf(home)).find((f) => f.unavailable)?.unavailable).toBe(
      `team bank file://${bare} is not in use yet: run journey bank update to see why`,
    );
  });
});
