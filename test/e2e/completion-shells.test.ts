// The completion scripts in the shells themselves: account names with spaces and punctuation
// complete in bare, "…" and '…' words, and several names sharing a start give that start, then the
// list. bash is driven directly (COMP_WORDS, COMPREPLY) and, through tmux, by real TAB presses.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, journey, tempHome } from './run.js';
import { hasTmux } from './tmux.js';

const QUICK = join(FIXTURES, 'answers', 'quick-knowledge.yaml');
const NAMES = ['Acme Labs', 'Acme, Inc.', "O'Brien & Sons", 'Dollar $ave', 'Key: Value', '株式会社トヨタ'];

let home: string;
let cleanup: () => Promise<void>;
let bin: string;
let script: string;

beforeAll(async () => {
  ({ home, cleanup } = await tempHome());
  for (const name of NAMES) {
    const r = await journey(['--home', home, 'start', name, '--quick', '--answers', QUICK]);
    expect(r.code, r.stderr).toBe(0);
  }
  // `journey` on the PATH, as the rep has it, reading this data folder.
  bin = join(home, 'bin');
  await mkdir(bin);
  await writeFile(
    join(bin, 'journey'),
    `#!/bin/sh\nexec ${sq(process.execPath)} ${sq(BIN)} --home ${sq(home)} "$@"\n`,
  );
  await chmod(join(bin, 'journey'), 0o755);
  script = join(home, 'journey.bash');
  const r = await journey(['completion', 'bash']);
  await writeFile(script, r.stdout);
});
afterAll(() => cleanup());

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const env = () => ({ PATH: `${bin}:/usr/bin:/bin`, HOME: home, LANG: 'C.UTF-8' });

/** COMPREPLY for the words after `journey` (the last one being typed), from the sourced script. */
function reply(...words: string[]): string[] {
  const all = ['journey', ...words].map(sq).join(' ');
  const out = execFileSync(
    'bash',
    [
      '--norc',
      '-c',
      `source ${sq(script)}; COMP_WORDS=(${all}); COMP_CWORD=${words.length}; _journey_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8', env: env() },
  );
  return out.split('\n').filter((l) => l !== '');
}

/** What readline puts in place of the word: the longest start all replies share. */
function inserted(replies: string[]): string {
  let shared = replies[0] ?? '';
  for (const r of replies) while (!r.startsWith(shared)) shared = shared.slice(0, -1);
  return shared;
}

describe('bash completion, driven directly', () => {
  it('several names sharing a start give that start, never half an escape', () => {
    expect(inserted(reply('prep', 'ac'))).toBe('Acme');
    expect(inserted(reply('prep', '"Acme'))).toBe('Acme');
    expect(inserted(reply('prep', "'ac"))).toBe('Acme');
    // …and the list once nothing more is shared
    expect(reply('prep', 'Acme').sort()).toEqual(['Acme Labs', 'Acme, Inc.']);
  });

  it.each([
    ['Acme\\ L', ['Acme\\ Labs']],
    ['acme,\\ i', ['Acme,\\ Inc.']],
    ['"Acme L', ['Acme Labs']],
    ["'acme, i", ['Acme, Inc.']],
    ['o', ["O\\'Brien\\ \\&\\ Sons"]],
    ['"o', ["O'Brien & Sons"]],
    ["'o", ["O'\\''Brien & Sons"]],
    ['dol', ['Dollar\\ \\$ave']],
    ['"dol', ['Dollar \\$ave']],
    ['key', ['Key\\:\\ Value']],
    ['トヨ', ['株式会社トヨタ']],
  ])('one name: %j completes as %j', (typed, expected) => {
    expect(reply('prep', typed)).toEqual(expected);
  });

  it('each completed word is the name once the shell reads it', () => {
    for (const name of NAMES) {
      const [word] = reply('prep', name.slice(0, 3) === 'Acm' ? name : name.slice(0, 3));
      const read = execFileSync('bash', ['--norc', '-c', `printf '%s' ${word}`], { encoding: 'utf8' });
      expect(read).toBe(name);
    }
  });
});

// A real bash at a real terminal: TAB as the rep presses it.
const SOCKET = `journey-complete-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
let pane: string | undefined;
afterEach(() => {
  if (pane) tmux('kill-session', '-t', pane);
  pane = undefined;
});

async function screenAfter(line: string, tabs: number, until: RegExp): Promise<string> {
  pane = `complete-${Math.random().toString(36).slice(2, 8)}`;
  const vars = Object.entries({ ...env(), TERM: 'xterm', PS1: '$ ' })
    .map(([k, v]) => `${k}=${sq(v)}`)
    .join(' ');
  tmux('new-session', '-d', '-s', pane, '-x', '120', '-y', '20', `env -i ${vars} bash --norc --noprofile`);
  tmux('send-keys', '-t', pane, '-l', `source ${sq(script)}; clear; echo ready\n`);
  await waitFor(/^ready\n\$/m);
  tmux('send-keys', '-t', pane, '-l', line);
  for (let i = 0; i < tabs; i++) {
    tmux('send-keys', '-t', pane, 'Tab');
    await new Promise((r) => setTimeout(r, 700));
  }
  return waitFor(until);
}

async function waitFor(pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', pane as string);
    if (pattern.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen was:\n${screen}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!hasTmux())('bash completion at a terminal', () => {
  it('"ac" TAB gives the shared "Acme", and TAB TAB lists both names', async () => {
    const screen = await screenAfter('journey prep ac', 3, /Acme Labs\s+Acme, Inc\./);
    expect(screen).toMatch(/^\$ journey prep Acme$/m);
  });

  it('"Acme TAB TAB lists both names, and the word stays open', async () => {
    const screen = await screenAfter('journey prep "Acme', 2, /Acme Labs\s+Acme, Inc\./);
    expect(screen).toMatch(/^\$ journey prep "Acme$/m);
  });

  it('one name completes, closing the quote it is typed in', async () => {
    const screen = await screenAfter('journey prep "Acme L', 1, /Labs/);
    expect(screen).toMatch(/^\$ journey prep "Acme Labs"$/m); // capture-pane drops the space after it
  });

  it('one name completes, escaped in a bare word', async () => {
    const screen = await screenAfter('journey prep Acme\\ L', 1, /Labs/);
    expect(screen).toMatch(/^\$ journey prep Acme\\ Labs$/m);
  });
});
