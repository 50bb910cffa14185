// The due list as text: who to call, how late it is, and what to bring up.
import chalk from 'chalk';
import { cadencePhrase } from '../journey/cadence.js';
import type { DueItem } from '../journey/due.js';
import { displayWidth, padCells, terminalWidth, wrapLine } from './layout.js';
import { oneLine } from './render.js';
import { safeText } from './safe-text.js';

export function renderDue(items: readonly DueItem[], width = terminalWidth()): string {
  const lines: string[] = [];
  // Names in one column, padded by display width: a CJK name or an emoji keeps the dates in line.
  const names = items.map((item) => safeText(item.account) + (item.deal ? ` (${safeText(item.deal)})` : ''));
  const column = Math.max(0, ...names.map(displayWidth));
  items.forEach((item, i) => {
    const when =
      item.overdueDays > 0
        ? chalk.red(`${item.overdueDays} day(s) overdue`)
        : item.overdueDays === 0
          ? chalk.yellow('due today')
          : chalk.dim(`due in ${-item.overdueDays} day(s)`);
    const every = item.booked
      ? `booked at the last check-in (${safeText(item.lastCheckIn ?? '')})`
      : `check in ${safeText(cadencePhrase(item.every))}, last check-in ${safeText(item.lastCheckIn ?? 'none yet')}`;
    const name = padCells(names[i] ?? '', column);
    const styled = item.deal
      ? `${chalk.bold(safeText(item.account))} ${chalk.cyan(name.slice(safeText(item.account).length + 1))}`
      : chalk.bold(name);
    lines.push(`${styled}  ${safeText(item.next)}  ${when}  ${chalk.dim(every)}`);
    if (item.openFlags > 0) lines.push(`  ${chalk.red(`${item.openFlags} open loop-back flag(s)`)}`);
    if (item.problems.length > 0) lines.push(`  in the way: ${item.problems.map(oneLine).join('; ')}`);
    for (const m of item.behindTarget) {
      const unit = m.unit ? ` ${safeText(m.unit)}` : '';
      lines.push(
        `  behind target: ${oneLine(m.name)} at ${m.actuals.at(-1)?.value ?? '?'}${unit} (target ${m.target}, ${m.progress}% of the way)`,
      );
    }
  });
  // A deal's line wraps under its name; what is indented, under its own indent.
  return lines
    .join('\n')
    .split('\n')
    .map((line) => wrapLine(line, width, line.startsWith(' ') ? undefined : 2))
    .join('\n');
}
