// A bank resolved for reading: follow-ups in place under their parents, conditions shown, rules listed.
// Every word of it comes from a file, so each goes through safeText before it is styled.
import chalk from 'chalk';
import type { QuestionBank } from '../bank/bank.js';
import type { BankFolder, TeamBankUpdate } from '../bank/location.js';
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

/** A commit as people quote it. */
export const shortCommit = (commit: string) => commit.slice(0, 7);

/**
 * Where a bank comes from, for `bank list`'s FROM column: built-in, home, or team with the folder
 * config.yaml names or the git URL, ref and commit in use (plain text: the table makes it safe).
 */
export function bankOrigin(folder: BankFolder | undefined, source: string): string {
  if (folder?.source !== 'team' || !folder.label) return source;
  const git = folder.git;
  if (!git) return `team (${folder.label})`;
  return `team (${folder.label}${git.path ? ` ${git.path}/` : ''} at ${shortCommit(git.commit)})`;
}

/** The URL with its ref, as config.yaml names a git bank. */
const teamBankLabel = (update: Pick<TeamBankUpdate, 'url' | 'ref'>) =>
  update.ref === null ? update.url : `${update.url}#${update.ref}`;

/**
 * One line per git bank for `journey bank update` and `journey sync` (made safe here), then the lint
 * problems of a commit kept back, indented. `ok`: nothing for anyone to fix.
 */
export function renderTeamBankUpdate(update: TeamBankUpdate): { ok: boolean; lines: string[] } {
  const head = `${safeText(teamBankLabel(update))}: `;
  const at = (commit: string | null) => (commit ? shortCommit(commit) : '');
  switch (update.status) {
    case 'updated': {
      const moved = update.previous
        ? `updated ${at(update.previous)} → ${at(update.inUse)}`
        : `fetched ${at(update.inUse)}`;
      const warned =
        update.warnings > 0 ? ` (${update.warnings} lint warning${update.warnings === 1 ? '' : 's'})` : '';
      return { ok: true, lines: [`${head}${moved}${warned}`] };
    }
    case 'unchanged':
      return { ok: true, lines: [`${head}unchanged at ${at(update.inUse)}`] };
    case 'kept-previous': {
      const errors = update.problems.length;
      const why = `${errors} lint error${errors === 1 ? '' : 's'} at ${at(update.commit)}`;
      const kept = update.previous ? `kept ${at(update.previous)}: ${why}` : `not used: ${why}`;
      return {
        ok: false,
        lines: [
          `${head}${kept}`,
          ...update.problems.map(
            (p) => `  ${safeText(`${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`)}`,
          ),
        ],
      };
    }
    case 'failed': {
      const still = update.previous ? `still using ${at(update.previous)}` : 'not fetched yet';
      return { ok: false, lines: [`${head}failed: ${safeText(update.message)}; ${still}`] };
    }
  }
}
