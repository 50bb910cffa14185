// Builds dist/: the command line as one CommonJS file with its code cache and the heavy packages
// beside it (scripts/cli-bundle.mjs), and the ES module bundle the worker threads run (plus chunks).
import { rmSync } from 'node:fs';
import { build, context } from 'esbuild';
import { buildOptions } from './build-options.mjs';
import { cliOptions, vendorOptions, writeCodeCache } from './cli-bundle.mjs';

if (process.argv.includes('--watch')) {
  const contexts = await Promise.all([
    context(buildOptions),
    context(cliOptions),
    context(await vendorOptions()),
  ]);
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  // Chunk names carry content hashes: start clean so stale chunks never ship.
  rmSync('dist', { recursive: true, force: true });
  await Promise.all([build(buildOptions), build(cliOptions), build(await vendorOptions())]);
  writeCodeCache();
}
