// What the rep reads when a session run ends: for a script, what the session raised; the flags a
// restated problem resolved; and the summary with where the session is saved.
import type { Outcome } from '../journey/port.js';
import { answeredCount, type Flag, type Session, skippedCount } from '../model/session.js';
import { terminalWidth, wrapText } from './layout.js';
import {
  renderFlag,
  renderResolved,
  renderShift,
  renderStillOpen,
  renderSummary,
  renderTip,
} from './render.js';

export interface RunReport {
  session: Session;
  /** A discarded session has no report: it is gone. */
  outcome: Exclude<Outcome, 'discarded'>;
  /** A script saw nothing as it happened: list what the session raised. */
  scripted: boolean;
  /** Flags (of earlier sessions or this one) that this session's restated problem resolved. */
  resolved: Pick<Flag, 'id' | 'message'>[];
  /** The account's flags still open when the session ended. */
  stillOpen: Pick<Flag, 'id' | 'message'>[];
  /** The questions, as asked, that are required and still unanswered. */
  missingRequired: string[];
  file: string;
  /** The bank file to name in the resume hint, when the bank is not installed. */
  resumeBank?: string | undefined;
}

/** Lines for stdout, and for stderr (the summary of a cancelled run). */
export function renderRunReport(r: RunReport, width = terminalWidth()): { out: string[]; err: string[] } {
  const out: string[] = [];
  const { session } = r;
  if (r.scripted) {
    for (const shift of session.shifts) out.push(renderShift(shift));
    for (const tip of session.tips) out.push(renderTip(tip));
    for (const flag of session.flags) out.push(renderFlag(flag));
  }
  if (r.resolved.length > 0) out.push(renderResolved(r.resolved));
  if (r.stillOpen.length > 0 && r.outcome === 'complete') out.push(renderStillOpen(r.stillOpen));
  const summary = renderSummary({
    outcome: r.outcome,
    answered: answeredCount(session),
    skipped: skippedCount(session),
    notes: session.notes.length,
    missingRequired: r.missingRequired,
    file: r.file,
    account: session.account,
    deal: session.deal,
    bank: r.resumeBank,
  });
  // Wrapped at word boundaries to the terminal, each line under its own indent.
  const wrap = (lines: string[]) => lines.map((l) => wrapText(l, width));
  return r.outcome === 'cancelled'
    ? { out: wrap(out), err: wrap([summary]) }
    : { out: wrap([...out, summary]), err: [] };
}
