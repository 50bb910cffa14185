// `journey export`: notes a person wants to read (markdown) and files a script can rely on (JSON).
import { findAccount } from '../app/account-lookup.js';
import type { ExportSink } from '../app/export-accounts.js';
import type { AccountRendering } from '../app/export-worker.js';
import { sinceOption } from '../app/since.js';
import { ReportedFailure, UsageError } from '../errors.js';
import type { ExportWriter } from '../store/export-dir.js';
import type { AccountData } from '../store/load-account.js';
import { outputFolder } from '../store/output-target.js';
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
 * Exports what can be read, account by account (a few accounts' sessions in memory at a time), and
 * exits 1 (the documented partial failure) when any account file could not be read or any note could
 * not be written, after writing the rest. An account unchanged since the last export into the same
 * folder with the same options is neither read nor written again.
 */
export async function exportNotes(options: ExportOptions): Promise<void> {
  sinceOption(options.since);
  if (!options.all && options.accounts.length === 0)
    throw new UsageError('name one or more accounts, or use --all');
  // Where the notes go is checked before anything is read: a bad --out fails at once.
  const dir = options.out === undefined ? undefined : await outputFolder(options.out, options.cwd, '--out');
  const home = findHome(options).dir;
  const stamp = options.stamp ? new Date() : undefined;
  const rendering: AccountRendering = {
    format: options.format,
    per: options.per,
    diagram: options.diagram,
    stamp,
    since: options.since,
  };
  const named = options.all ? [] : await namedAccounts(home, options.accounts);
  const sink: ExportSink = { count: 0, unread: 0, skipped: 0 };
  if (dir !== undefined) {
    const { openExport } = await import('../store/export-dir.js');
    sink.writer = await openExport(dir, options.force);
    if (options.all && !stamp) {
      const { exportMemo } = await import('../store/export-memo.js');
      sink.memo = exportMemo(home, dir, memoKey(options));
    }
  }
  const { exportAll, exportNamed } = await import('../app/export-accounts.js');
  try {
    if (options.all) await exportAll(home, sink, rendering, options.quiet);
    else await exportNamed(named, sink, rendering);
    if (sink.writer && dir !== undefined) await report(dir, sink.writer, options);
    await sink.memo?.finished();
  } finally {
    await sink.memo?.save();
    await sink.writer?.release();
  }
  if (dir === undefined) {
    if (sink.count !== 1 || !sink.first)
      throw new UsageError(
        `this export makes ${sink.count} files: write them into a folder with --out <dir>`,
      );
    output.write(sink.first.text);
  }
  const missed = [
    ...(sink.unread > 0 ? [`${sink.unread} file(s) in the data folder could not be read`] : []),
    ...(sink.skipped > 0
      ? [`${sink.skipped} account folder(s) hold an account another folder exports and were not exported`]
      : []),
  ];
  if (missed.length > 0) throw new ReportedFailure(`${missed.join('; ')}; the rest was exported`);
}

async function namedAccounts(home: string, names: readonly string[]): Promise<AccountData[]> {
  const out: AccountData[] = [];
  for (const typed of names) out.push(await findAccount(home, typed));
  return out;
}

/** Every option that shapes what a file holds. */
function memoKey(options: ExportOptions): string {
  return JSON.stringify([options.format, options.per, options.diagram, options.since ?? null, options.force]);
}

async function report(dir: string, writer: ExportWriter, options: ExportOptions): Promise<void> {
  const { summariseExport } = await import('../export/summary.js');
  const { lines, failed } = summariseExport(await writer.finish(), dir);
  if (!options.quiet || failed > 0) for (const line of lines) output.out(safeText(line));
  if (failed > 0) throw new ReportedFailure(`${failed} file(s) could not be written`);
}
