import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncTeam } from '../../src/app/sync.js';
import { FIXTURES } from './run.js';
import { as, git, ok, twoReps } from './team-reps.js';

const KNOWLEDGE = join(FIXTURES, 'answers/knowledge.yaml');

let root: string;
let otherStatement: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'journey-team-safety-'));
  otherStatement = join(root, 'knowledge-other.yaml');
  const knowledge = await readFile(KNOWLEDGE, 'utf8');
  await writeFile(
    otherStatement,
    knowledge.replace(
      /problem_statement: \|\n(?: {2}.*\n)+/,
      'problem_statement: |\n  Paper invoices keyed by hand in three warehouses delay the monthly close by nine days.\n',
    ),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function team(name: string) {
  return twoReps(join(root, name));
}

async function sessionFiles(home: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of await readdir(join(home, 'accounts'))) {
    for (const name of await readdir(join(home, 'accounts', folder))) {
      if (name.endsWith('.yaml')) found.push(`accounts/${folder}/${name}`);
    }
  }
  return found;
}

describe('what a sync shares', () => {
  it('shares finished calls only: not an unfinished one, not a stray file; puts back a call deleted by hand', async () => {
    const { dana } = await team('shares');
    await ok(dana, ['start', 'Acme, Inc.', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(dana, ['sync']);
    const [done] = await sessionFiles(dana.home);
    if (!done) throw new Error('no session');
    // An unfinished call (another terminal, say), a note of the rep's own, and the finished call deleted.
    const text = await readFile(join(dana.home, done), 'utf8');
    const unfinished = done.replace(/-[a-z0-9]+\.yaml$/, '-zzzzzz1.yaml');
    await writeFile(
      join(dana.home, unfinished),
      text
        .replace(/^status: complete$/m, 'status: in_progress')
        .replace(/^completed: .*\n/m, '')
        .replace(/^id: (.*)-[a-z0-9]+$/m, 'id: $1-zzzzzz1'),
    );
    await writeFile(join(dana.home, 'notes.txt'), 'call Priya back\n');
    await unlink(join(dana.home, done));
    const synced = await as(dana, ['sync']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toContain("Not shared (not journey's files): notes.txt.");
    expect(synced.stderr).toContain(`Put back what was deleted here by hand`);
    expect(synced.stderr).toContain(done);
    const tracked = git(dana.home, 'ls-files');
    expect(tracked).toContain(done);
    expect(tracked).not.toContain(unfinished);
    expect(tracked).not.toContain('notes.txt');
    // Nothing lost: the deleted call is back, the unfinished one and the note are as they were.
    expect(await readFile(join(dana.home, done), 'utf8')).toBe(text);
    expect(await readFile(join(dana.home, unfinished), 'utf8')).toMatch(/status: in_progress/);
    expect(await readFile(join(dana.home, 'notes.txt'), 'utf8')).toBe('call Priya back\n');
  }, 120_000);

  it('reviews what arrived even after a git fetch by hand moved the remote-tracking branch', async () => {
    const { dana, lee } = await team('fetched');
    await ok(dana, ['start', 'Globex', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(lee, ['start', 'Globex', '--loop', 'knowledge', '--answers', otherStatement]);
    await ok(dana, ['sync']);
    git(lee.home, 'fetch', '--quiet', 'origin');
    const synced = await ok(lee, ['sync']);
    expect(synced.stdout).toMatch(/1 new loop-back flag/);
  }, 120_000);
});

describe('clear words when sync cannot run', () => {
  it('says a folder is not a team one, with what to run', async () => {
    const home = join(root, 'solo');
    const r = await as({ name: 'Dana', home }, ['sync']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a team data folder: share it with journey team init <remote>/);
    expect(r.stderr).not.toMatch(/ at .*\.js/);
  });

  it('says git is missing, in one line', async () => {
    const { dana } = await team('no-git');
    // journey runs from node's own path; a PATH with nothing on it hides git.
    const empty = join(root, 'empty-path');
    await mkdir(empty, { recursive: true });
    const r = await as(dana, ['sync'], { PATH: empty });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^journey: git is not installed \(or not on PATH\)[^\n]*$/);
  });

  it('refuses to record or sync over a rebase left half done, and says how to finish it', async () => {
    const { dana, lee } = await team('rebase');
    await ok(dana, ['start', 'Acme, Inc.', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(dana, ['sync']);
    await ok(lee, ['sync']);
    const [path] = await sessionFiles(dana.home);
    if (!path) throw new Error('no session');
    for (const [rep, words] of [
      [dana, 'Dana-edit'],
      [lee, 'Lee-edit'],
    ] as const) {
      const file = join(rep.home, path);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/Onboarding team/, words));
      git(rep.home, 'commit', '--quiet', '-am', `${rep.name} by hand`);
    }
    await ok(dana, ['sync']);
    // Lee resolves by hand as git would have him, and stops halfway.
    expect(() => git(lee.home, 'pull', '--quiet', '--rebase', 'origin', 'main')).toThrow();
    for (const args of [['sync'], ['start', 'Acme, Inc.', '--loop', 'options', '--answers', KNOWLEDGE]]) {
      const r = await as(lee, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/a git rebase is in progress .* git -C .* rebase --continue/);
    }
  }, 120_000);

  it('says how to go back to the branch when a commit was checked out by hand, and syncs once back', async () => {
    const { dana } = await team('detached');
    await ok(dana, ['start', 'Acme, Inc.', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(dana, ['sync']);
    git(dana.home, 'checkout', '--quiet', '--detach', 'HEAD');
    const r = await as(dana, ['sync']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/is on no branch .* git -C .* switch main, then journey sync$/);
    git(dana.home, 'switch', '--quiet', 'main');
    expect((await ok(dana, ['sync'])).stdout).toContain('Up to date');
  }, 120_000);

  it('refuses to make a team folder against a remote that already holds one, and makes nothing', async () => {
    const { bare, dana } = await team('taken');
    await ok(dana, ['start', 'Acme, Inc.', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(dana, ['sync']);
    const other = { name: 'Kim', home: join(root, 'taken', 'kim') };
    const r = await as(other, ['team', 'init', bare]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already holds a team's data folder: join it instead/);
    await expect(readdir(other.home)).rejects.toThrow();
    await ok(other, ['team', 'join', bare]);
  }, 120_000);
});

describe('a review of what arrived that fails', () => {
  it('sends nothing, and the next sync reviews the teammate’s calls, never the rep’s own', async () => {
    const { bare, dana, lee } = await team('review-fails');
    git(lee.home, 'config', 'user.email', 'lee@example.com');
    await ok(dana, ['start', 'Acme, Inc.', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(dana, ['sync']);
    await ok(lee, ['sync']);
    await ok(dana, ['start', 'Globex', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(dana, ['sync']);
    await ok(lee, ['start', 'Initech', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    const options = { batch: true, now: () => new Date(), stallMs: 60_000 };
    const failing = {
      prepare() {},
      review: async (): Promise<{ written: string[] }> => {
        throw new Error('the review broke');
      },
    };
    await expect(syncTeam(lee.home, options, failing)).rejects.toThrow('the review broke');
    const shared = git(bare, 'ls-tree', '-r', '--name-only', 'main');
    expect(shared).not.toMatch(/initech/);

    const seen: string[] = [];
    const recording = {
      prepare() {},
      review: async (_home: string, arrived: { paths: readonly string[] }) => {
        seen.push(...arrived.paths);
        return { written: [] };
      },
    };
    const report = await syncTeam(lee.home, options, recording);
    expect(report.outcome.kind).toBe('synced');
    expect(report.pushed).toBe(true);
    expect(seen.some((path) => path.startsWith('accounts/globex/'))).toBe(true);
    expect(seen.filter((path) => path.startsWith('accounts/initech/'))).toEqual([]);
    expect(report.received.authors).toEqual(['Dana']);
    expect(git(bare, 'ls-tree', '-r', '--name-only', 'main')).toMatch(/accounts\/initech\//);
  }, 120_000);
});
