// Everything the tool shows a person, as strings. The only module that imports chalk.
import chalk from 'chalk';
import type { Question } from '../bank/bank.js';
import { LOOP_PURPOSE, type Loop } from '../journey/loop.js';
import { plural } from '../journey/words.js';
import { SLASH_HELP } from './commands.js';

export function setColor(enabled: boolean): void {
  chalk.level = enabled ? (Math.max(chalk.level, 1) as 1 | 2 | 3) : 0;
}

export const style = {
  title: (s: string) => chalk.bold(s),
  dim: (s: string) => chalk.dim(s),
  good: (s: string) => chalk.green(s),
  warn: (s: string) => chalk.yellow(s),
  bad: (s: string) => chalk.red(s),
  loop: (loop: Loop) => chalk.cyan(loop),
};

export function renderCoaching(q: Question): string {
  const lines: string[] = [];
  lines.push(chalk.magenta(`  Why ask: ${q.why ?? 'no coaching note in this bank'}`));
  if (q.listenFor.length > 0) {
    lines.push(chalk.magenta('  Listen for:'));
    for (const cue of q.listenFor) lines.push(chalk.magenta(`    - ${cue}`));
  }
  return lines.join('\n');
}

export function renderQuestionHeader(loop: Loop, position: number, total: number, q: Question): string {
  const marks = [q.required ? 'required' : '', q.parent ? 'follow-up' : ''].filter(Boolean).join(', ');
  return chalk.dim(`\n${loop} · ${position} of ${total}${marks ? ` · ${marks}` : ''}`);
}

export function renderSlashHelp(): string {
  return SLASH_HELP.map(([command, what]) => `  ${chalk.bold(command.padEnd(14))} ${what}`).join('\n');
}

export function renderLoopChoice(loop: Loop, reason: string, bankTitle: string): string {
  return `${chalk.bold(`${capitalise(loop)} loop`)}: ${LOOP_PURPOSE[loop]}.\n${chalk.dim(`${reason} Bank: ${bankTitle}.`)}`;
}

export interface SummaryView {
  outcome: 'complete' | 'saved' | 'cancelled';
  answered: number;
  skipped: number;
  notes: number;
  missingRequired: string[];
  file: string;
  account: string;
}

export function renderSummary(s: SummaryView): string {
  const head =
    s.outcome === 'complete'
      ? chalk.green('Session complete.')
      : chalk.yellow('Session saved; not finished yet.');
  const lines = [
    '',
    head,
    `  ${plural(s.answered, 'answer')}, ${plural(s.skipped, 'skipped question')}, ${plural(s.notes, 'note')}.`,
  ];
  if (s.missingRequired.length > 0) {
    lines.push(chalk.yellow(`  Still unknown (required): ${s.missingRequired.join(', ')}`));
  }
  lines.push(`  Saved in ${s.file}`);
  if (s.outcome !== 'complete') lines.push(`  Continue with: journey resume ${shellQuote(s.account)}`);
  return lines.join('\n');
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface Table {
  head: string[];
  rows: string[][];
}

export function renderTable({ head, rows }: Table): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [chalk.bold(line(head)), ...rows.map(line)].join('\n');
}
