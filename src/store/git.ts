// The git binary the rep already has, through simple-git: their SSH keys, credential helpers and
// hosting keep working. Loaded only by the commands that share a data folder.
import type { SimpleGit } from 'simple-git';
import { UserError } from '../errors.js';

/** `git init -b` and `git pull --rebase` as journey uses them need this much git. */
export const GIT_AT_LEAST = { major: 2, minor: 28 } as const;

export interface GitOptions {
  /** No terminal to ask for a password or a host key: fail instead of waiting (cron, a pull before a call). */
  batch?: boolean;
  /** Give up on a command that has printed nothing for this long (a pull on a dead network). */
  stallMs?: number;
}

export interface Git {
  dir: string;
  /** Runs `git <args>` in the folder; a failure is a GitFailed with git's own words. */
  run(args: readonly string[]): Promise<string>;
  /** Runs it and reports failure as a value (a rejected push is expected, not exceptional). */
  attempt(args: readonly string[]): Promise<{ ok: true; out: string } | { ok: false; message: string }>;
}

/** Git said no: its message, first lines only, for a person. */
export class GitFailed extends UserError {
  override name = 'GitFailed';
}

/** A handle on the git repository (or would-be repository) in this folder; checks git is there first. */
export async function openGit(dir: string, options: GitOptions = {}): Promise<Git> {
  const { simpleGit } = await import('simple-git');
  const env: Record<string, string | undefined> = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  if (options.batch) {
    env.GIT_TERMINAL_PROMPT = '0';
    env.GIT_SSH_COMMAND ??= 'ssh -o BatchMode=yes';
  }
  const git = simpleGit({
    baseDir: dir,
    maxConcurrentProcesses: 1,
    trimmed: false,
    // The rep's own GIT_SSH_COMMAND (and ours in batch mode) is theirs to set: pass it through.
    unsafe: { allowUnsafeSshCommand: true },
    // Any non-zero exit is a failure: simple-git's default lets a quiet one (rev-parse --quiet) pass.
    errors(error, result) {
      if (error) return error;
      if (result.exitCode === 0) return undefined;
      const said = Buffer.concat([...result.stdErr, ...result.stdOut])
        .toString('utf8')
        .trim();
      return new Error(said || `exit code ${result.exitCode}`);
    },
    ...(options.stallMs ? { timeout: { block: options.stallMs } } : {}),
  }).env(env as Record<string, string>);
  await checkVersion(git);
  return {
    dir,
    run: async (args) => {
      try {
        return await git.raw([...args]);
      } catch (error) {
        throw new GitFailed(gitMessage(args, error));
      }
    },
    attempt: async (args) => {
      try {
        return { ok: true, out: await git.raw([...args]) };
      } catch (error) {
        return { ok: false, message: gitMessage(args, error) };
      }
    },
  };
}

let versionChecked = false;

async function checkVersion(git: SimpleGit): Promise<void> {
  if (versionChecked) return;
  const version = await git.version().catch((error: unknown) => {
    throw new GitFailed(gitMessage(['--version'], error));
  });
  if (!version.installed) {
    throw new UserError(
      'git is not installed (or not on PATH): journey shares a data folder through git; install it (e.g. apt install git) and try again',
    );
  }
  const { major, minor } = version;
  if (major < GIT_AT_LEAST.major || (major === GIT_AT_LEAST.major && minor < GIT_AT_LEAST.minor)) {
    throw new UserError(
      `git ${major}.${minor} is too old: journey needs git ${GIT_AT_LEAST.major}.${GIT_AT_LEAST.minor} or newer; upgrade git and try again`,
    );
  }
  versionChecked = true;
}

/** Git's own words about a failure, a few lines at most, without its hints. */
export function gitMessage(args: readonly string[], error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const lines = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('hint:'));
  const said = lines.slice(0, 4).join(' / ') || 'failed';
  return `git ${args[0] ?? ''} failed: ${said}`;
}
