// How an export's outcome reads: a line for each note not written as asked, and the counts. Apart
// from the renderers (files.ts): an export with nothing changed says so without loading them.
import type { ExportReport } from '../model/export-files.js';

/** `kept`: notes found as an earlier export left them without being made again, counted unchanged. */
export function summariseExport(
  report: ExportReport & { kept?: number },
  dir: string,
): { lines: string[]; failed: number } {
  // Counted in one pass: an export of thousands of accounts has an outcome for each note.
  const counts = new Map<string, number>([['unchanged', report.kept ?? 0]]);
  const lines: string[] = [];
  for (const r of report.outcomes) {
    counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
    if (r.outcome === 'skipped-edited')
      lines.push(`skipped ${r.path}: edited by hand since journey wrote it (--force overwrites)`);
    if (r.outcome === 'skipped-not-ours')
      lines.push(`skipped ${r.path}: journey did not write it (--force overwrites)`);
    if (r.outcome === 'failed') lines.push(`failed ${r.path}: ${r.error}`);
  }
  const count = (o: string) => counts.get(o) ?? 0;
  const skipped = count('skipped-edited') + count('skipped-not-ours');
  lines.push(
    `Exported to ${dir}: ${count('added')} added, ${count('updated')} updated, ${count('unchanged')} unchanged, ${skipped} skipped${count('failed') > 0 ? `, ${count('failed')} failed` : ''}.`,
  );
  return { lines, failed: count('failed') };
}
