// The entry point: runs the command line and turns every outcome into output and an exit code.
// The only try/catch around a whole command, and the only process.exit.
// bin/journey.js answers `journey --version` itself and imports this file for every other command.

// The command line, with what the outcomes of a run are said with: one file to load, not three. A
// file of dist/ gone rejects this import, and bin/journey.js says so in one line.
const cli = await import('./cli.js');
const { Cancelled, EXIT, ReportedFailure, UsageError, UserError, safeText } = cli;

/** File-system failures are the machine's trouble, not a bug: say what to do about them. */
const FILE_SYSTEM_TROUBLE: Record<string, string> = {
  ENOSPC: 'the disk is full: free some space and try again (nothing half-written was kept)',
  EDQUOT: 'the disk quota is used up: free some space and try again',
  EACCES: "permission denied: check the folder's permissions or choose another with --home",
  EPERM: "operation not permitted: check the folder's permissions or choose another with --home",
  EROFS: 'the file system is read-only: choose another data folder with --home',
  ENOTDIR: 'a file is in the way where a folder should be: check the data folder',
  EISDIR: 'a folder is in the way where a file should be: move it away and try again',
};

const debug = process.argv.includes('--debug');

/** Messages embed what the rep typed and what files hold: shown safely, like every other output. */
function fail(code: number, lines: string[]): never {
  for (const line of lines) process.stderr.write(`${safeText(line, { multiline: true })}\n`);
  process.exit(code);
}

// A reader that went away (journey accounts | head) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
});

try {
  await cli.run(process.argv);
} catch (error) {
  const commanderCode = (error as { code?: unknown } | undefined)?.code;
  if (typeof commanderCode === 'string' && commanderCode.startsWith('commander.')) {
    // commander has already printed its message (or the help, or the version).
    const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(commanderCode);
    process.exit(ok ? EXIT.ok : EXIT.usage);
  }
  if (error instanceof ReportedFailure) process.exit(EXIT.failure);
  if (error instanceof UsageError) fail(EXIT.usage, [`journey: ${error.message}`]);
  if (error instanceof UserError) fail(EXIT.failure, [`journey: ${error.message}`, ...error.details]);
  if (error instanceof Cancelled) fail(EXIT.cancelled, [error.message]);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && code in FILE_SYSTEM_TROUBLE) {
    // A rename names its target as `dest`: the place being written, where `path` is a temporary file.
    const { path, dest } = error as NodeJS.ErrnoException & { dest?: string };
    const where = dest ?? path;
    fail(EXIT.failure, [`journey: ${where ? `${where}: ` : ''}${FILE_SYSTEM_TROUBLE[code]}`]);
  }
  const e = error instanceof Error ? error : new Error(String(error));
  const why = (e as NodeJS.ErrnoException).code ? ` (${(e as NodeJS.ErrnoException).code})` : '';
  fail(EXIT.failure, [
    `journey: internal error: ${e.message}${why}. This is a bug; please report it${debug ? ':' : ' (run with --debug for details).'}`,
    ...(debug && e.stack ? [e.stack] : []),
  ]);
}
