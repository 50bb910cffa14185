// Everything the tool shows a person, as strings. The only module that imports chalk.
import chalk from 'chalk';
import { flagSource } from '../journey/flags.js';
import type { RunnerMessage } from '../journey/port.js';
import type { AnswerValue } from '../model/answer.js';
import { LOOP_PURPOSE, type Loop } from '../model/loop.js';
import type { Question } from '../model/question.js';
import type { Flag, Shift, Tip } from '../model/session.js';

import { SLASH_HELP } from './commands.js';

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

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

export function renderQuestionHeader(
  loop: Loop,
  position: number,
  total: number,
  q: Question,
  revisiting?: string,
): string {
  const marks = [q.required ? 'required' : '', q.parent ? 'follow-up' : ''].filter(Boolean).join(', ');
  const where = revisiting ? `re-evaluating for flag ${revisiting} · knowledge` : loop;
  return chalk.dim(`\n${where} · ${position} of ${total}${marks ? ` · ${marks}` : ''}`);
}

/** An answer quoted for evidence: lists joined, text in quotes. */
export function quoteAnswer(value: AnswerValue | undefined): string {
  if (value === undefined) return '(no answer)';
  if (Array.isArray(value))
    return value.length > 0 ? value.map((v) => `"${oneLine(v)}"`).join(', ') : '(none)';
  if (typeof value === 'string') return `"${oneLine(value)}"`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** What the runner tells the rep between questions. */
export function renderMessage(message: RunnerMessage): string {
  switch (message.kind) {
    case 'coaching':
      return renderCoaching(message.question);
    case 'tip':
      return renderTip(message.tip);
    case 'shift':
      return renderShift(message.shift);
    case 'flag':
      return renderFlag(message.flag);
    case 'warning':
      return style.warn(message.text);
    case 'info':
      return style.dim(message.text);
    case 'resolved':
      return renderResolved(message.flags);
  }
}

/** Flags a restated problem resolved, each with its id and what it said. */
export function renderResolved(flags: readonly Pick<Flag, 'id' | 'message'>[]): string {
  const lines = flags.map((f) => `    [${f.id}] ${oneLine(f.message)}`);
  return chalk.green(
    [`  Problem restated: this resolves ${plural(flags.length, 'loop-back flag')}:`, ...lines].join('\n'),
  );
}

/** Flags still open when a session ends: what the next call has to take up. */
export function renderStillOpen(flags: readonly Pick<Flag, 'id' | 'message'>[]): string {
  const lines = flags.map((f) => `    [${f.id}] ${oneLine(f.message)}`);
  return chalk.yellow(
    [`  Still open: ${plural(flags.length, 'loop-back flag')} (journey flags lists them):`, ...lines].join(
      '\n',
    ),
  );
}

/** Multi-line answers shown inline: line breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function renderTip(tip: Tip): string {
  return chalk.yellow(`  Tip: ${tip.text}`);
}

export function renderShift(shift: Shift): string {
  return [
    chalk.cyan(`  The problem has moved: ${shift.ask}`),
    chalk.cyan(`    was ${quoteAnswer(shift.before)}`),
    chalk.cyan(`    now ${quoteAnswer(shift.after)}`),
  ].join('\n');
}

export function renderFlag(flag: Flag, indent = '  '): string {
  const lines = [
    chalk.red.bold(`${indent}Loop back [${flag.id}] (${flagSource(flag)})`),
    chalk.red(`${indent}  ${flag.message}`),
  ];
  for (const e of flag.evidence) {
    lines.push(`${indent}  ${chalk.bold(e.ask)}`);
    if (e.before !== undefined) lines.push(`${indent}    before: ${quoteAnswer(e.before)}`);
    if (e.after !== undefined) lines.push(`${indent}    now:    ${quoteAnswer(e.after)}`);
  }
  if (flag.revisit.length > 0) lines.push(chalk.dim(`${indent}  Revisit: ${flag.revisit.join(', ')}`));
  return lines.join('\n');
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
