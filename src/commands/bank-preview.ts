// `journey bank preview <id|file>`: walk a bank as a rep would, recording nothing: each question
// with its coaching, which follow-ups open, which rules fire. With --answers, the path a file takes.
import { promptSource } from '../app/prompt-source.js';
import type { QuestionBank } from '../bank/bank.js';
import { answersOf } from '../journey/interview.js';
import type { Prompts } from '../journey/port.js';
import { runInterview } from '../journey/runner.js';
import { newSession } from '../journey/session.js';
import { formatAnswer } from '../model/answer.js';
import type { Session } from '../model/session.js';
import { bankShelf } from '../store/bank-shelf.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankPreviewOptions extends GlobalOptions {
  bank: string;
  answers?: string | undefined;
}

export async function bankPreview(options: BankPreviewOptions): Promise<void> {
  const shelf = await bankShelf(findHome(options).dir);
  const { findBank, knowledgeBankFor } = await import('../bank/catalog.js');
  const bank = await findBank(options.bank, options.cwd, shelf);
  const knowledge = await knowledgeBankFor([], bank, shelf);
  const source = await promptSource({
    bank,
    answers: options.answers,
    cwd: options.cwd,
    strict: false,
    noTerminal: 'no terminal to preview in: pass --answers <file> (- for stdin) to preview non-interactively',
  });
  const { prompts, asked } = source.kind === 'scripted' ? source : withCoaching(source.prompts);
  const now = new Date();
  const { session, outcome } = await runInterview({
    bank,
    knowledge,
    prompts,
    session: newSession({ id: '20260101T000000Z-preview-x0', account: 'Preview', bank, now }),
    save: async () => undefined,
    clock: () => now,
    lenient: true,
  });
  await report(bank, session, asked(), outcome === 'complete');
}

/** A preview shows the coaching with every question, without the rep asking for it. */
function withCoaching(terminal: Prompts): { prompts: Prompts; asked: () => string[] } {
  const seen: string[] = [];
  const prompts: Prompts = {
    ...terminal,
    ask: async (q, context) => {
      seen.push(q.id);
      terminal.show({ kind: 'coaching', question: q });
      return terminal.ask(q, context);
    },
  };
  return { prompts, asked: () => seen };
}

async function report(
  bank: QuestionBank,
  session: Session,
  asked: string[],
  complete: boolean,
): Promise<void> {
  const { oneLine, renderFlag, renderTip, style } = await import('../ui/render.js');
  const answers = answersOf(session);
  output.out('');
  output.out(style.title(`Path through ${bank.id}${complete ? '' : ' (stopped early)'}:`));
  for (const q of bank.all) {
    const value = answers[q.id];
    const id = safeText(q.id);
    if (!asked.includes(q.id))
      output.out(style.dim(`  -  ${id}: not asked${q.when ? ` (when ${oneLine(q.when)})` : ''}`));
    else if (value === undefined) output.out(`  ·  ${id}: skipped`);
    else output.out(`  ✓  ${id}: ${oneLine(formatAnswer(q, value))}`);
  }
  if (session.tips.length + session.flags.length === 0) output.out(style.dim('No rule fired.'));
  for (const tip of session.tips) output.out(`${renderTip(tip)} ${style.dim(`(${safeText(tip.rule)})`)}`);
  for (const flag of session.flags) output.out(renderFlag(flag));
  output.out(style.dim('Preview only: nothing was recorded.'));
}
