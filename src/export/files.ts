// Which files an export makes, and how its outcome reads.
import type { ExportFile, ExportReport } from '../model/export-files.js';
import { exportText } from './json.js';
import { accountMarkdown, sessionMarkdown } from './markdown.js';
import type { AccountNote } from './note.js';

export interface FileOptions {
  format: 'md' | 'json';
  per: 'account' | 'session';
  diagram: boolean;
  /** The export time to record in each file, when asked for (--stamp). */
  stamp: Date | undefined;
}

export function renderFiles(notes: readonly AccountNote[], options: FileOptions): ExportFile[] {
  const { stamp } = options;
  const exported = (note: AccountNote) => ({
    name: note.name,
    slug: note.slug,
    sessions: note.sessions,
    records: note.records,
  });
  if (options.format === 'json') {
    if (options.per === 'account') {
      return notes.map((n) => ({ path: `${n.slug}.json`, text: exportText([exported(n)], stamp) }));
    }
    return notes.flatMap((n) =>
      n.sessions.map((s) => ({
        path: `${n.slug}/${s.id}.json`,
        text: exportText([{ ...exported(n), sessions: [s] }], stamp),
      })),
    );
  }
  if (options.per === 'account') {
    return notes.map((n) => ({
      path: `${n.slug}.md`,
      text: accountMarkdown(n, { diagram: options.diagram }),
    }));
  }
  return notes.flatMap((n) => [
    {
      path: `${n.slug}.md`,
      text: accountMarkdown(n, { diagram: options.diagram, sessionLinks: (s) => `${n.slug}/${s.id}.md` }),
    },
    ...n.sessions.map((s) => ({
      path: `${n.slug}/${s.id}.md`,
      text: sessionMarkdown(n, s, `../${n.slug}.md`),
    })),
  ]);
}

export function summariseExport(report: ExportReport, dir: string): { lines: string[]; failed: number } {
  const count = (o: string) => report.outcomes.filter((r) => r.outcome === o).length;
  const lines: string[] = [];
  for (const r of report.outcomes) {
    if (r.outcome === 'skipped-edited')
      lines.push(`skipped ${r.path}: edited by hand since journey wrote it (--force overwrites)`);
    if (r.outcome === 'skipped-not-ours')
      lines.push(`skipped ${r.path}: journey did not write it (--force overwrites)`);
    if (r.outcome === 'failed') lines.push(`failed ${r.path}: ${r.error}`);
  }
  const skipped = count('skipped-edited') + count('skipped-not-ours');
  lines.push(
    `Exported to ${dir}: ${count('added')} added, ${count('updated')} updated, ${count('unchanged')} unchanged, ${skipped} skipped${count('failed') > 0 ? `, ${count('failed')} failed` : ''}.`,
  );
  return { lines, failed: count('failed') };
}
