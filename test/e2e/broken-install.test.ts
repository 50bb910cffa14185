// An install cut short (a file of dist/ gone, or dist/ never built): journey says so in one line and
// how to mend it, with no stack trace, and `--version` still answers (bin/journey.js alone answers it).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** A copy of these parts of the install in a folder of its own. */
function installCopy(prefix: string, parts: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const name of parts) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  return dir;
}

/** journey as installed in `dir`. */
const runIn = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'bin/journey.js'), ...args], { encoding: 'utf8' });

let copy: string;

beforeAll(() => {
  copy = installCopy('journey-broken-', ['bin', 'dist', 'package.json']);
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const cli = readdirSync(join(copy, 'dist/chunks')).find((f) => /^cli-[\w-]+\.js$/.test(f));
  if (!cli) throw new Error('no cli chunk in dist/chunks');
  rmSync(join(copy, 'dist/chunks', cli));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const run = (...args: string[]) => runIn(copy, ...args);

describe('a broken install', () => {
  it('says in one line that journey could not load its own code, and to reinstall', () => {
    const result = run('accounts', '--home', join(copy, 'home'));
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^journey: could not load its own code \(.*cli-.*\); reinstall it \(npm install\)$/,
    );
  });

  it('still answers --version', () => {
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('an install whose bundle was never built', () => {
  let bare: string;
  beforeAll(() => {
    bare = installCopy('journey-unbuilt-', ['bin', 'package.json']);
  });
  afterAll(() => rmSync(bare, { recursive: true, force: true }));
  const runBare = (...args: string[]) => runIn(bare, ...args);

  it('answers --version with the version of package.json', () => {
    const result = runBare('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('says in one line that journey could not load its own code, and to reinstall', () => {
    const result = runBare('accounts', '--home', join(bare, 'home'));
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^journey: could not load its own code \(.*dist.*index\.js.*\); reinstall it \(npm install\)$/,
    );
    expect(result.stdout).toBe('');
  });
});

describe('a bundle whose command stops before it finishes (a bug)', () => {
  let hung: string;
  beforeAll(() => {
    hung = installCopy('journey-hung-', ['bin', 'package.json']);
    mkdirSync(join(hung, 'dist'));
    // Waits on what never comes, and nothing keeps Node running: the loop runs dry.
    writeFileSync(join(hung, 'dist/index.js'), 'await new Promise(() => {});\n');
  });
  afterAll(() => rmSync(hung, { recursive: true, force: true }));

  it('exits 1 with one line, never 0 as if it had succeeded', () => {
    const result = runIn(hung, 'accounts');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'journey: internal error: the command stopped before it finished. This is a bug; please report it\n',
    );
  });
});
