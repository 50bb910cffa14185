// Which of the sources' lazy imports (`await import('./x.js')`) stay lazy in the bundle. esbuild
// splits the code at every lazy import, by which of them reach each piece, and Node loads every
// piece as a file of its own (about half a millisecond each): `journey prep` used to load sixty.
//
// Here a lazy import of a light module (one that brings no heavy package) is bundled as a plain
// import, so all of the commands' own code is one chunk; the heavy packages, and whatever imports
// them, stay behind their lazy imports. Each module that stays lazy re-exports the command line's
// entry function: esbuild then sees every one of them reach all the light code, and keeps that code
// in the one chunk they share instead of a chunk for every combination of them that uses a piece.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

/** The packages a command loads only when it needs them (ARCHITECTURE.md, "Lazy heavy imports"). */
const HEAVY_PACKAGES = [
  'yaml',
  'js-yaml',
  'zod',
  '@marcbachmann/cel-js',
  're2js',
  '@inquirer/core',
  '@inquirer/prompts',
  'chrono-node',
  'string-width',
  'ical-generator',
];

const HEAVY = new RegExp(`(^|/)node_modules/(${HEAVY_PACKAGES.join('|')})/`);
const STATIC = new Set(['import-statement', 'require-call']);

/**
 * The modules that bring something heavy, and every lazy import, from esbuild's map of the sources
 * (a build that writes nothing). A module is heavy when it is in a heavy package or imports (not
 * lazily) a heavy module.
 */
async function moduleMap(options) {
  const { metafile } = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  const heavy = new Map();
  const isHeavy = (path) => {
    const known = heavy.get(path);
    if (known !== undefined) return known;
    heavy.set(path, HEAVY.test(path)); // what a cycle back to this module reads until it is settled
    const imports = metafile.inputs[path]?.imports ?? [];
    const result =
      HEAVY.test(path) || imports.some((i) => STATIC.has(i.kind) && !i.external && isHeavy(i.path));
    heavy.set(path, result);
    return result;
  };
  for (const path of Object.keys(metafile.inputs)) isHeavy(path);
  const lazy = Object.entries(metafile.inputs).flatMap(([importer, input]) =>
    input.imports.filter((i) => i.kind === 'dynamic-import' && !i.external).map((i) => [importer, i.path]),
  );
  return { heavy, lazy };
}

/** `import('./…')` in code, not `typeof import('…')` in a type. */
const LAZY_IMPORT = /(?<!typeof\s*)\bimport\((['"])(\.[^'"]+)\1\)/g;

const projectPath = (path) => relative(process.cwd(), path).split(sep).join('/');

/**
 * The plugin. `keepLazy(importer, target)` names lazy imports of light modules that stay lazy all the
 * same (paths from the project's folder); `shared` is the entry function every lazy module re-exports.
 * A module it has not classified (a new one in watch mode) stays lazy.
 */
export function lightLazyImports(options, { keepLazy, shared }) {
  return {
    name: 'light-lazy-imports',
    async setup(build) {
      const { heavy, lazy } = await moduleMap(options);
      const staysLazy = (importer, target) => heavy.get(target) !== false || keepLazy(importer, target);
      const lazyModules = new Set(lazy.filter(([i, t]) => staysLazy(i, t)).map(([, target]) => target));
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const importer = projectPath(args.path);
        const hoisted = [];
        if (lazyModules.has(importer) && importer !== shared.module) {
          const cli = relative(dirname(args.path), shared.module).split(sep).join('/');
          hoisted.push(
            `export { ${shared.name} as __journeyShared } from './${cli.replace(/\.ts$/, '.js')}';`,
          );
        }
        const contents = source.replace(LAZY_IMPORT, (call, quote, spec) => {
          const target = projectPath(resolve(dirname(args.path), spec.replace(/\.js$/, '.ts')));
          if (staysLazy(importer, target)) return call;
          const name = `__journeyLight${hoisted.length}`;
          hoisted.push(`import * as ${name} from ${quote}${spec}${quote};`);
          return `Promise.resolve(${name})`;
        });
        // On the first line, so the source map's lines stay the file's own.
        return { contents: hoisted.length ? `${hoisted.join(' ')} ${contents}` : contents, loader: 'ts' };
      });
    },
  };
}
