// `journey export`: notes a person wants to read (markdown) and files a script can rely on (JSON).
import { findAccount } from '../app/account-lookup.js';
import { sinceOption } from '../app/since.js';
import { ReportedFailure, UsageError } from '../errors.js';
import { accountNote } from '../export/note.js';
import type { ExportFile } from '../model/export-files.js';
import { type AccountData, loadAllAccounts } from '../store/load-account.js';
import { outputFolder } from '../store/output-target.js';
import { accountSlug } from '../store/slug.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface ExportOptions extends GlobalOptions {
  accounts: string[];
  all: boolean;
  format: 'md' | 'json';
  /** The folder to write into; `-` (or none) for stdout. */
  out?: string | undefined;
  per: 'account' | 'session' | 'deal';
  since?: string | undefined;
  force: boolean;
  quiet: boolean;
  diagram: boolean;
  stamp: boolean;
}

/**
 * Exports what can be read, and exits 1 (the documented partial failure) when any account file could
 * not be read or any note could not be written, after writing the rest.
 */
export async function exportNotes(options: ExportOptions): Promise<void> {
  sinceOption(options.since);
  if (!options.all && options.accounts.length === 0)
    throw new UsageError('name one or more accounts, or use --all');
  // Where the notes go is checked before anything is read: a bad --out fails at once.
  const dir = options.out === undefined ? undefined : await outputFolder(options.out, options.cwd, '--out');
  const home = findHome(options).dir;
  const accounts = options.all ? await everyAccount(home) : await named(home, options.accounts);
  const unread = accounts.reduce((n, a) => n + a.problems.length, 0);
  const stamp = options.stamp ? new Date() : undefined;
  const notes = [];
  for (const data of accounts) {
    if (data.sessions.length === 0) continue;
    const { name, sessions, records } = data;
    notes.push(
      accountNote({ name, slug: accountSlug(name), sessions, records, since: options.since, stamp }),
    );
  }
  const { renderFiles } = await import('../export/files.js');
  const files = renderFiles(notes, {
    format: options.format,
    per: options.per,
    diagram: options.diagram,
    stamp,
  });
  if (dir === undefined) {
    const [only] = files;
    if (files.length !== 1 || !only)
      throw new UsageError(
        `this export makes ${files.length} files: write them into a folder with --out <dir>`,
      );
    output.write(only.text);
  } else {
    await writeFiles(dir, files, options);
  }
  if (unread > 0) {
    throw new ReportedFailure(
      `${unread} file(s) in the data folder could not be read; the rest was exported`,
    );
  }
}

async function named(home: string, names: readonly string[]): Promise<AccountData[]> {
  const out: AccountData[] = [];
  for (const typed of names) out.push(await findAccount(home, typed));
  return out;
}

async function everyAccount(home: string): Promise<AccountData[]> {
  const accounts = await loadAllAccounts(home);
  for (const problem of accounts.flatMap((a) => a.problems)) output.err(`warning: ${safeText(problem)}`);
  return accounts;
}

async function writeFiles(dir: string, files: ExportFile[], options: ExportOptions): Promise<void> {
  const [{ writeExport }, { summariseExport }, { startProgress }] = await Promise.all([
    import('../store/export-dir.js'),
    import('../export/files.js'),
    import('../ui/progress.js'),
  ]);
  const progress = options.quiet ? undefined : startProgress(files.length, 'notes');
  const report = await writeExport(dir, files, options.force, progress?.update);
  progress?.done();
  const { lines, failed } = summariseExport(report, dir);
  if (!options.quiet || failed > 0) for (const line of lines) output.out(safeText(line));
  if (failed > 0) throw new ReportedFailure(`${failed} file(s) could not be written`);
}
