// An install cut short (a file of dist/ gone, or dist/ never built): journey says so in one line and
// how to mend it, with no stack trace, and `--version` still answers (bin/journey.js alone answers it).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'journey-broken-'));
  for (const name of ['bin', 'dist', 'package.json'])
    cpSync(join(ROOT, name), join(copy, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  rmSync(join(copy, 'dist/vendor/js-yaml.cjs'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(copy, 'bin/journey.js'), ...args], { encoding: 'utf8' });

describe('a broken install', () => {
  it('says in one line that journey could not load its own code, and to reinstall', () => {
    // Checking a bank reads YAML: the first thing that needs the file gone.
    const result = run(
      'bank',
      'lint',
      join(ROOT, 'question-banks/knowledge.yaml'),
      '--home',
      join(copy, 'home'),
    );
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^journey: could not load its own code \(.*vendor\/js-yaml\.cjs.*\); reinstall it \(npm install\)$/,
    );
  });

  it('runs what does not need the file gone', () => {
    expect(run('accounts', '--home', join(copy, 'home')).status).toBe(0);
  });

  it('says in one line when the command line itself is cut short', () => {
    const cut = mkdtempSync(join(tmpdir(), 'journey-cut-'));
    try {
      for (const name of ['bin', 'dist', 'package.json'])
        cpSync(join(copy, name), join(cut, name), { recursive: true });
      const bundle = join(cut, 'dist/journey.cjs');
      writeFileSync(bundle, readFileSync(bundle, 'utf8').slice(0, 5000));
      const result = spawnSync(process.execPath, [join(cut, 'bin/journey.js'), 'accounts'], {
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^journey: could not load its own code \(.*\); reinstall it \(npm install\)\n$/,
      );
    } finally {
      rmSync(cut, { recursive: true, force: true });
    }
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
    bare = mkdtempSync(join(tmpdir(), 'journey-unbuilt-'));
    for (const name of ['bin', 'package.json'])
      cpSync(join(ROOT, name), join(bare, name), { recursive: true });
  });
  afterAll(() => rmSync(bare, { recursive: true, force: true }));
  const runBare = (...args: string[]) =>
    spawnSync(process.execPath, [join(bare, 'bin/journey.js'), ...args], { encoding: 'utf8' });

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
      /^journey: could not load its own code \(.*dist.*journey\.cjs.*\); reinstall it \(npm install\)$/,
    );
    expect(result.stdout).toBe('');
  });
});

describe('a bundle whose command stops before it finishes (a bug)', () => {
  let hung: string;
  beforeAll(() => {
    hung = mkdtempSync(join(tmpdir(), 'journey-hung-'));
    for (const name of ['bin', 'package.json'])
      cpSync(join(ROOT, name), join(hung, name), { recursive: true });
    mkdirSync(join(hung, 'dist'));
    // Waits on what never comes, and nothing keeps Node running: the loop runs dry.
    writeFileSync(join(hung, 'dist/journey.cjs'), 'exports.main = () => new Promise(() => {});\n');
  });
  afterAll(() => rmSync(hung, { recursive: true, force: true }));

  it('exits 1 with one line, never 0 as if it had succeeded', () => {
    const result = spawnSync(process.execPath, [join(hung, 'bin/journey.js'), 'accounts'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'journey: internal error: the command stopped before it finished. This is a bug; please report it\n',
    );
  });
});
