// Bundles src/index.ts into one ESM entry (plus lazily loaded chunks) for bin/journey.js.
import { readFileSync, rmSync } from 'node:fs';
import { build, context } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
