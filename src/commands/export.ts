// `journey export`: notes a person wants to read (markdown) and files a script can rely on (JSON).
import { join } from 'node:path';
import { findAccount } from '../app/account-lookup.js';
import { sinceOption } from '../app/since.js';
import { ReportedFailure, UsageError } from '../errors.js';
import { accountNote } from '../export/note.js';
import type { ExportFile } from '../model/export-files.js';
import type { ExportWriter } from '../store/export-dir.js';
import type { ExportMemo } from '../store/export-memo.js';
import { type AccountData, loadAccountAt } from '../store/load-account.js';
import { unknownKeysNoted } from '../store/newer-files.js';
import { outputFolder } from '../store/output-target.js';
import { accountsDir } from '../store/paths.js';
import { accountFolders } from '../store/session-index.js';
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

/** Where an export goes: one folder (written account by account) or stdout (one file only). */
interface Sink {
  writer?: ExportWriter | undefined;
  memo?: ExportMemo | undefined;
  /** Files made for stdout: only the first is kept, the rest counted. */
  first?: ExportFile | undefined;
  count: number;
  /** Files in the data folder that could not be read. */
  unread: number;
}

/**
 * Exports what can be read, account by account (one account's sessions in memory at a time), and
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
  const { renderFiles } = await import('../export/files.js');
  const render = (data: AccountData): ExportFile[] =>
    renderFiles(
      [
        accountNote({
          name: data.name,
          slug: accountSlug(data.name),
          sessions: data.sessions,
          records: data.records,
          since: options.since,
          stamp,
        }),
      ],
      { format: options.format, per: options.per, diagram: options.diagram, stamp },
    );
  const named = options.all ? [] : await namedAccounts(home, options.accounts);
  const sink: Sink = { count: 0, unread: 0 };
  if (dir !== undefined) {
    const { openExport } = await import('../store/export-dir.js');
    sink.writer = await openExport(dir, options.force);
    if (options.all && !stamp) {
      const { exportMemo } = await import('../store/export-memo.js');
      sink.memo = exportMemo(home, dir, memoKey(options));
    }
  }
  try {
    if (options.all) await exportAll(home, sink, render, options);
    // A named account's problems were said by its lookup: counted here, not said again.
    else for (const data of named) await exportOne(data, sink, render, (problem) => void problem);
    if (sink.writer && dir !== undefined) await report(dir, sink.writer, options);
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
  if (sink.unread > 0) {
    throw new ReportedFailure(
      `${sink.unread} file(s) in the data folder could not be read; the rest was exported`,
    );
  }
}

async function namedAccounts(home: string, names: readonly string[]): Promise<AccountData[]> {
  const out: AccountData[] = [];
  for (const typed of names) out.push(await findAccount(home, typed));
  return out;
}

/** Every account folder in turn; each problem (an unreadable file) reported once as a warning. */
async function exportAll(
  home: string,
  sink: Sink,
  render: (data: AccountData) => ExportFile[],
  options: ExportOptions,
): Promise<void> {
  const root = accountsDir(home);
  const { slugs, strays } = accountFolders(root);
  for (const problem of strays.flatMap((s) => s.problems)) {
    sink.unread++;
    output.err(`warning: ${safeText(problem)}`);
  }
  const { startProgress } = await import('../ui/progress.js');
  const progress = options.quiet || !sink.writer ? undefined : startProgress(slugs.length, 'accounts');
  for (const [i, slug] of slugs.entries()) {
    const dir = join(root, slug);
    const now = sink.memo?.stampOf(dir);
    const known = now && sink.memo?.known(slug, now);
    if (!(known && sink.writer?.keepIfUnchanged(known))) {
      const noted = unknownKeysNoted();
      const data = await loadAccountAt(home, dir, slug);
      const written = data && (await exportOne(data, sink, render));
      // Only a clean account is remembered: its problems are said (and exit 1) on every run.
      const clean = data?.problems.length === 0 && unknownKeysNoted() === noted;
      if (written && clean && now) sink.memo?.remember(slug, now, written);
    }
    progress?.update(i + 1);
  }
  progress?.done();
}

/** One account's files, written (or kept for stdout); what was written, for the memo. */
async function exportOne(
  data: AccountData,
  sink: Sink,
  render: (data: AccountData) => ExportFile[],
  say: (problem: string) => void = (problem) => output.err(`warning: ${safeText(problem)}`),
) {
  sink.unread += data.problems.length;
  for (const problem of data.problems) say(problem);
  if (data.sessions.length === 0) return undefined;
  const files = render(data);
  sink.count += files.length;
  if (!sink.writer) {
    sink.first ??= files[0];
    return undefined;
  }
  return sink.writer.write(files);
}

/** Every option that shapes what a file holds. */
function memoKey(options: ExportOptions): string {
  return JSON.stringify([options.format, options.per, options.diagram, options.since ?? null, options.force]);
}

async function report(dir: string, writer: ExportWriter, options: ExportOptions): Promise<void> {
  const { summariseExport } = await import('../export/files.js');
  const { lines, failed } = summariseExport(await writer.finish(), dir);
  if (!options.quiet || failed > 0) for (const line of lines) output.out(safeText(line));
  if (failed > 0) throw new ReportedFailure(`${failed} file(s) could not be written`);
}
