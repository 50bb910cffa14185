// The command line as bin/journey.js runs it: journey's own code as one CommonJS file, dist/journey.cjs,
// which Node compiles from a V8 code cache written at build time (dist/journey.cjs.cache), and the
// heavy packages as CommonJS files of their own in dist/vendor/, required the first time a command needs
// one. An ES module graph cannot use a code cache in Node 20; compiling the command line's chunks was
// most of what a listing or `prep` cost beyond starting Node.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { plain } from './build-options.mjs';
import { HEAVY_PACKAGES } from './lazy-imports.mjs';

const BIN = fileURLToPath(new URL('../bin/journey.js', import.meta.url));

/** The packages that stay packages (see build-options.mjs): required from node_modules. */
const PACKAGES = ['piscina', 're2js'];

/**
 * The vendor files, by the packages each holds. The prompts and their core are one file: the
 * prompts are built on the core, and a second copy of it would be a second set of prompt state.
 */
const VENDOR = new Map([
  ['zod', ['zod']],
  ['yaml', ['yaml']],
  ['js-yaml', ['js-yaml']],
  ['cel-js', ['@marcbachmann/cel-js']],
  ['inquirer', ['@inquirer/core', '@inquirer/prompts']],
  ['chrono-node', ['chrono-node']],
  ['string-width', ['string-width']],
  ['ical-generator', ['ical-generator']],
]);
const fileOf = new Map([...VENDOR].flatMap(([file, names]) => names.map((name) => [name, file])));

const missing = HEAVY_PACKAGES.filter((name) => !PACKAGES.includes(name) && !fileOf.has(name));
if (missing.length > 0) throw new Error(`scripts/cli-bundle.mjs: no vendor file for ${missing.join(', ')}`);

/** Each vendor file's module: everything its packages export, a default too. */
async function vendorSources() {
  const sources = new Map();
  for (const [file, names] of VENDOR) {
    const lines = [];
    for (const name of names) {
      lines.push(`export * from '${name}';`);
      if ('default' in (await import(name))) lines.push(`export { default } from '${name}';`);
    }
    sources.set(file, lines.join('\n'));
  }
  return sources;
}

const vendorModules = (sources) => ({
  name: 'vendor-modules',
  setup(build) {
    build.onResolve({ filter: /^journey-vendor:/ }, (args) => ({
      path: args.path.slice(15),
      namespace: 'journey-vendor',
    }));
    build.onLoad({ filter: /.*/, namespace: 'journey-vendor' }, (args) => ({
      contents: sources.get(args.path),
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
});

/**
 * In journey's own code, a heavy package is its file in dist/vendor/, through a module that
 * re-exports it: from there, the file's `default` is the package's default export (journey's own
 * modules, ES modules of a "type": "module" package, would take a CommonJS file whole as its default).
 */
const heavyFromVendor = {
  name: 'heavy-from-vendor',
  setup(build) {
    const names = [...fileOf.keys()].map((n) => n.replace(/[/.]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
      path: fileOf.get(args.path),
      namespace: 'journey-vendor-file',
    }));
    build.onLoad({ filter: /.*/, namespace: 'journey-vendor-file' }, (args) => ({
      contents: `export * from './vendor/${args.path}.cjs';\nexport { default } from './vendor/${args.path}.cjs';`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/vendor\//, namespace: 'journey-vendor-file' }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

export async function vendorOptions() {
  const sources = await vendorSources();
  return {
    ...plain,
    entryPoints: Object.fromEntries(
      [...sources.keys()].map((file) => [`vendor/${file}`, `journey-vendor:${file}`]),
    ),
    format: 'cjs',
    splitting: false,
    outExtension: { '.js': '.cjs' },
    sourcemap: false,
    banner: undefined,
    define: { ...plain.define, 'import.meta.url': '__journeyUrl' },
    plugins: [...plain.plugins, vendorModules(sources)],
  };
}

export const cliOptions = {
  entryPoints: { journey: 'src/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: PACKAGES,
  // A lazy import of a package is a require in a promise: the bundle runs as a vm.Script
  // (bin/journey.js), where import() would need Node's experimental loader hook.
  supported: { 'dynamic-import': false },
  plugins: [heavyFromVendor, ...plain.plugins],
  define: { ...plain.define, 'import.meta.url': '__journeyUrl' },
  banner: { js: "const __journeyUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/**
 * Writes dist/journey.cjs.cache: V8's code for the bundle as compiled by a run of `journey --help`
 * (its top level, the command line's definitions), in a Node of its own, the one that builds.
 */
export function writeCodeCache() {
  const run = `
    const { writeFileSync } = require('node:fs');
    const { compileBundle, CODE_CACHE } = require(${JSON.stringify(BIN)});
    const bundle = compileBundle(undefined);
    process.argv = [process.argv[0], 'journey', '--help'];
    process.on('exit', () => writeFileSync(CODE_CACHE, bundle.script.createCachedData()));
    bundle.exports.main();
  `;
  execFileSync(process.execPath, ['-e', run], { stdio: 'ignore' });
}
