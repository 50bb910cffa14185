// How src/index.ts is bundled for bin/journey.js: one ESM entry, plus chunks loaded when needed.
// scripts/build.mjs builds with these; test/unit/bundle.test.ts checks which chunks a command loads.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globalProcess } from './global-process.mjs';
import { lazyBuiltins } from './lazy-builtins.mjs';
import { lightLazyImports } from './lazy-imports.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Which build this is: a hash of the version, the locked versions of every package (an upgraded
 * condition language may refuse what the old one took) and every source file. Caches of work that
 * depends on the code itself (banks checked in full: store/checked-banks.ts) are kept per build.
 */
function buildId() {
  const src = new URL('../src/', import.meta.url).pathname;
  const hash = createHash('sha256')
    .update(version)
    .update(readFileSync(new URL('../package-lock.json', import.meta.url)));
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(`\0${file.slice(src.length)}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * zod re-exports its 60-odd translations of its messages (`z.locales`, `z.core.locales`); journey
 * words every message itself and uses English only (which zod imports on its own), so the
 * translations, three quarters of zod's bundle, are left out: every command that validates loads less.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'journey-empty' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'journey-empty' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

const plain = {
  // The command line, and what its worker threads run (store/thread-pool.ts).
  entryPoints: { index: 'src/index.ts', 'pool-worker': 'src/pool-worker.ts' },
  // piscina starts its threads on a file of its own, found beside its code: it stays a package.
  // re2js (300 KB, CEL's `matches` with a pattern beyond the plain ones) is required only when a
  // pattern needs it, but bundled it sat in the conditions' chunk, which every run that evaluates a
  // condition compiles: it stays a package too, read from node_modules the first time it is needed.
  external: ['piscina', 're2js'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [zodWithoutLocales, lazyBuiltins, globalProcess],
  define: { JOURNEY_VERSION: JSON.stringify(version), JOURNEY_BUILD: JSON.stringify(buildId()) },
  // Some bundled CommonJS dependencies call require(); ESM output needs one.
  banner: {
    js: "import { createRequire as __journeyCreateRequire } from 'node:module'; const require = __journeyCreateRequire(import.meta.url);",
  },
};

/**
 * The options, for a build run from the project's folder. index.ts's own lazy imports stay lazy, so
 * `journey --version` loads that one file; every lazy import of a heavy module stays lazy too.
 */
export const buildOptions = {
  ...plain,
  plugins: [
    ...plain.plugins,
    lightLazyImports(plain, {
      keepLazy: (importer) => importer === 'src/index.ts',
      shared: { module: 'src/cli.ts', name: 'run' },
    }),
  ],
};
