// Bundles src/index.ts into one ESM entry (plus lazily loaded chunks) for bin/journey.js.
import { readFileSync, rmSync } from 'node:fs';
import { build, context } from 'esbuild';

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

const options = {
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

if (process.argv.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
} else {
  // Chunk names carry content hashes: start clean so stale chunks never ship.
  rmSync('dist', { recursive: true, force: true });
  await build(options);
}
