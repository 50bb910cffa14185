// Three reps share one bare repository and record, resolve, win and sync at the same time, in many
// interleavings. journey's own files never conflict by construction: after everyone syncs, every
// clone holds every file anyone wrote, byte for byte, once, and agrees on every account.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, type Run } from './run.js';

const GIT_ENV = {
  GIT_AUTHOR_EMAIL: 'team@example.com',
  GIT_COMMITTER_NAME: 'journey test',
  GIT_COMMITTER_EMAIL: 'team@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const REPS = ['Dana', 'Lee', 'Kim'] as const;
type Rep = (typeof REPS)[number];
const ACCOUNTS = ['Acme, Inc.', 'Globex', 'Initech'] as const;

type Op =
  | { kind: 'knowledge'; account: number }
  | { kind: 'options-flag'; account: number }
  | { kind: 'resolve' }
  | { kind: 'won'; account: number }
  | { kind: 'sync' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('knowledge' as const), account: fc.nat(2) }),
  fc.record({ kind: fc.constant('options-flag' as const), account: fc.nat(2) }),
  fc.constant({ kind: 'resolve' as const }),
  fc.record({ kind: fc.constant('won' as const), account: fc.nat(2) }),
  fc.constant({ kind: 'sync' as const }),
  fc.constant({ kind: 'sync' as const }),
);

let root: string;
let optionsAnswers: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'journey-team-'));
  optionsAnswers = join(root, 'options-problem-changed.yaml');
  const quick = await readFile(join(FIXTURES, 'answers/quick-options.yaml'), 'utf8');
  await writeFile(optionsAnswers, quick.replace('problem_still_holds: true', 'problem_still_holds: false'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function as(rep: Rep, home: string, args: string[]): Promise<Run> {
  return journey(['--home', home, ...args], { env: { ...GIT_ENV, GIT_AUTHOR_NAME: rep } });
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
}

async function filesOf(home: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.yaml')) found.set(relative(home, path), await readFile(path, 'utf8'));
    }
  };
  await walk(join(home, 'accounts')).catch(() => undefined);
  return found;
}

async function run(rep: Rep, home: string, op: Op): Promise<void> {
  const expectOk = (r: Run, what: string) => {
    if (r.code !== 0) throw new Error(`${rep} ${what}: exit ${r.code}\n${r.stderr}`);
  };
  switch (op.kind) {
    case 'knowledge': {
      const account = ACCOUNTS[op.account] as string;
      const answers = join(FIXTURES, 'answers/knowledge.yaml');
      expectOk(
        await as(rep, home, ['start', account, '--loop', 'knowledge', '--answers', answers]),
        'knowledge call',
      );
      return;
    }
    case 'options-flag': {
      const account = ACCOUNTS[op.account] as string;
      const r = await as(rep, home, [
        'start',
        account,
        '--loop',
        'options',
        '--quick',
        '--answers',
        optionsAnswers,
      ]);
      // An account this clone has not heard of yet: a Knowledge call comes first.
      if (r.code !== 0 && /no account/.test(r.stderr))
        return run(rep, home, { kind: 'knowledge', account: op.account });
      expectOk(r, 'options call');
      return;
    }
    case 'resolve': {
      const listed = await as(rep, home, ['flags', '--json']);
      expectOk(listed, 'flags');
      const open = (JSON.parse(listed.stdout) as { flags: { flag: { id: string } }[] }).flags;
      const first = open[0];
      if (!first) return;
      const r = await as(rep, home, ['flags', 'resolve', first.flag.id, '--note', `${rep} re-checked it`]);
      // Resolved by another journey in this very folder meanwhile: told so, nothing written twice.
      if (r.code !== 0 && !/already resolved/.test(r.stderr)) expectOk(r, 'flags resolve');
      return;
    }
    case 'won': {
      const account = ACCOUNTS[op.account] as string;
      const r = await as(rep, home, ['won', account, '--every', '30d', '--on', '2026-11-20']);
      if (r.code !== 0 && /no account|lost|already/.test(r.stderr)) return;
      expectOk(r, 'won');
      return;
    }
    case 'sync': {
      const r = await as(rep, home, ['sync', '--quiet']);
      expectOk(r, 'sync');
      return;
    }
  }
}

describe('journey sync: three reps against one bare repository', () => {
  it('never loses, duplicates or conflicts on journey files, whatever the interleaving', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          fc.array(opArb, { minLength: 3, maxLength: 6 }),
          fc.array(opArb, { minLength: 3, maxLength: 6 }),
          fc.array(opArb, { minLength: 3, maxLength: 6 }),
        ),
        async (scripts) => {
          round++;
          const dir = join(root, `round-${round}`);
          const bare = join(dir, 'team.git');
          execFileSync('git', ['init', '--quiet', '--bare', bare]);
          const homes = Object.fromEntries(REPS.map((rep) => [rep, join(dir, rep.toLowerCase())])) as Record<
            Rep,
            string
          >;
          expect((await as('Dana', homes.Dana, ['team', 'init', bare])).code).toBe(0);
          for (const rep of ['Lee', 'Kim'] as const) {
            const joined = await as(rep, homes[rep], ['team', 'join', bare]);
            expect(joined.code, joined.stderr).toBe(0);
          }
          // Each rep's script runs at the same time as the others': their syncs race for the remote.
          await Promise.all(
            REPS.map(async (rep, i) => {
              for (const op of scripts[i] ?? []) await run(rep, homes[rep], op);
            }),
          );
          const written = new Map<string, string>();
          for (const rep of REPS)
            for (const [path, text] of await filesOf(homes[rep])) written.set(path, text);
          // Everyone syncs twice: the first round sends, the second brings back what others sent.
          for (let pass = 0; pass < 2; pass++) {
            for (const rep of REPS) {
              const r = await as(rep, homes[rep], ['sync', '--quiet']);
              expect(r.code, `${rep}: ${r.stderr}`).toBe(0);
            }
          }
          const head = git(bare, ['rev-parse', 'refs/heads/main']).trim();
          const listings: string[] = [];
          for (const rep of REPS) {
            const home = homes[rep];
            expect(git(home, ['rev-parse', 'HEAD']).trim(), `${rep} is at the team's commit`).toBe(head);
            expect(git(home, ['status', '--porcelain']), `${rep} has nothing left to commit`).toBe('');
            const files = await filesOf(home);
            // Nothing lost, nothing changed: every file anyone wrote is here, byte for byte.
            for (const [path, text] of written) expect(files.get(path), `${rep}: ${path}`).toBe(text);
            for (const [path, text] of files) {
              expect(text, `${rep}: ${path} has no conflict markers`).not.toMatch(
                /^(<<<<<<<|>>>>>>>|=======$)/m,
              );
              if (!written.has(path))
                expect(path, 'only loop-backs from merged history are new').toMatch(/flagraised/);
            }
            const accounts = await as(rep, home, ['accounts', '--json']);
            expect(accounts.code).toBe(0);
            expect(accounts.stderr, `${rep} reads every file`).toBe('');
            listings.push(accounts.stdout);
          }
          // Every clone tells the same story.
          expect(new Set(listings).size).toBe(1);
          // No session recorded twice.
          const ids = [...(await filesOf(homes.Dana)).keys()].map((p) => p.split('/').at(-1));
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
      { numRuns: Number(process.env.TEAM_SYNC_RUNS ?? 4), endOnFailure: true },
    );
  }, 600_000);

  async function team(name: string): Promise<{ bare: string; homes: Record<Rep, string> }> {
    const dir = join(root, name);
    const bare = join(dir, 'team.git');
    execFileSync('git', ['init', '--quiet', '--bare', bare]);
    const homes = Object.fromEntries(REPS.map((rep) => [rep, join(dir, rep.toLowerCase())])) as Record<
      Rep,
      string
    >;
    expect((await as('Dana', homes.Dana, ['team', 'init', bare])).code).toBe(0);
    for (const rep of ['Lee', 'Kim'] as const)
      expect((await as(rep, homes[rep], ['team', 'join', bare])).code).toBe(0);
    return { bare, homes };
  }

  it('lets two reps resolve the same loop-back offline and sync at once without a conflict', async () => {
    const { homes } = await team('same-flag');
    await run('Dana', homes.Dana, { kind: 'knowledge', account: 0 });
    await run('Dana', homes.Dana, { kind: 'options-flag', account: 0 });
    await run('Dana', homes.Dana, { kind: 'sync' });
    await Promise.all([run('Lee', homes.Lee, { kind: 'sync' }), run('Kim', homes.Kim, { kind: 'sync' })]);
    // Both resolve the same flag, each in their own clone, then all three sync at the same moment.
    const listed = JSON.parse((await as('Dana', homes.Dana, ['flags', '--json'])).stdout) as {
      flags: { flag: { id: string } }[];
    };
    const id = listed.flags[0]?.flag.id;
    if (!id) throw new Error('the Options call raised no flag');
    await Promise.all(
      (['Lee', 'Kim'] as const).map(async (rep) => {
        const r = await as(rep, homes[rep], ['flags', 'resolve', id, '--note', `${rep} re-checked it`]);
        expect(r.code, r.stderr).toBe(0);
      }),
    );
    const synced = await Promise.all(REPS.map((rep) => as(rep, homes[rep], ['sync', '--quiet'])));
    for (const r of synced) expect(r.code, r.stderr).toBe(0);
    for (const rep of REPS) expect((await as(rep, homes[rep], ['sync', '--quiet'])).code).toBe(0);
    for (const rep of REPS) {
      const flags = await as(rep, homes[rep], ['flags', '--all', '--json']);
      const views = (JSON.parse(flags.stdout) as { flags: { status: string; flag: { id: string } }[] }).flags;
      // The flag is listed once, resolved (the earlier resolution counts), in every clone.
      expect(views.filter((v) => v.flag.id === id).map((v) => v.status)).toEqual(['resolved']);
    }
  }, 120_000);

  it('leaves a file two reps edited by hand for them, names it, and keeps both versions', async () => {
    const { homes } = await team('hand-edits');
    await run('Dana', homes.Dana, { kind: 'knowledge', account: 1 });
    await run('Dana', homes.Dana, { kind: 'sync' });
    await run('Lee', homes.Lee, { kind: 'sync' });
    const [path] = [...(await filesOf(homes.Dana)).keys()];
    if (!path) throw new Error('no session recorded');
    const edit = async (rep: Rep, words: string) => {
      const file = join(homes[rep], path);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/contact_role|onboarding/i, words));
    };
    await edit('Dana', 'Dana-edit');
    await edit('Lee', 'Lee-edit');
    expect((await as('Dana', homes.Dana, ['sync', '--quiet'])).code).toBe(0);
    const lee = await as('Lee', homes.Lee, ['sync', '--quiet']);
    expect(lee.code).toBe(1);
    expect(lee.stderr).toContain(path);
    expect(lee.stderr).toMatch(/changed both here and by a teammate/);
    // Lee's version is still Lee's, committed; no rebase is left half done; Dana's is on the remote.
    expect(await readFile(join(homes.Lee, path), 'utf8')).toContain('Lee-edit');
    expect(git(homes.Lee, ['status', '--porcelain'])).toBe('');
    expect(git(homes.Lee, ['show', `origin/main:${path}`])).toContain('Dana-edit');
    const again = await as('Lee', homes.Lee, ['sync', '--quiet']);
    expect(again.code).toBe(1);
  }, 120_000);
});
