// What every command needs to know about where it runs: the data folder, and the current directory.
import envPaths from 'env-paths';
import { UserError } from '../errors.js';
import { nearestNames } from '../journey/words.js';
import { type Home, resolveHome } from '../store/home.js';

export interface GlobalOptions {
  home?: string | undefined;
  cwd: string;
}

export function findHome(options: GlobalOptions): Home {
  return resolveHome({
    flag: options.home,
    env: process.env,
    cwd: options.cwd,
    userDir: () => envPaths('journey', { suffix: '' }).data,
  });
}

/** The error for an account with no sessions, suggesting the nearest names that do exist. */
export async function unknownAccount(home: string, name: string): Promise<UserError> {
  const { readSummaries } = await import('../store/session-index.js');
  const names = (await readSummaries(home)).flatMap((f) => f.sessions.at(-1)?.account ?? []);
  const near = nearestNames(name, names);
  const hint =
    near.length > 0
      ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`
      : ' (journey accounts lists them)';
  return new UserError(`no account "${name}" in ${home}${hint}`);
}
