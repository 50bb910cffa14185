// How src/index.ts is bundled for bin/journey.js: one ESM entry, plus chunks loaded when needed.
// scripts/build.mjs builds with these; test/unit/bundle.test.ts checks which chunks a command loads.
import { readFileSync } from 'node:fs';
import { lightLazyImports } from './lazy-imports.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [zodWithoutLocales],
  define: { JOURNEY_VERSION: JSON.stringify(version) },
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
