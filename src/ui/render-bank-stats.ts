// Bank stats as text: per bank, a table of its questions and one of its rules, then the questions
// that come before loop-backs and in won deals, and what the numbers mean.
import chalk from 'chalk';
import type { BankReport, BankStatsReport, TopQuestion } from '../journey/bank-stats.js';
import { terminalWidth, wrapLine } from './layout.js';
import { plural, renderTable, shortAsk } from './render.js';
import { safeText } from './safe-text.js';

export function renderBankStats(report: BankStatsReport, width = terminalWidth()): string {
  const blocks = report.banks.map((bank) => renderBank(bank, report.since, width));
  const { minSeconds, maxSeconds } = report.answerGap;
  blocks.push(
    chalk.dim(
      [
        `MEDIAN: time since the previous answer (or the call's start); gaps under ${minSeconds} s (a file of answers) or over ${maxSeconds / 60} min (a pause) are left out.`,
        'OTHER: answers outside the choices. RE-ASKED: asked again to re-evaluate the problem for a loop-back.',
        'MOVED / NOISE: loop-backs re-evaluated (Now, or restated in a later call) after which a tracked part of the problem moved / nothing did (the same problem, at most reworded).',
      ]
        .map((line) => wrapLine(line, width))
        .join('\n'),
    ),
  );
  return blocks.join('\n\n');
}

function renderBank(bank: BankReport, since: string | null, width: number): string {
  const lines: string[] = [];
  const current = bank.current ? `v${bank.current.version} ${bank.current.hash}` : 'not on the shelf now';
  lines.push(
    `${chalk.bold(safeText(bank.id))} · ${safeText(bank.title)} ${chalk.dim(`(${safeText(current)})`)}`,
  );
  if (bank.sessions === 0) {
    lines.push(`  No sessions recorded with this bank${since ? ` since ${safeText(since)}` : ''} yet.`);
    return lines.join('\n');
  }
  const versions = bank.versions.map((v) => `v${v.version} ${v.hash}: ${v.sessions}`).join(', ');
  lines.push(
    wrapLine(
      `  ${plural(bank.sessions, 'session')}${since ? ` since ${safeText(since)}` : ''} (${safeText(versions)}); ${bank.sessionsWithLoopBack} raised a loop-back; deals after its calls: ${bank.wonDeals} won, ${bank.lostDeals} lost`,
      width,
      4,
    ),
  );
  lines.push(
    renderTable({
      head: [
        'QUESTION',
        'ASK',
        'ASKED',
        'SKIPPED',
        'OTHER',
        'RE-ASKED',
        'MEDIAN',
        'BEFORE LOOP-BACK',
        'WON DEALS',
      ],
      rows: bank.questions.map((q) => [
        q.inBank ? q.id : `${q.id} (earlier version)`,
        shortAsk(q.ask),
        String(q.asked),
        String(q.skipped),
        q.type === 'choice' || q.type === 'multi' ? (q.other === null ? '?' : String(q.other)) : '-',
        String(q.reasked),
        duration(q.medianSeconds),
        String(q.beforeLoopBack),
        String(q.inWonDeals),
      ]),
    }),
  );
  if (bank.rules.length > 0) {
    lines.push(
      '',
      renderTable({
        head: ['RULE', 'KIND', 'FIRED', 'NOW', 'LATER', 'RESOLVED', 'OPEN', 'MOVED', 'NOISE'],
        rows: bank.rules.map((r) => {
          const loopBack = r.kind === 'loop_back';
          const resolved = Object.values(r.resolved).reduce((a, b) => a + b, 0);
          const cell = (n: number) => (loopBack ? String(n) : '-');
          return [
            r.inBank ? r.id : r.id === 'shift' || r.id === 'manual' ? r.id : `${r.id} (earlier version)`,
            loopBack ? 'loop-back' : 'tip',
            String(r.fired),
            cell(r.now),
            cell(r.deferred),
            cell(resolved),
            cell(r.open),
            cell(r.moved),
            cell(r.reworded),
          ];
        }),
      }),
    );
  }
  const judged = bank.judged.reworded + bank.judged.moved;
  if (judged > 0) {
    lines.push(
      '',
      `Near-line changes of a tracked answer the rep judged: ${bank.judged.reworded} "Same problem, reworded", ${bank.judged.moved} "The problem has moved".`,
    );
  }
  if (bank.beforeLoopBacks.length > 0) {
    lines.push('', chalk.bold('Asked before a loop-back was raised in the call:'));
    lines.push(...bank.beforeLoopBacks.map((t) => topLine(t, 'sessions that asked it', width)));
  }
  if (bank.inWonDeals.length > 0) {
    lines.push('', chalk.bold('Asked in deals later won:'));
    lines.push(...bank.inWonDeals.map((t) => topLine(t, 'deals won after calls with this bank', width)));
  }
  return lines.join('\n');
}

function topLine(t: TopQuestion, of: string, width: number): string {
  return wrapLine(
    `  ${safeText(t.question)} ${chalk.dim(`(${shortAsk(t.ask)})`)}: in ${t.count} of the ${t.of} ${of}`,
    width,
    4,
  );
}

/** Seconds as "45s" or "2m 05s"; "-" when nothing was timed. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '-';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
}
