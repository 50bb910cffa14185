// Who is running journey, as sessions and records name them: config.yaml's `rep:`, else git's
// user.name (or user.email), else the OS user. Managers drive the journey from the top down, so
// every conversation says who had it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { entryAt } from './data-files.js';

/** The rep for sessions and records in this data folder; undefined only when nothing names anyone. */
export async function whoIsRep(home: string): Promise<string | undefined> {
  return (await repAndSource(home)).rep;
}

/** The rep, and where the name came from (a login name is worth telling a team about). */
export async function repAndSource(
  home: string,
): Promise<{ rep: string | undefined; from: 'config' | 'git' | 'login' }> {
  // The configuration (and the schema it is read through) only when there is a file to read.
  const configured = entryAt(join(home, 'config.yaml'))
    ? (await (await import('./config.js')).readConfig(home)).rep
    : undefined;
  if (configured) return { rep: configured, from: 'config' };
  const git = await gitUser(home);
  return git ? { rep: git, from: 'git' } : { rep: osUser(), from: 'login' };
}

/**
 * Git's user as seen from the data folder (a team data folder in a repository may set its own).
 * Asked without blocking, so a sync's own git commands run meanwhile.
 */
async function gitUser(home: string): Promise<string | undefined> {
  for (const key of ['user.name', 'user.email']) {
    const value = await gitConfig(key, home);
    if (value) return value;
  }
  return undefined;
}

function gitConfig(key: string, cwd: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(
      'git',
      ['config', '--get', key],
      { cwd: existsSync(cwd) ? cwd : undefined, encoding: 'utf8', timeout: 2000, windowsHide: true },
      // No git, no such key, or git refused: the next source names the rep.
      (error, stdout) => done(error ? undefined : clean(stdout)),
    );
  });
}

function osUser(): string | undefined {
  try {
    return clean(userInfo().username);
  } catch {
    return clean(process.env.USER ?? process.env.USERNAME ?? '');
  }
}

/** One line, no control characters, a sensible length. */
function clean(text: string): string | undefined {
  const line = text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .trim()
    .slice(0, 200);
  return line || undefined;
}
