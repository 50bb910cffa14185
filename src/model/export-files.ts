// The files an export makes, and what became of each: made by export/, written by store/.

export type WriteOutcome =
  | 'added'
  | 'updated'
  | 'unchanged'
  | 'skipped-not-ours'
  | 'skipped-edited'
  | 'failed';

export interface ExportFile {
  /** Relative to the export folder, with forward slashes. */
  path: string;
  text: string;
}

export interface ExportReport {
  outcomes: { path: string; outcome: WriteOutcome; error?: string }[];
}
