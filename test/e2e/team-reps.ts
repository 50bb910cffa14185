// Reps of a team through the built binary: each with their own data folder and git name, a bare
// repository they share, and journey run as each of them.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { journey, type Run } from './run.js';

/** No system or user git configuration: each test names its reps itself. */
export const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_EMAIL: 'rep@example.com',
  GIT_COMMITTER_EMAIL: 'rep@example.com',
};

export interface Rep {
  name: string;
  home: string;
}

export function as(rep: Rep, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return journey(['--home', rep.home, ...args], {
    env: { ...GIT_ENV, GIT_AUTHOR_NAME: rep.name, GIT_COMMITTER_NAME: rep.name, ...env },
  });
}

export async function ok(rep: Rep, args: string[]): Promise<Run> {
  const r = await as(rep, args);
  expect(r.code, `${rep.name}: journey ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });

/** A bare team repository in `dir`, Dana's data folder made a team one, Lee joined; each named in git. */
export async function twoReps(dir: string): Promise<{ bare: string; dana: Rep; lee: Rep }> {
  const bare = join(dir, 'team.git');
  execFileSync('git', ['init', '--quiet', '--bare', bare]);
  const dana = { name: 'Dana', home: join(dir, 'dana') };
  const lee = { name: 'Lee', home: join(dir, 'lee') };
  await ok(dana, ['team', 'init', bare]);
  await ok(lee, ['team', 'join', bare]);
  for (const rep of [dana, lee]) git(rep.home, 'config', 'user.name', rep.name);
  return { bare, dana, lee };
}
