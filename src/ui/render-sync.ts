// What a sync (or the pull before a call) did, in a few lines: what went out, what came in and
// from whom, and what needs the rep (a conflict left for them, an unreachable remote).
import { safeText } from './safe-text.js';

export interface SyncView {
  rep: string;
  sent?: string | undefined;
  pushed: boolean;
  received: { described: string; authors: readonly string[] };
  restored?: readonly string[] | undefined;
  notShared?: readonly string[] | undefined;
  outcome:
    | { kind: 'synced' }
    | { kind: 'no-remote' }
    | { kind: 'offline'; message: string }
    | { kind: 'conflict'; files: readonly string[]; message: string }
    | { kind: 'failed'; message: string };
}

/** The lines of a finished sync, for stdout; problems come back separately, for stderr. */
export function renderSync(view: SyncView, home: string): { lines: string[]; problems: string[] } {
  const lines: string[] = [];
  const problems: string[] = [];
  if (view.sent)
    lines.push(
      view.pushed
        ? `Sent: ${safeText(view.sent)}.`
        : `Committed here, not shared yet: ${safeText(view.sent)}.`,
    );
  if (view.received.described) {
    const from =
      view.received.authors.length > 0
        ? ` from ${view.received.authors.map((text) => safeText(text)).join(', ')}`
        : '';
    const flags = /loop-back/.test(view.received.described) ? ' (journey flags lists the loop-backs)' : '';
    lines.push(`Received: ${safeText(view.received.described)}${from}${flags}.`);
  }
  const where = safeText(home);
  if (view.restored && view.restored.length > 0) {
    problems.push(
      `Put back what was deleted here by hand, since the team's calls and records are kept: ${view.restored.map((p) => safeText(p)).join(', ')} (to set an unfinished call aside, use journey discard)`,
    );
  }
  if (view.notShared && view.notShared.length > 0) {
    const shown = view.notShared.slice(0, 5).map((p) => safeText(p));
    const more = view.notShared.length > 5 ? ` and ${view.notShared.length - 5} more` : '';
    lines.push(`Not shared (not journey's files): ${shown.join(', ')}${more}.`);
  }
  switch (view.outcome.kind) {
    case 'synced':
      if (lines.length === 0) lines.push('Up to date: nothing to send, nothing new from the team.');
      break;
    case 'no-remote':
      problems.push(
        `${where} has no team remote: your work is committed here; add one with journey team init <remote>`,
      );
      break;
    case 'offline':
      problems.push(
        `Could not reach the team repository (${safeText(view.outcome.message)}): your work is committed here and goes out with the next journey sync`,
      );
      break;
    case 'conflict':
      problems.push(
        `These files were changed both here and by a teammate, so journey left them as they are (yours is committed here, theirs is on the remote): ${view.outcome.files.map((text) => safeText(text)).join(', ')}. Resolve them by hand: git -C ${where} pull --rebase, edit each file, git -C ${where} add <file>, git -C ${where} rebase --continue; then journey sync`,
      );
      break;
    case 'failed':
      problems.push(
        `Sync stopped: ${safeText(view.outcome.message)}; your work is committed here. Try journey sync again`,
      );
      break;
  }
  return { lines, problems };
}
