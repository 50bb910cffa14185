// Everything the tool shows a person, as strings. The only module that imports chalk. Text from a
// user or a file goes through safeText before it is styled (never the styled string: that would
// show our own colour codes as ␛[…m).
import chalk from 'chalk';
import { flagSource } from '../journey/flags.js';
import type { RunnerMessage } from '../journey/port.js';
import { type AnswerValue, formatMeasure, isMeasureValue } from '../model/answer.js';
import { LOOP_PURPOSE, type Loop } from '../model/loop.js';
import type { Question } from '../model/question.js';
import type { Flag, Shift, Tip } from '../model/session.js';

export { setColor } from './color.js';

import { SLASH_HELP } from './commands.js';
import { displayWidth, padCells } from './layout.js';
import { safeText, shellQuote } from './safe-text.js';

export { shellQuote };

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Colour on a terminal, unless turned off. FORCE_COLOR (as chalk and most tools read it: set, and
 * not 0 or false) turns it on where there is no terminal too, NO_COLOR notwithstanding, so a pager
 * or a test can see the styling; an explicit --no-color still wins.
 */
/**
 * Styles for plain text, which each makes safe first (keeping line breaks): a command may hand in a
 * line with an account name in it. Never pass a styled string in; style the pieces and join them.
 */
export const style = {
  title: (s: string) => chalk.bold(safe(s)),
  dim: (s: string) => chalk.dim(safe(s)),
  good: (s: string) => chalk.green(safe(s)),
  warn: (s: string) => chalk.yellow(safe(s)),
  bad: (s: string) => chalk.red(safe(s)),
  loop: (loop: Loop) => chalk.cyan(safe(loop)),
  /** An answer as a prompt shows it once given (inquirer's own colour for it). */
  answer: (s: string) => chalk.cyan(safe(s)),
};

function safe(s: string): string {
  return safeText(s, { multiline: true });
}

export function renderCoaching(q: Question): string {
  const lines: string[] = [];
  const why = q.why === undefined ? 'no coaching note in this bank' : safeText(q.why).trim();
  lines.push(chalk.magenta(`  Why ask: ${why}`));
  if (q.listenFor.length > 0) {
    lines.push(chalk.magenta('  Listen for:'));
    for (const cue of q.listenFor) lines.push(chalk.magenta(`    - ${safeText(cue)}`));
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
  const where = revisiting ? `re-evaluating for flag ${safeText(revisiting)} · knowledge` : loop;
  const header = chalk.dim(`\n${where} · ${position} of ${total}${marks ? ` · ${marks}` : ''}`);
  // A rep-side classification is the rep's own read: never a question to read out to the buyer.
  return q.askRep ? `${header}\n${chalk.cyan('Fill in yourself (not a question for them):')}` : header;
}

/**
 * An answer quoted for evidence, safe to print: lists joined, text in quotes, on one line. A chosen
 * choice reads as its label (given in `labels`, as entries and evidence keep them), without quotes.
 */
export function quoteAnswer(
  value: AnswerValue | undefined,
  labels?: Readonly<Record<string, string>>,
): string {
  if (value === undefined) return '(no answer)';
  const one = (v: string) => {
    const label = labels?.[v];
    return label === undefined ? `"${oneLine(v)}"` : oneLine(label);
  };
  if (Array.isArray(value)) return value.length > 0 ? value.map(one).join(', ') : '(none)';
  if (typeof value === 'string') return one(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (isMeasureValue(value)) return safeText(formatMeasure(value));
  return safeText(String(value));
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
      return renderFlag(message.flag, '  ', message.asks && new Map(Object.entries(message.asks)));
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
  const lines = flags.map((f) => `    [${safeText(f.id)}] ${oneLine(f.message)}`);
  return chalk.green(
    [`  Problem restated: this resolves ${plural(flags.length, 'loop-back flag')}:`, ...lines].join('\n'),
  );
}

/** Flags still open when a session ends: what the next call has to take up. */
export function renderStillOpen(flags: readonly Pick<Flag, 'id' | 'message'>[]): string {
  const lines = flags.map((f) => `    [${safeText(f.id)}] ${oneLine(f.message)}`);
  return chalk.yellow(
    [`  Still open: ${plural(flags.length, 'loop-back flag')} (journey flags lists them):`, ...lines].join(
      '\n',
    ),
  );
}

/** Multi-line text shown inline and safe to print: line breaks (and the blanks around them) become one space. */
export function oneLine(text: string): string {
  return safeText(text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim());
}

/** Flag ids and question ids, as a bank or a session file gives them. */
function idList(ids: readonly string[]): string {
  return ids.map((id) => safeText(id)).join(', ');
}

export function renderTip(tip: Tip): string {
  return chalk.yellow(`  Tip: ${oneLine(tip.text)}`);
}

export function renderShift(shift: Shift): string {
  return [
    chalk.cyan(`  The problem has moved: ${oneLine(shift.ask)}`),
    chalk.cyan(`    was ${quoteAnswer(shift.before)}`),
    chalk.cyan(`    now ${quoteAnswer(shift.after)}`),
  ].join('\n');
}

/** How much of a question a short mention shows (a fact, a question to revisit). */
const SHORT_ASK = 36;

/** A question in a few words: its first sentence, cut at a word when longer than a short line. */
export function shortAsk(ask: string): string {
  const text = oneLine(ask);
  const end = text.search(/[?.](\s|$)/);
  const first = end < 0 ? text : text.slice(0, end + 1);
  if (first.length <= SHORT_ASK) return first;
  const cut = first.slice(0, SHORT_ASK).replace(/\s+\S*$/, '');
  return `${cut}…`;
}

/**
 * A loop-back flag with its evidence and the questions to revisit: as the rep asks them when the
 * Knowledge bank's questions are known (`asks`, by id), else by id.
 */
export function renderFlag(flag: Flag, indent = '  ', asks?: ReadonlyMap<string, string>): string {
  const lines = [
    chalk.red.bold(`${indent}Loop back [${safeText(flag.id)}] (${safeText(flagSource(flag))})`),
    chalk.red(`${indent}  ${oneLine(flag.message)}`),
  ];
  for (const e of flag.evidence) {
    lines.push(`${indent}  ${chalk.bold(oneLine(e.ask))}`);
    const before = e.before === undefined ? undefined : quoteAnswer(e.before, e.labels);
    const after = e.after === undefined ? undefined : quoteAnswer(e.after, e.labels);
    if (before !== undefined && after !== undefined) lines.push(`${indent}    ${before} → ${after}`);
    else if (before !== undefined) lines.push(`${indent}    before: ${before}`);
    else if (after !== undefined) lines.push(`${indent}    now: ${after}`);
  }
  if (flag.revisit.length > 0) {
    const named = asks && flag.revisit.every((id) => asks.has(id));
    const list = named
      ? flag.revisit.map((id) => `"${shortAsk(asks.get(id) ?? id)}"`).join('; ')
      : idList(flag.revisit);
    lines.push(chalk.dim(`${indent}  Revisit: ${list}`));
  }
  return lines.join('\n');
}

export function renderSlashHelp(): string {
  return SLASH_HELP.map(([command, what]) => `  ${chalk.bold(command.padEnd(14))} ${what}`).join('\n');
}

export function renderLoopChoice(loop: Loop, reason: string, bankTitle: string, deal = ''): string {
  const about = deal ? ` ${chalk.cyan(`(deal: ${safeText(deal)})`)}` : '';
  return `${chalk.bold(`${capitalise(loop)} loop`)}${about}: ${LOOP_PURPOSE[loop]}.\n${chalk.dim(`${safeText(reason)} Bank: ${safeText(bankTitle)}.`)}`;
}

export interface SummaryView {
  outcome: 'complete' | 'saved' | 'cancelled';
  answered: number;
  skipped: number;
  notes: number;
  missingRequired: string[];
  file: string;
  account: string;
  /** The session's deal, when it names one: resume needs it to find the session among others. */
  deal?: string | undefined;
  /** The bank file, when the session's bank is not installed: resume needs it too. */
  bank?: string | undefined;
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
    const asks = s.missingRequired.map((ask) => `"${oneLine(ask)}"`).join('; ');
    lines.push(chalk.yellow(`  Still unknown (required): ${asks}`));
  }
  lines.push(`  Saved in ${safeText(s.file)}`);
  if (s.outcome !== 'complete') {
    const deal = s.deal ? ` --deal ${shellQuote(s.deal)}` : '';
    const bank = s.bank ? ` --bank ${shellQuote(s.bank)}` : '';
    lines.push(`  Continue with: journey resume ${shellQuote(s.account)}${deal}${bank}`);
  }
  return lines.join('\n');
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface Table {
  head: string[];
  rows: string[][];
}

/** Cells are plain text (made safe here, one line each); the head is styled. */
export function renderTable(table: Table): string {
  const head = table.head.map((h) => safeText(h));
  const rows = table.rows.map((r) => r.map((c) => safeText(c)));
  // Padded by display width: a CJK character or an emoji takes two cells, an accent none.
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => padCells(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [chalk.bold(line(head)), ...rows.map(line)].join('\n');
}
