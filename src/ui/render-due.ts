// The due list as text: who to call, how late it is, and what to bring up.
import chalk from 'chalk';
import type { DueItem } from '../journey/due.js';
import { oneLine } from './render.js';
import { safeText } from './safe-text.js';

export function renderDue(items: readonly DueItem[]): string {
  const lines: string[] = [];
  for (const item of items) {
    const when =
      item.overdueDays > 0
        ? chalk.red(`${item.overdueDays} day(s) overdue`)
        : item.overdueDays === 0
          ? chalk.yellow('due today')
          : chalk.dim(`due in ${-item.overdueDays} day(s)`);
    const every = item.booked
      ? `booked at the last check-in (${safeText(item.lastCheckIn ?? '')})`
      : `every ${safeText(item.every)}, last check-in ${safeText(item.lastCheckIn ?? 'none yet')}`;
    const deal = item.deal ? ` ${chalk.cyan(`(${safeText(item.deal)})`)}` : '';
    lines.push(
      `${chalk.bold(safeText(item.account))}${deal}  ${safeText(item.next)}  ${when}  ${chalk.dim(every)}`,
    );
    if (item.openFlags > 0) lines.push(`  ${chalk.red(`${item.openFlags} open loop-back flag(s)`)}`);
    if (item.problems.length > 0) lines.push(`  in the way: ${item.problems.map(oneLine).join('; ')}`);
    for (const m of item.behindTarget) {
      const unit = m.unit ? ` ${safeText(m.unit)}` : '';
      lines.push(
        `  behind target: ${oneLine(m.question)} at ${m.actuals.at(-1)?.value ?? '?'}${unit} (target ${m.target}, ${m.progress}% of the way)`,
      );
    }
  }
  return lines.join('\n');
}
