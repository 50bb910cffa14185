// The due list as text: who to call, how late it is, and what to bring up.
import chalk from 'chalk';
import type { DueItem } from '../journey/due.js';

export function renderDue(items: readonly DueItem[]): string {
  const lines: string[] = [];
  for (const item of items) {
    const when =
      item.overdueDays > 0
        ? chalk.red(`${item.overdueDays} day(s) overdue`)
        : item.overdueDays === 0
          ? chalk.yellow('due today')
          : chalk.dim(`due in ${-item.overdueDays} day(s)`);
    lines.push(
      `${chalk.bold(item.account)}  ${item.next}  ${when}  ${chalk.dim(`every ${item.every}, last check-in ${item.lastCheckIn ?? 'none yet'}`)}`,
    );
    if (item.openFlags > 0) lines.push(`  ${chalk.red(`${item.openFlags} open loop-back flag(s)`)}`);
    if (item.problems.length > 0) lines.push(`  in the way: ${item.problems.join('; ')}`);
    for (const m of item.behindTarget) {
      lines.push(
        `  behind target: ${m.question} at ${m.actuals.at(-1)?.value ?? '?'}${m.unit ? ` ${m.unit}` : ''} (target ${m.target}, ${m.progress}% of the way)`,
      );
    }
  }
  return lines.join('\n');
}
