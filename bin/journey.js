#!/usr/bin/env node
// The `journey` command. CommonJS (bin/package.json says so): `journey --version`, which scripts call
// often, answers here without loading anything. Every other command runs dist/journey.cjs, compiled
// from the V8 code cache the build wrote beside it (scripts/cli-bundle.mjs), so Node does not parse
// and compile journey's own code on every run; a cache another Node wrote is refused by V8 and the
// bundle compiled as usual.
'use strict';

const BUNDLE = require('node:path').join(__dirname, '..', 'dist', 'journey.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

/** The bundle compiled (from `cachedData` when V8 takes it) and run: its script and its exports. */
function compileBundle(cachedData) {
  const { readFileSync } = require('node:fs');
  const { createRequire, wrap } = require('node:module');
  const { dirname } = require('node:path');
  const vm = require('node:vm');
  const script = new vm.Script(wrap(readFileSync(BUNDLE, 'utf8')), {
    filename: BUNDLE,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { script, exports: module.exports };
}

/** The code cache, unless the bundle was written after it (rebuilt by `npm run dev`, say). */
function readCache() {
  const { readFileSync, statSync } = require('node:fs');
  try {
    if (statSync(CODE_CACHE).mtimeMs < statSync(BUNDLE).mtimeMs) return undefined;
    return readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
}

function run() {
  const [flag, ...rest] = process.argv.slice(2);
  if ((flag === '--version' || flag === '-V') && rest.length === 0) {
    // A reader gone before the answer (journey --version | true) is no error.
    process.stdout.on('error', () => undefined);
    process.stdout.write(`${require('../package.json').version}\n`);
    return;
  }
  let bundle;
  try {
    bundle = compileBundle(readCache());
  } catch (error) {
    // The bundle is missing or cut short (an install that never finished): one line, no trace.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a file name shown safely
    const why = message.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
    process.stderr.write(`journey: could not load its own code (${why}); reinstall it (npm install)\n`);
    process.exitCode = 1;
    return;
  }
  let finished = false;
  // The loop ran dry while the command was still waiting on something that will never come: a bug,
  // never a success.
  process.once('beforeExit', () => {
    if (finished) return;
    process.stderr.write(
      'journey: internal error: the command stopped before it finished. This is a bug; please report it\n',
    );
    process.exitCode = 1;
  });
  bundle.exports.main().then(
    () => {
      finished = true;
    },
    (error) => {
      finished = true;
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      process.stderr.write(`journey: could not load its own code (${message}); reinstall it (npm install)\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) run();
else module.exports = { compileBundle, CODE_CACHE };
