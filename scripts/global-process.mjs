// `import process from 'node:process'` (chalk, the colour detection it vendors, env-paths) as the
// global process itself. An ESM import of a built-in makes Node build the module's facade: every
// export read once, and for node:process that means each of its lazy properties (process.report and
// the modules behind it) loaded before any code runs: 4 ms for a file that only imports it. The
// default export is the very object the global names, so nothing else changes; a named import of
// node:process finds no such export here and fails the build, rather than change what it reads.
/**
 * Only for the packages every command loads: the others (the prompts' helpers, loaded for a terminal's
 * questions) keep their import, and this module stays in the chunk of the code every command shares
 * instead of a file of its own (test/e2e/bundle.test.ts counts them).
 */
const EVERY_COMMAND = /[\\/]node_modules[\\/](chalk|env-paths)[\\/]/;

export const globalProcess = {
  name: 'global-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      args.namespace === 'file' && EVERY_COMMAND.test(args.importer)
        ? { path: 'process', namespace: 'journey-global-process' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'journey-global-process' }, () => ({
      contents: 'export default globalThis.process;',
      loader: 'js',
    }));
  },
};
