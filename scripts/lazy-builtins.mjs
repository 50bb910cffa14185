// Node's built-in modules that the commands' code imports but most runs never call: crypto (content
// hashes of banks, stamps of accounts) and child_process (git, the rep's editor). An ESM import of a
// built-in loads it, and what it brings (crypto about twenty internal modules, child_process net,
// dgram and streams), before any code runs: a listing or `prep` paid for them all.
//
// Here the project's imports of them resolve to a small module whose functions require the built-in
// the first time one is called. Only functions are offered: importing anything else fails the build.
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const LAZY_BUILTINS = ['crypto', 'child_process'];
const FILTER = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
const requireBuiltin = createRequire(import.meta.url);

/** The module standing in for a built-in: one forwarding function per function it exports. */
function standIn(name) {
  const builtin = requireBuiltin(`node:${name}`);
  const functions = Object.keys(builtin).filter(
    (key) => /^[A-Za-z_$][\w$]*$/.test(key) && typeof builtin[key] === 'function',
  );
  const lines = [
    'let builtin;',
    // The bundle's banner defines require (createRequire) in every output file.
    `const load = () => (builtin ??= require('node:${name}'));`,
  ];
  for (const key of functions) {
    lines.push(
      `export function ${key}(...args) { return new.target ? new (load().${key})(...args) : load().${key}.apply(this, args); }`,
    );
    // util.promisify of execFile, exec… gives what their own promised forms give.
    if (builtin[key][promisify.custom]) {
      lines.push(
        `Object.defineProperty(${key}, Symbol.for('nodejs.util.promisify.custom'), { get: () => load().${key}[Symbol.for('nodejs.util.promisify.custom')] });`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * Who gets the stand-ins: the project's sources, and commander, which requires child_process on
 * load for subcommands that are programs of their own (journey has none) and calls only its spawn.
 * Other packages keep the built-ins themselves.
 */
const COMMANDER = /[\\/]node_modules[\\/]commander[\\/]/;
const takesStandIns = (importer) => COMMANDER.test(importer) || !/[\\/]node_modules[\\/]/.test(importer);

/** The plugin. */
export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: FILTER }, (args) => {
      // The stand-in's own require is of the built-in itself.
      if (args.namespace !== 'file' || !takesStandIns(args.importer)) return undefined;
      return { path: args.path.replace(/^node:/, ''), namespace: 'journey-lazy-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'journey-lazy-builtin' }, (args) => ({
      contents: standIn(args.path),
      loader: 'js',
    }));
  },
};
