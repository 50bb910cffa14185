// Drives the built binary in a real pseudo-terminal through tmux: type keys, read the screen.
import { execFileSync } from 'node:child_process';
import { BIN, FIXTURES } from './run.js';

/**
 * Whether the real-terminal tests can run. Locally they are skipped without tmux; in CI a skip
 * would hide that they never ran, so a missing tmux fails the suite instead.
 */
export function hasTmux(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    if (isCI(env)) throw new Error('tmux is required in CI: .ci/run installs it');
    return false;
  }
}

/** CI=true (GitHub Actions, GitLab, most others), or CI=1; CI=false or CI=0 is a local run. */
function isCI(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

// A tmux server of our own (-L): test runs side by side never share one, so one run's last session
// ending cannot take the server down under another's.
const SOCKET = `journey-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

export class Terminal {
  private constructor(readonly name: string) {}

  /** Starts `journey <args>` in a new tmux session; the shell reports the exit code when it ends. */
  static open(
    args: string[],
    env: Record<string, string> = {},
    size: { width?: number; height?: number } = {},
  ): Terminal {
    const name = `journey-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const vars = Object.entries({ NO_COLOR: '1', JOURNEY_HOME: '', EDITOR: 'false', ...env })
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' ');
    const command = `cd ${quote(FIXTURES)} && env ${vars} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo "[exit $?]"; sleep 60`;
    const start = () =>
      tmux(
        'new-session',
        '-d',
        '-s',
        name,
        '-x',
        String(size.width ?? 120),
        '-y',
        String(size.height ?? 50),
        command,
      );
    // A test that closed its last session leaves the server shutting down for a moment: a session
    // opened right then meets "server exited unexpectedly", and a second try starts a new server.
    for (let attempt = 1; ; attempt++) {
      try {
        start();
        break;
      } catch (error) {
        if (attempt >= 5 || !/server exited unexpectedly|no server running|lost server/.test(String(error)))
          throw error;
        execFileSync('sleep', ['0.2']);
      }
    }
    return new Terminal(name);
  }

  screen(): string {
    return tmux('capture-pane', '-p', '-t', this.name, '-S', '-200');
  }

  /** The screen with its colour escapes. */
  screenWithColour(): string {
    return tmux('capture-pane', '-p', '-e', '-t', this.name, '-S', '-200');
  }

  /** Types text literally, then presses each named key (Enter, Down, C-c…). */
  type(text: string, ...keys: string[]): void {
    if (text) tmux('send-keys', '-t', this.name, '-l', text);
    for (const key of keys) tmux('send-keys', '-t', this.name, key);
  }

  press(...keys: string[]): void {
    this.type('', ...keys);
  }

  async waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen was:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The pid of the journey process running in the pane (the child of the pane's shell). */
  journeyPid(): number {
    const shell = tmux('list-panes', '-t', this.name, '-F', '#{pane_pid}').trim();
    const child = execFileSync('pgrep', ['-P', shell, '-f', 'journey.js'], { encoding: 'utf8' })
      .trim()
      .split('\n')[0];
    return Number(child);
  }

  close(): void {
    try {
      tmux('kill-session', '-t', this.name);
    } catch {
      // already gone
    }
  }
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
