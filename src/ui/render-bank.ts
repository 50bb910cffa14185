// A bank resolved for reading: follow-ups in place under their parents, conditions shown, rules listed.
// Every word of it comes from a file, so each goes through safeText before it is styled.
import chalk from 'chalk';
import type { QuestionBank } from '../bank/bank.js';
import type { Question } from '../model/question.js';
import { safeText } from './safe-text.js';

/** One line of a bank's text: a folded YAML block ends in a line break, which is not content. */
const line = (text: string) => safeText(text).trim();
/** A block of a bank's text (a description), its lines indented by `pad`. */
const block = (text: string, pad = '') =>
  safeText(text.trim(), { multiline: true })
    .split('\n')
    .map((l) => `${pad}${l}`)
    .join('\n');

/** The bank as plain data (no compiled conditions), for `bank show --json`. */
export function bankView(bank: QuestionBank) {
  return {
    id: bank.id,
    version: bank.version,
    loop: bank.loop,
    title: bank.title,
    description: bank.description ?? null,
    hash: bank.hash,
    file: bank.file,
    shiftThreshold: bank.shiftThreshold,
    questions: bank.questions,
    rules: bank.rules.map(({ id, when, kind, message, revisit, dependsOn }) => ({
      id,
      when,
      kind,
      message,
      revisit,
      dependsOn,
    })),
    examples: bank.examples,
  };
}

function typeText(q: Question): string {
  if (q.type === 'choice' || q.type === 'multi') {
    return `${q.type}: ${q.choices.map((c) => line(c.id)).join(', ')}${q.other ? ', or their own' : ''}`;
  }
  if (q.type === 'number') {
    const range = [q.min !== undefined ? `≥ ${q.min}` : '', q.max !== undefined ? `≤ ${q.max}` : '']
      .filter(Boolean)
      .join(' ');
    return ['number', q.unit && line(q.unit), range].filter(Boolean).join(' ');
  }
  if (q.type === 'scale') return `scale ${q.min ?? 1}..${q.max ?? 5}`;
  return q.type;
}

function renderQuestion(q: Question, number: string, depth: number): string[] {
  const pad = '  '.repeat(depth + 1);
  const marks = [
    q.required ? 'required' : '',
    q.tracks ? 'tracks problem' : '',
    q.role ? 'problem statement' : '',
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `${pad}${chalk.bold(`${number} ${line(q.id)}`)} ${chalk.dim(`[${typeText(q)}]`)}${marks ? chalk.cyan(` ${marks}`) : ''}`,
  ];
  if (q.when) lines.push(`${pad}   ${chalk.yellow(`when ${line(q.when)}`)}`);
  lines.push(`${pad}   ${line(q.ask)}`);
  if (q.why) lines.push(`${pad}   ${chalk.magenta(`why: ${line(q.why)}`)}`);
  if (q.listenFor.length > 0)
    lines.push(`${pad}   ${chalk.magenta(`listen for: ${q.listenFor.map(line).join('; ')}`)}`);
  q.followUps.forEach((f, i) => {
    lines.push(...renderQuestion(f, `${number}${String.fromCharCode(97 + i)}`, depth + 1));
  });
  return lines;
}

export function renderBank(bank: QuestionBank): string {
  const lines = [
    `${chalk.bold.underline(line(bank.id))} v${line(String(bank.version))} · ${bank.loop} · ${line(bank.title)}`,
    chalk.dim(`${line(bank.file)} · ${bank.hash}`),
  ];
  if (bank.description) lines.push(block(bank.description));
  lines.push('', chalk.bold('Questions'));
  bank.questions.forEach((q, i) => {
    lines.push(...renderQuestion(q, `${i + 1}.`, 0));
  });
  if (bank.rules.length > 0) {
    lines.push('', chalk.bold('Rules'));
    for (const rule of bank.rules) {
      const kind = rule.kind === 'tip' ? chalk.yellow('tip') : chalk.red('loop-back');
      lines.push(`  ${chalk.bold(line(rule.id))} ${kind} when ${line(rule.when)}`);
      lines.push(block(rule.message, '     '));
      if (rule.revisit.length > 0)
        lines.push(chalk.dim(`     revisit: ${rule.revisit.map(line).join(', ')}`));
    }
  }
  if (bank.examples.length > 0) {
    lines.push('', chalk.bold('Examples'), ...bank.examples.map((e) => `  ${line(e.name)}`));
  }
  return lines.join('\n');
}
