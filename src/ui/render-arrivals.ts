// What the review of a pull found, as lines for the sync summary: the loop-back flags the merged
// history raised (with the call that shows each), the calls it could not review, and the conflicts
// with the rule journey applies to each.
import chalk from 'chalk';
import { cadencePhrase } from '../journey/cadence.js';
import type { CallRef, CloseRef, MergeConflict, MergeReview } from '../journey/merge-review.js';
import { oneLine, plural } from './render.js';
import { safeText } from './safe-text.js';

export interface ArrivalsView {
  accounts: readonly (MergeReview & { slug?: string })[];
  problems?: readonly string[] | undefined;
}

export function renderArrivals(view: ArrivalsView): string[] {
  const lines: string[] = [];
  const reviewed = view.accounts.reduce((n, a) => n + a.reviewed, 0);
  const raised = view.accounts.reduce((n, a) => n + a.raised.length, 0);
  // Nothing new is nothing to say: a quiet sync from cron stays quiet when teammates' calls arrive.
  if (raised > 0) {
    lines.push(
      `Reviewed ${plural(reviewed, 'call')} against the merged history: ${chalk.red(`${plural(raised, 'new loop-back flag')} (journey flags lists them):`)}`,
    );
  }
  for (const account of view.accounts) {
    const name = chalk.bold(safeText(account.account));
    for (const r of account.raised) {
      const deal = r.deal ? ` (deal: ${safeText(r.deal)})` : '';
      lines.push(
        `  ${name}${deal}: ${chalk.red(`[${safeText(r.record.flag.id)}]`)} ${oneLine(r.record.flag.message)} ${chalk.dim(`(${callText(r.session)})`)}`,
      );
    }
    // One line per missing bank version, however many calls ran with it.
    const byBank = new Map<string, { bank: (typeof account.skipped)[number]['bank']; calls: CallRef[] }>();
    for (const s of account.skipped) {
      const key = `${s.bank.id}@${s.bank.hash}`;
      const group = byBank.get(key) ?? { bank: s.bank, calls: [] };
      group.calls.push(s.session);
      byBank.set(key, group);
    }
    for (const { bank, calls } of byBank.values()) {
      const which = calls.length === 1 && calls[0] ? callText(calls[0]) : plural(calls.length, 'call');
      lines.push(
        `  ${name}: ${chalk.yellow('not reviewed:')} ${which}, its bank ${safeText(bank.id)} version ${bank.version} (${safeText(bank.hash.slice(0, 15))}) is not on this machine (journey bank update, or the bank file, brings it)`,
      );
    }
    for (const c of account.conflicts) lines.push(`  ${name}: ${conflictText(c)}`);
  }
  for (const problem of view.problems ?? []) lines.push(chalk.yellow(`  warning: ${safeText(problem)}`));
  return lines;
}

function callText(call: CallRef): string {
  const who = call.rep ? `${safeText(call.rep)}'s ` : '';
  return `${who}${call.loop} call of ${call.started.slice(0, 10)}`;
}

function conflictText(conflict: MergeConflict): string {
  if (conflict.kind === 'close') {
    const deal = conflict.deal ? ` of the deal ${safeText(conflict.deal)}` : '';
    const closes = conflict.closes.map(closeText).join(' and ');
    const rule = `journey goes by the one recorded last: ${closeText(conflict.applied)}`;
    const then =
      conflict.applied.kind === 'won'
        ? `, a customer checked in ${safeText(cadencePhrase(conflict.applied.every ?? ''))} from ${safeText(conflict.applied.on)}`
        : ', lost';
    return `${chalk.yellow('closes disagree')}${deal}: ${closes}; ${rule}${then}. To settle it, record the right one again (journey won or journey lost).`;
  }
  const spellings = conflict.spellings
    .map((s) => `"${safeText(s.name)}"${s.sessions > 0 ? ` (${plural(s.sessions, 'call')})` : ''}`)
    .join(', ');
  if (conflict.kind === 'account_name') {
    return `${chalk.yellow('the account is spelled')} ${spellings}; journey shows the newest call's spelling, "${safeText(conflict.applied)}".`;
  }
  return `${chalk.yellow('a deal is spelled')} ${spellings}; journey shows it as first written, "${safeText(conflict.applied)}".`;
}

function closeText(close: CloseRef): string {
  const who = close.rep ? `${safeText(close.rep)}'s ` : '';
  const what =
    close.kind === 'won'
      ? `won on ${safeText(close.on)}, check-ins ${safeText(cadencePhrase(close.every ?? ''))}`
      : `lost on ${safeText(close.on)}`;
  return `${who}${what} (recorded ${safeText(close.at.slice(0, 10))})`;
}
