// The built bundle's shape: which files a command loads before it runs (each is a file Node opens,
// reads and compiles), and that none of them holds a package commands load only when they need it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = resolve(import.meta.dirname, '../../dist');
const HEAVY = [
  'zod',
  'yaml',
  'js-yaml',
  '@marcbachmann/cel-js',
  're2js',
  '@inquirer',
  'chrono-node',
  'string-width',
];

/** The chunks a file imports statically, as paths under dist/. */
function staticImports(file: string): string[] {
  const text = readFileSync(join(DIST, file), 'utf8');
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const specs = [...text.matchAll(/^import\s*(?:[^;]*?\sfrom\s*)?"(\.\/[^"]+)";/gm)].map((m) => m[1] ?? '');
  return specs.map((spec) => `${dir}${spec.slice(2)}`);
}

/** A file and every chunk it loads before its own code runs. */
function closure(file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const next of staticImports(f)) visit(next);
  };
  visit(file);
  return [...seen];
}

/** The packages whose code a set of files holds (esbuild marks each module with a path comment). */
function packagesIn(files: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(DIST, file), 'utf8');
    for (const m of text.matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm))
      packages.add(m[1] ?? '');
  }
  return packages;
}

const cliChunk = () => {
  const name = readdirSync(join(DIST, 'chunks')).find((f) => /^cli-[\w-]+\.js$/.test(f));
  if (!name) throw new Error('no cli chunk in dist/chunks');
  return `chunks/${name}`;
};

describe('the bundle', () => {
  it('loads the command line from the entry file on demand, so a missing chunk is a one-line error', () => {
    expect(closure('index.js')).toEqual(['index.js']);
  });

  it('loads the command line and the commands in a few files, without a heavy package', () => {
    const files = closure(cliChunk());
    // The entry chunk, the chunk of the code every command shares, the errors (which the heavy
    // chunks throw too), esbuild's helpers: with index.js, five files before a command runs.
    expect(files.length).toBeLessThanOrEqual(4);
    const packages = packagesIn(files);
    expect(packages).toContain('commander');
    for (const heavy of HEAVY) expect([...packages].filter((p) => p.startsWith(heavy))).toEqual([]);
    const text = files.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    for (const command of ['prep', 'accounts', 'sync', 'due']) {
      expect(text).toContain(`// src/commands/${command}.ts`);
    }
  });

  it('runs start from banks checked before without the fast YAML reader or zod', () => {
    const name = readdirSync(join(DIST, 'chunks')).find((f) => /^start-[\w-]+\.js$/.test(f));
    if (!name) throw new Error('no start chunk in dist/chunks');
    // js-yaml loads for a bank or an answers file read as YAML; zod only to word a problem.
    const packages = [...packagesIn(closure(`chunks/${name}`))];
    expect(packages.filter((p) => p === 'js-yaml' || p === 'zod')).toEqual([]);
    expect(packages).toContain('@marcbachmann/cel-js');
  });

  it('loads crypto and child_process only when a command calls them', () => {
    const text = closure(cliChunk())
      .map((f) => readFileSync(join(DIST, f), 'utf8'))
      .join('\n');
    for (const builtin of ['crypto', 'child_process']) {
      // No import of the built-in, and no require of it but the stand-in's, run the first time it is called.
      expect(text).not.toMatch(new RegExp(`^import[^;]*"(node:)?${builtin}";`, 'm'));
      const requires = [...text.matchAll(new RegExp(`(.*)require\\("(node:)?${builtin}"\\)`, 'g'))];
      expect(requires.length).toBeGreaterThan(0);
      for (const [, before] of requires) expect(before).toMatch(/\?\?= ?(__)?$/);
    }
  });

  it('takes node:process as the global in what every command loads (an import loads its every lazy part)', () => {
    for (const file of ['index.js', ...closure(cliChunk())]) {
      expect(readFileSync(join(DIST, file), 'utf8')).not.toMatch(/^import[^;]*"(node:)?process";/m);
    }
  });

  it('sets up the condition engine only when a condition is first parsed, not as its chunk loads', () => {
    const chunks = readdirSync(join(DIST, 'chunks')).filter((f) => f.endsWith('.js'));
    const withCel = chunks.filter((f) =>
      readFileSync(join(DIST, 'chunks', f), 'utf8').includes(
        '// node_modules/@marcbachmann/cel-js/lib/index.js',
      ),
    );
    expect(withCel).toHaveLength(1);
    const text = readFileSync(join(DIST, 'chunks', withCel[0] ?? ''), 'utf8');
    // esbuild wraps a module that is required in a function run on the first require.
    expect(text).toContain('"node_modules/@marcbachmann/cel-js/lib/index.js"() {');
    expect(text).toContain('"node_modules/@marcbachmann/cel-js/lib/registry.js"() {');
  });

  it('sets up the position-keeping YAML parser only when a file needs it, not as its chunk loads', () => {
    const chunks = readdirSync(join(DIST, 'chunks')).filter((f) => f.endsWith('.js'));
    const texts = chunks.map((f) => readFileSync(join(DIST, 'chunks', f), 'utf8'));
    const entry = /^var (require_\w+) = __commonJS\(\{\n\s*"node_modules\/yaml\/dist\/index\.js"/m;
    const name = texts.map((t) => entry.exec(t)?.[1]).find((n) => n !== undefined);
    expect(name).toBeDefined();
    const calls = texts.flatMap((t) => [...t.matchAll(new RegExp(`^(.*)\\b${name}\\(\\)`, 'gm'))]);
    expect(calls.length).toBeGreaterThan(0);
    // Called inside a function (indented), never at a module's top level.
    for (const [, before] of calls) expect(before).toMatch(/^\s+/);
  });
});
