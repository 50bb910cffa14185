// The git binary the rep already has, run directly (no shell; arguments are ours): their SSH keys,
// credential helpers, askpass and config keep working exactly as in their own terminal. Loaded only
// by the commands that share a data folder.
import { spawn } from 'node:child_process';
import { UserError } from '../errors.js';

/** `git init --initial-branch` and `git rebase --autostash` as journey uses them need this much git. */
export const GIT_AT_LEAST = { major: 2, minor: 28 } as const;

export interface GitOptions {
  /** No terminal to ask for a password or a host key: fail instead of waiting (cron, a pull before a call). */
  batch?: boolean | undefined;
  /** Give up on a command that has printed nothing for this long (a pull on a dead network). */
  stallMs?: number | undefined;
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

/**
 * A handle on the git repository (or would-be repository) in this folder. Git missing is said at
 * the first command; a git too old is said at the first command that fails (its version is asked
 * only then, so a sync spends no process on it).
 */
export async function openGit(dir: string, options: GitOptions = {}): Promise<Git> {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANGUAGE: 'C' };
  if (options.batch) {
    env.GIT_TERMINAL_PROMPT = '0';
    env.GIT_SSH_COMMAND ??= 'ssh -o BatchMode=yes -o ConnectTimeout=10';
    // HTTP that trickles under 1 KB/s for 20 s is given up by git itself.
    env.GIT_HTTP_LOW_SPEED_LIMIT ??= '1000';
    env.GIT_HTTP_LOW_SPEED_TIME ??= '20';
  }
  const attempt: Git['attempt'] = async (args) => {
    // Only a step on the network may stall; a local rebase or commit is never cut off halfway.
    const stall = NETWORK_VERBS.has(verbOf(args)) ? options.stallMs : undefined;
    const done = await spawnGit(dir, args, env, stall);
    if (done.problem === 'not installed') throw new UserError(GIT_MISSING);
    if (done.code === 0) return { ok: true, out: done.stdout };
    await checkVersion(dir, env);
    return { ok: false, message: gitMessage(args, done) };
  };
  return {
    dir,
    attempt,
    run: async (args) => {
      const done = await attempt(args);
      if (!done.ok) throw new GitFailed(done.message);
      return done.out;
    },
  };
}

const NETWORK_VERBS = new Set(['fetch', 'push', 'pull', 'clone', 'ls-remote']);

/** The git command of an argument list (after any -c options). */
function verbOf(args: readonly string[]): string {
  const rest = [...args];
  while (rest[0]?.startsWith('-')) rest.splice(0, rest[0] === '-c' || rest[0] === '-C' ? 2 : 1);
  return rest[0] ?? '';
}

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why git was stopped or could not start, when it was. */
  problem?: string | undefined;
}

function spawnGit(
  dir: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stallMs?: number,
): Promise<Done> {
  return new Promise((resolve) => {
    // A process group of its own: a stalled fetch is stopped with its helpers (git-remote-http, ssh),
    // which would otherwise hold the pipes open long after git itself is gone.
    const child = spawn('git', [...args], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      detached: process.platform !== 'win32',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let problem: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        code: problem ? null : code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        problem,
      });
    };
    const stop = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const watch = () => {
      if (!stallMs) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        problem = `no answer for ${Math.round(stallMs / 1000)} s`;
        stop();
        settle(null);
      }, stallMs);
    };
    watch();
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      watch();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      watch();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      problem = error.code === 'ENOENT' ? 'not installed' : error.message;
      settle(null);
    });
    child.on('close', (code) => settle(code));
  });
}

const GIT_MISSING =
  'git is not installed (or not on PATH): journey shares a data folder through git; install it (e.g. apt install git) and try again';

let versionChecked = false;

async function checkVersion(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (versionChecked) return;
  const done = await spawnGit(dir, ['--version'], env, 10_000);
  if (done.problem === 'not installed') throw new UserError(GIT_MISSING);
  const found = /git version (\d+)\.(\d+)/.exec(done.stdout);
  if (done.code !== 0 || !found) throw new GitFailed(gitMessage(['--version'], done));
  const major = Number(found[1]);
  const minor = Number(found[2]);
  if (major < GIT_AT_LEAST.major || (major === GIT_AT_LEAST.major && minor < GIT_AT_LEAST.minor)) {
    throw new UserError(
      `git ${major}.${minor} is too old: journey needs git ${GIT_AT_LEAST.major}.${GIT_AT_LEAST.minor} or newer; upgrade git and try again`,
    );
  }
  versionChecked = true;
}

/** Git's own words about a failure, a few lines at most, without its hints. */
function gitMessage(args: readonly string[], done: Done): string {
  const lines = `${done.stderr}\n${done.stdout}`
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('hint:'));
  const said = done.problem ?? (lines.slice(0, 4).join(' / ') || `exit code ${done.code}`);
  return `git ${verbOf(args)} failed: ${said}`;
}
