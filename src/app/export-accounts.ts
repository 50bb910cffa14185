// Writing accounts' notes for `journey export`: named accounts, or every account folder in turn. An
// export --all reads and renders the next accounts (export-pool.ts) while it writes the current one,
// never more than a few accounts ahead, and writes them in folder order: the same notes, messages and
// report as one account at a time.
import { join } from 'node:path';
import type { ExportFile } from '../model/export-files.js';
import type { ExportWriter, WrittenFile } from '../store/export-dir.js';
import type { ExportMemo, Stamped } from '../store/export-memo.js';
import type { AccountData } from '../store/load-account.js';
import { noteUnknownKeys } from '../store/newer-files.js';
import { accountsDir } from '../store/paths.js';
import { accountFolders } from '../store/session-index.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { NoteOwners } from './export-owners.js';
import type { AccountRendering, PreparedAccount } from './export-worker.js';

/** Accounts written and waiting for their batch to land, at most. */
const MAX_LANDING = 256;

/** Where an export goes: one folder (written account by account) or stdout (one file only). */
export interface ExportSink {
  writer?: ExportWriter | undefined;
  memo?: ExportMemo | undefined;
  /** Files made for stdout: only the first is kept, the rest counted. */
  first?: ExportFile | undefined;
  count: number;
  /** Files in the data folder that could not be read. */
  unread: number;
  /** Account folders not exported: another folder keeps the notes of the same account (export-owners.ts). */
  skipped: number;
}

/** Accounts named on the command line, looked up already (their problems were said by the lookup). */
export async function exportNamed(
  accounts: readonly AccountData[],
  sink: ExportSink,
  rendering: AccountRendering,
): Promise<void> {
  const { accountFiles } = await import('./export-worker.js');
  const landing: Promise<unknown>[] = [];
  for (const data of accounts) {
    sink.unread += data.problems.length;
    if (data.sessions.length > 0) landing.push(keep(sink, accountFiles(data, rendering)));
  }
  await sink.writer?.flush();
  await Promise.all(landing);
}

/**
 * Every account folder in turn; each problem (an unreadable file) reported once as a warning. An
 * account the memo knows, whose notes are still as written, is neither read nor written.
 */
export async function exportAll(
  home: string,
  sink: ExportSink,
  rendering: AccountRendering,
  quiet: boolean,
): Promise<void> {
  const root = accountsDir(home);
  const { slugs, strays } = accountFolders(root);
  for (const problem of strays.flatMap((s) => s.problems)) {
    sink.unread++;
    output.err(`warning: ${safeText(problem)}`);
  }
  const { startProgress } = await import('../ui/progress.js');
  const progress = quiet || !sink.writer ? undefined : startProgress(slugs.length, 'accounts');
  // The accounts whose notes are still as the memo says are counted unchanged first, shard by shard
  // of the memo; the others are read and written after, in folder order.
  const { writer, memo } = sink;
  const owners = new NoteOwners(root, slugs);
  const todo =
    writer && memo
      ? await memo.toExport(root, slugs, (files, place, manifestAsLeft) =>
          owners.keep(
            place,
            files.map((f) => f.path),
            () => writer.keepIfUnchanged(files, manifestAsLeft),
          ),
        )
      : slugs;
  progress?.update(slugs.length - todo.length);
  // Nothing to read: the readers and renderers are not even loaded.
  if (todo.length === 0) return progress?.done();
  const { accountPool } = await import('./export-pool.js');
  const pool = accountPool(home, rendering, todo.length);
  const ahead: {
    account: Account;
    prepared: Promise<PreparedAccount | undefined>;
  }[] = [];
  const landing = new Set<Promise<void>>();
  let done = slugs.length - todo.length;
  const next = async () => {
    const first = ahead.shift();
    if (!first) return;
    const { account } = first;
    const prepared = await first.prepared;
    const landed = prepared && exportPrepared(sink, account, prepared, landing, owners);
    if (landed) landing.add(landed);
    else memo?.done(account.slug, undefined);
    // A disk slower than the reading waits here: the accounts waiting to land stay few.
    if (landing.size >= MAX_LANDING) {
      void writer?.flush();
      await Promise.race(landing);
    }
    done++;
    progress?.update(done);
  };
  try {
    for (const slug of todo) {
      // Stamped before it is read: a file changed meanwhile is read again next time.
      const account = { slug, place: owners.placeOf(slug) ?? 0, now: memo?.stampOf(join(root, slug)) };
      const prepared = pool.prepare(join(root, slug), slug);
      // Thrown when its turn comes (the first error stops the export); until then, not unhandled.
      prepared.catch(() => undefined);
      ahead.push({ account, prepared });
      // Ask a few accounts ahead and no more: those are all the export holds at once.
      while (ahead.length > pool.ahead) await next();
    }
    while (ahead.length > 0) await next();
    await writer?.flush();
    await Promise.all(landing);
  } finally {
    await pool.close();
  }
  progress?.done();
}

/** An account to export, its place in folder order, and its stamp before it is read (undefined: not to be remembered). */
interface Account {
  slug: string;
  place: number;
  now: Stamped | undefined;
}

/**
 * Says an account's problems and writes its files, unless another folder keeps the notes of the
 * same account (app/export-owners.ts); once they have landed, a clean account (no problem, no file
 * from a newer journey) is remembered in the memo.
 */
function exportPrepared(
  sink: ExportSink,
  account: Account,
  prepared: PreparedAccount,
  landing: Set<Promise<void>>,
  owners: NoteOwners,
): Promise<void> | undefined {
  sink.unread += prepared.problems.length;
  for (const problem of prepared.problems) output.err(`warning: ${safeText(problem)}`);
  for (const [file, keys] of prepared.unknownKeys) noteUnknownKeys(file, keys);
  if (!prepared.files) return undefined;
  const claim = owners.claim(
    account.place,
    prepared.account,
    prepared.files.map((f) => f.path),
  );
  for (const problem of claim.ok ? claim.displaced : [claim.problem]) {
    sink.skipped++;
    output.err(`warning: ${safeText(problem)}`);
  }
  if (!claim.ok) return undefined;
  const clean = prepared.problems.length === 0 && prepared.unknownKeys.length === 0;
  const landed: Promise<void> = keep(sink, prepared.files).then(
    (written) => {
      landing.delete(landed);
      const { slug, now } = account;
      sink.memo?.done(slug, written && clean && now ? { now, files: written } : undefined);
    },
    (error: unknown) => {
      sink.memo?.done(account.slug, undefined);
      throw error;
    },
  );
  // Awaited at the end of the export; a failure is reported there.
  landed.catch(() => undefined);
  return landed;
}

/** Writes files into the export folder (they land later), or keeps the first for stdout. */
function keep(sink: ExportSink, files: ExportFile[]): Promise<WrittenFile[] | undefined> {
  sink.count += files.length;
  if (!sink.writer) {
    sink.first ??= files[0];
    return Promise.resolve(undefined);
  }
  return sink.writer.write(files);
}
