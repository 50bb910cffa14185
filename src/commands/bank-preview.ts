// `journey bank preview <id|file>`: walk a bank as a rep would, recording nothing: each question
// with its coaching, which follow-ups open, which rules fire. With --answers, the path a file takes.
import type { QuestionBank } from '../bank/bank.js';
import { UserError } from '../errors.js';
import { formatAnswer } from '../journey/answer.js';
import { answersOf } from '../journey/interview.js';
import { type Prompts, runInterview } from '../journey/runner.js';
import { newSession, type Session } from '../journey/session.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankPreviewOptions extends GlobalOptions {
  bank: string;
  answers?: string | undefined;
}

export async function bankPreview(options: BankPreviewOptions): Promise<void> {
  const home = findHome(options).dir;
  const { findBank, knowledgeBankFor } = await import('../bank/catalog.js');
  const bank = await findBank(options.bank, options.cwd, home);
  const knowledge = await knowledgeBankFor(undefined, bank, home);
  let prompts: Prompts;
  let asked: () => string[];
  if (options.answers !== undefined) {
    const { readAnswers } = await import('./interview.js');
    const { checkScriptedAnswers, scriptedPrompts } = await import('../journey/scripted.js');
    const { raw, file } = await readAnswers(options.answers, options.cwd);
    const scripted = scriptedPrompts(checkScriptedAnswers(bank, raw, file), file, false);
    prompts = scripted;
    asked = scripted.asked;
  } else {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UserError(
        'no terminal to preview in: pass --answers <file> (- for stdin) to preview non-interactively',
      );
    }
    const { terminalPrompts } = await import('../ui/prompts.js');
    const terminal = terminalPrompts(bank.loop, output.out);
    const seen: string[] = [];
    // A preview shows the coaching with every question, without the rep asking for it.
    prompts = {
      ...terminal,
      ask: async (q, context) => {
        seen.push(q.id);
        terminal.show({ kind: 'coaching', question: q });
        return terminal.ask(q, context);
      },
    };
    asked = () => seen;
  }
  const now = new Date();
  const { session, outcome } = await runInterview({
    bank,
    knowledge,
    prompts,
    session: newSession({ id: '20260101T000000Z-preview-x0', account: 'Preview', bank, now }),
    save: async () => undefined,
    clock: () => new Date(),
    lenient: true,
  });
  await report(bank, session, asked(), outcome === 'complete');
}

async function report(
  bank: QuestionBank,
  session: Session,
  asked: string[],
  complete: boolean,
): Promise<void> {
  const { renderFlag, renderTip, style } = await import('../ui/render.js');
  const answers = answersOf(session);
  output.out(style.title(`\nPath through ${bank.id}${complete ? '' : ' (stopped early)'}:`));
  for (const q of bank.all) {
    const value = answers[q.id];
    if (!asked.includes(q.id))
      output.out(style.dim(`  -  ${q.id}: not asked${q.when ? ` (when ${q.when})` : ''}`));
    else if (value === undefined) output.out(`  ·  ${q.id}: skipped`);
    else output.out(`  ✓  ${q.id}: ${formatAnswer(q, value)}`);
  }
  if (session.tips.length + session.flags.length === 0) output.out(style.dim('No rule fired.'));
  for (const tip of session.tips) output.out(`${renderTip(tip)} ${style.dim(`(${tip.rule})`)}`);
  for (const flag of session.flags) output.out(renderFlag(flag));
  output.out(style.dim('Preview only: nothing was recorded.'));
}
