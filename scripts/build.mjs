// Bundles src/index.ts into one ESM entry (plus chunks loaded when needed) for bin/journey.js.
import { rmSync } from 'node:fs';
import { build, context } from 'esbuild';
import { buildOptions } from './build-options.mjs';

if (process.argv.includes('--watch')) {
  const ctx = await context(buildOptions);
  await ctx.watch();
} else {
  // Chunk names carry content hashes: start clean so stale chunks never ship.
  rmSync('dist', { recursive: true, force: true });
  await build(buildOptions);
}
