// The team report as text: one line per rep, then what each rep has going stale and what closed.
import chalk from 'chalk';
import type { ClosedDeal, RepReport, ResolutionKind, TeamReport } from '../journey/team-report.js';
import { terminalWidth, wrapLine } from './layout.js';
import { oneLine, plural, renderTable } from './render.js';
import { safeText } from './safe-text.js';

const RESOLVED_AS: Record<ResolutionKind, string> = {
  reevaluated: 'on the spot',
  restated: 'problem restated',
  knowledge_session: 'a later Knowledge call',
  by_hand: 'by hand',
};

export function renderTeamReport(report: TeamReport, width = terminalWidth()): string {
  const scope = report.since ? `since ${report.since}` : 'all time';
  const lines = [
    chalk.bold(`Team report · ${safeText(scope)} · today ${safeText(report.today)}`),
    renderTable({
      head: [
        'REP',
        'SESSIONS',
        'ACCOUNTS',
        'K / O / R',
        'LOOP-BACKS',
        'NOW',
        'LATER',
        'OPEN',
        'STALE',
        'OVERDUE',
        'WON',
        'LOST',
      ],
      rows: report.reps.map((r) => [
        r.name,
        String(r.sessions),
        String(r.accounts),
        `${r.loops.knowledge} / ${r.loops.options} / ${r.loops.results}`,
        String(r.loopBacks.raised),
        String(r.loopBacks.now),
        String(r.loopBacks.deferred),
        String(r.loopBacks.open),
        String(r.staleFlags.length),
        String(r.overdueCheckIns.length),
        String(r.won.length),
        String(r.lost.length),
      ]),
    }),
  ];
  for (const rep of report.reps) {
    const details = repDetails(rep);
    if (details.length === 0) continue;
    lines.push('', chalk.bold(safeText(rep.name)), ...details.map((line) => wrapLine(line, width, 4)));
  }
  lines.push(
    '',
    chalk.dim(
      `Activity ${safeText(scope)}; open flags older than ${report.staleAfterDays} days (STALE) and check-ins past due (OVERDUE) as of today.`,
    ),
  );
  return lines.join('\n');
}

function repDetails(rep: RepReport): string[] {
  const lines: string[] = [];
  const { loopBacks } = rep;
  if (loopBacks.raised > 0) {
    const resolved = (Object.keys(RESOLVED_AS) as ResolutionKind[])
      .filter((k) => loopBacks.resolved[k] > 0)
      .map((k) => `${loopBacks.resolved[k]} ${RESOLVED_AS[k]}`);
    lines.push(
      `  ${plural(loopBacks.raised, 'loop-back')} raised: ${loopBacks.now} re-evaluated now, ${loopBacks.deferred} later; resolved: ${resolved.length > 0 ? resolved.join(', ') : 'none'}; ${loopBacks.open} open`,
    );
  }
  for (const f of rep.staleFlags) {
    lines.push(
      `  ${chalk.red(`open ${f.days} days`)} [${safeText(f.flag)}] ${where(f.account, f.deal)}: ${oneLine(f.message)}`,
    );
  }
  for (const c of rep.overdueCheckIns) {
    lines.push(
      `  ${chalk.red(`check-in ${c.overdueDays} day(s) overdue`)} ${where(c.account, c.deal)}, due ${safeText(c.due)}`,
    );
  }
  for (const c of rep.won) lines.push(`  ${chalk.green('won')} ${closed(c)}`);
  for (const c of rep.lost) lines.push(`  ${chalk.yellow('lost')} ${closed(c)}`);
  return lines;
}

function where(account: string, deal: string | null): string {
  return `${safeText(account)}${deal ? chalk.cyan(` (${safeText(deal)})`) : ''}`;
}

function closed(c: ClosedDeal): string {
  return `${where(c.account, c.deal)} on ${safeText(c.on)}${c.reason ? `: ${oneLine(c.reason)}` : ''}`;
}
