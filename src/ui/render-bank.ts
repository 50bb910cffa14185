// A bank resolved for reading: follow-ups in place under their parents, conditions shown, rules listed.
import chalk from 'chalk';
import type { QuestionBank } from '../bank/bank.js';
import type { Question } from '../model/question.js';

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
    return `${q.type}: ${q.choices.map((c) => c.id).join(', ')}${q.other ? ', or their own' : ''}`;
  }
  if (q.type === 'number') {
    const range = [q.min !== undefined ? `≥ ${q.min}` : '', q.max !== undefined ? `≤ ${q.max}` : '']
      .filter(Boolean)
      .join(' ');
    return ['number', q.unit, range].filter(Boolean).join(' ');
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
    `${pad}${chalk.bold(`${number} ${q.id}`)} ${chalk.dim(`[${typeText(q)}]`)}${marks ? chalk.cyan(` ${marks}`) : ''}`,
  ];
  if (q.when) lines.push(`${pad}   ${chalk.yellow(`when ${q.when}`)}`);
  lines.push(`${pad}   ${q.ask}`);
  if (q.why) lines.push(`${pad}   ${chalk.magenta(`why: ${q.why}`)}`);
  if (q.listenFor.length > 0)
    lines.push(`${pad}   ${chalk.magenta(`listen for: ${q.listenFor.join('; ')}`)}`);
  q.followUps.forEach((f, i) => {
    lines.push(...renderQuestion(f, `${number}${String.fromCharCode(97 + i)}`, depth + 1));
  });
  return lines;
}

export function renderBank(bank: QuestionBank): string {
  const lines = [
    `${chalk.bold.underline(bank.id)} v${bank.version} · ${bank.loop} · ${bank.title}`,
    chalk.dim(`${bank.file} · ${bank.hash}`),
  ];
  if (bank.description) lines.push(bank.description.trim());
  lines.push('', chalk.bold('Questions'));
  bank.questions.forEach((q, i) => {
    lines.push(...renderQuestion(q, `${i + 1}.`, 0));
  });
  if (bank.rules.length > 0) {
    lines.push('', chalk.bold('Rules'));
    for (const rule of bank.rules) {
      const kind = rule.kind === 'tip' ? chalk.yellow('tip') : chalk.red('loop-back');
      lines.push(`  ${chalk.bold(rule.id)} ${kind} when ${rule.when}`);
      lines.push(`     ${rule.message.trim()}`);
      if (rule.revisit.length > 0) lines.push(chalk.dim(`     revisit: ${rule.revisit.join(', ')}`));
    }
  }
  if (bank.examples.length > 0) {
    lines.push('', chalk.bold('Examples'), ...bank.examples.map((e) => `  ${e.name}`));
  }
  return lines.join('\n');
}
