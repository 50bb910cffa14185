// The built command line's shape (scripts/cli-bundle.mjs): journey's own code is one CommonJS file,
// dist/journey.cjs, compiled from a V8 code cache this Node takes; the heavy packages are files of
// dist/vendor/ it requires only inside the functions that need them, so a listing or `prep` never
// loads one; and the built-ins most runs never call load the first time they are called.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES } from './run.js';

const DIST = resolve(import.meta.dirname, '../../dist');
const BUNDLE = join(DIST, 'journey.cjs');
/** The heavy packages, by their file in dist/vendor/ (the prompts and their core are one). */
const VENDOR: Record<string, string[]> = {
  zod: ['zod'],
  yaml: ['yaml'],
  'js-yaml': ['js-yaml'],
  'cel-js': ['@marcbachmann/cel-js'],
  inquirer: ['@inquirer/core', '@inquirer/prompts'],
  'chrono-node': ['chrono-node'],
  'string-width': ['string-width'],
  'ical-generator': ['ical-generator'],
};
const vendorFile = (file: string) => `./vendor/${file}.cjs`;

/** The packages whose code a file holds (esbuild marks each module with a path comment). */
function packagesIn(text: string): Set<string> {
  const packages = new Set<string>();
  for (const m of text.matchAll(/^\s*\/\/ (?:\S*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm))
    packages.add(m[1] ?? '');
  return packages;
}

const bundle = () => readFileSync(BUNDLE, 'utf8');

describe('the command line bundle', () => {
  it('holds the command line and every command, and no heavy package', () => {
    const text = bundle();
    const packages = packagesIn(text);
    expect(packages).toContain('commander');
    for (const heavy of [...Object.values(VENDOR).flat(), 're2js']) expect(packages).not.toContain(heavy);
    for (const command of ['prep', 'accounts', 'sync', 'due', 'start', 'export']) {
      expect(text).toContain(`// src/commands/${command}.ts`);
    }
  });

  it('requires each heavy package from dist/vendor/ inside a function, never as it loads', () => {
    const text = bundle();
    for (const name of Object.keys(VENDOR)) {
      const file = vendorFile(name);
      expect(existsSync(join(DIST, file))).toBe(true);
      const requires = [
        ...text.matchAll(new RegExp(`^(.*)require\\("${file.replace(/\./g, '\\.')}"\\)`, 'gm')),
      ];
      expect(requires.length, name).toBeGreaterThan(0);
      // Indented: in a function or a module's lazy set-up, never at the bundle's top level.
      for (const [, before] of requires) expect(before, name).toMatch(/^\s+/);
    }
  });

  it('is compiled from a code cache that this Node takes', () => {
    const { compileBundle, CODE_CACHE } = createRequire(import.meta.url)(BIN) as {
      compileBundle: (cache: Buffer | undefined) => { script: { cachedDataRejected?: boolean } };
      CODE_CACHE: string;
    };
    expect(compileBundle(readFileSync(CODE_CACHE)).script.cachedDataRejected).toBe(false);
  });

  it('loads crypto and child_process only when a command calls them', () => {
    const text = bundle();
    for (const builtin of ['crypto', 'child_process']) {
      // No require of the built-in but the stand-in's, run the first time it is called.
      const requires = [...text.matchAll(new RegExp(`(.*)require\\(["'](node:)?${builtin}["']\\)`, 'g'))];
      expect(requires.length).toBeGreaterThan(0);
      for (const [, before] of requires) expect(before).toMatch(/\?\?= ?(__)?$/);
    }
  });

  it('holds each heavy package in its file of dist/vendor/, the prompts and their core in one', () => {
    for (const [file, names] of Object.entries(VENDOR)) {
      // A package of nothing but re-exports leaves no mark of its own: one of them does.
      const packages = packagesIn(readFileSync(join(DIST, vendorFile(file)), 'utf8'));
      expect(
        names.some((name) => packages.has(name)),
        file,
      ).toBe(true);
    }
    // One copy of the prompts' core, so one set of prompt state.
    const withCore = Object.keys(VENDOR).filter((f) =>
      packagesIn(readFileSync(join(DIST, vendorFile(f)), 'utf8')).has('@inquirer/core'),
    );
    expect(withCore).toEqual(['inquirer']);
  });
});

describe('what a run loads', () => {
  let home: string;
  let hook: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'journey-loads-'));
    hook = join(home, 'hook.cjs');
    // Records each file of dist/vendor/ the run requires.
    writeFileSync(
      hook,
      `const Module = require('node:module');
       const load = Module._load;
       Module._load = function (request, ...rest) {
         if (request.startsWith('./vendor/')) require('node:fs').appendFileSync(process.env.LOADED, request + '\\n');
         return load.call(this, request, ...rest);
       };`,
    );
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const loaded = (...args: string[]): string[] => {
    const log = join(home, `loaded-${Math.random().toString(36).slice(2)}`);
    writeFileSync(log, '');
    const r = spawnSync(process.execPath, ['--require', hook, BIN, '--home', join(home, 'data'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, LOADED: log, NO_COLOR: '1', JOURNEY_HOME: '' },
    });
    expect(r.status, r.stderr).toBe(0);
    return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort();
  };

  /** The Knowledge answers of the fixtures, as JSON: a YAML answers file needs the YAML reader. */
  const jsonAnswers = () => {
    const answers = join(home, 'answers.json');
    writeFileSync(
      answers,
      JSON.stringify(load(readFileSync(join(FIXTURES, 'answers/knowledge.yaml'), 'utf8'))),
    );
    return answers;
  };

  it('a listing and prep with their caches warm load no heavy package', () => {
    loaded('start', 'Acme', '--loop', 'knowledge', '--answers', jsonAnswers());
    loaded('accounts');
    expect(loaded('accounts')).toEqual([]);
    loaded('prep', 'Acme');
    expect(loaded('prep', 'Acme')).toEqual([]);
  });

  it('start --answers loads the condition engine, and no prompt library or calendar', () => {
    const answers = jsonAnswers();
    loaded('start', 'Globex', '--loop', 'knowledge', '--answers', answers);
    const second = loaded('start', 'Initech', '--loop', 'knowledge', '--answers', answers);
    expect(second).toContain(vendorFile('cel-js'));
    expect(second).not.toContain(vendorFile('inquirer'));
    expect(second).not.toContain(vendorFile('ical-generator'));
  });
});
