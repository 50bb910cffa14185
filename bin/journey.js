#!/usr/bin/env node
// The `journey` command. This file is CommonJS (bin/package.json says so): `journey --version`,
// which scripts call often, answers here without starting Node's ES module loader, as fast as bare
// `node`. Every other command runs the bundle in dist/, an ES module, loaded on demand.
'use strict';

const [flag, ...rest] = process.argv.slice(2);
if ((flag === '--version' || flag === '-V') && rest.length === 0) {
  // A reader gone before the answer (journey --version | true) is no error.
  process.stdout.on('error', () => undefined);
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  let finished = false;
  // The loop ran dry while the command was still waiting on something that will never come: a bug,
  // never a success (an ES module entry would have exited 13 for it, not 0).
  process.once('beforeExit', () => {
    if (finished) return;
    process.stderr.write(
      'journey: internal error: the command stopped before it finished. This is a bug; please report it\n',
    );
    process.exitCode = 1;
  });
  import('../dist/index.js').then(
    () => {
      finished = true;
    },
    (error) => {
      finished = true;
      // dist/index.js handles every outcome of a command; what reaches here is the bundle missing or
      // cut short (an install that never finished): one line, no trace.
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a file name shown safely
      const why = message.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
      process.stderr.write(`journey: could not load its own code (${why}); reinstall it (npm install)\n`);
      process.exitCode = 1;
    },
  );
}
