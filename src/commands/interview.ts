// Runs one interview for start and resume: through the terminal, or from an answers file, and reports.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { QuestionBank } from '../bank/bank.js';
import { knowledgeBankFor } from '../bank/catalog.js';
import { formatProblem, MAX_YAML_BYTES, readYaml } from '../bank/source.js';
import { Cancelled, UserError } from '../errors.js';
import { type Background, backgroundFor } from '../journey/background.js';
import { type FlagView, flagViews, openFlags, restatesProblem } from '../journey/flags.js';
import { missingRequired } from '../journey/interview.js';
import { runInterview } from '../journey/runner.js';
import { answeredCount, type Session, skippedCount } from '../journey/session.js';
import { type AccountData, resolutionsOf } from '../store/account.js';
import { sessionPath } from '../store/paths.js';
import { createSessionFile, saveSessionFile } from '../store/sessions.js';
import { output } from '../ui/output.js';

export interface InterviewPlan {
  home: string;
  bank: QuestionBank;
  /** The account's Knowledge bank, for loop-backs. */
  knowledge: QuestionBank | undefined;
  background: Background;
  /** Loop-back flags open before this session: a Knowledge session that restates the problem resolves them. */
  openFlags: FlagView[];
  session: Session;
  /** True when the session file does not exist yet. */
  isNew: boolean;
  answers?: string | undefined;
  cwd: string;
}

/**
 * What a session brings from the account's earlier sessions: the Knowledge bank loop-backs return
 * to, the earlier answers and facts conditions read, and the loop-back flags still open.
 */
export async function accountContext(
  home: string,
  bank: QuestionBank,
  earlier: readonly Session[],
  account: AccountData,
  now: Date,
): Promise<Pick<InterviewPlan, 'knowledge' | 'background' | 'openFlags'>> {
  const lastKnowledge = earlier.filter((s) => s.loop === 'knowledge').at(-1)?.bank.id;
  return {
    knowledge: await knowledgeBankFor(lastKnowledge, bank, home),
    background: backgroundFor(earlier, now, account.records),
    openFlags: openFlags(flagViews(earlier, resolutionsOf(account))),
  };
}

export async function interview(plan: InterviewPlan): Promise<void> {
  if (plan.answers !== undefined) return interviewScripted(plan, plan.answers);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(
      'no terminal to ask questions in: run this in a terminal, or pass --answers <file> (- for stdin)',
    );
  }
  return interviewInTerminal(plan);
}

async function interviewInTerminal(plan: InterviewPlan): Promise<void> {
  const { terminalPrompts } = await import('../ui/prompts.js');
  const { home, bank } = plan;
  if (plan.isNew) await createSessionFile(home, plan.session);
  const { session, outcome } = await runInterview({
    bank,
    knowledge: plan.knowledge,
    background: plan.background,
    session: plan.session,
    prompts: terminalPrompts(bank.loop, output.out),
    save: async (s) => {
      await saveSessionFile(home, s);
    },
    clock: () => new Date(),
  });
  await report(plan, session, outcome);
  if (outcome === 'cancelled') throw new Cancelled('Interrupted: every answer given so far is saved.');
}

async function interviewScripted(plan: InterviewPlan, ref: string): Promise<void> {
  const { checkScriptedAnswers, scriptedPrompts } = await import('../journey/scripted.js');
  const { raw, file } = await readAnswers(ref, plan.cwd);
  const answers = checkScriptedAnswers(plan.bank, raw, file);
  const prompts = scriptedPrompts(answers, file);
  // Buffered: a scripted run either records the whole session or, on a rejected answer, nothing.
  let last = plan.session;
  const { session, outcome } = await runInterview({
    bank: plan.bank,
    knowledge: plan.knowledge,
    background: plan.background,
    session: plan.session,
    prompts,
    save: async (s) => {
      last = s;
    },
    clock: () => new Date(),
  });
  if (plan.isNew) await createSessionFile(plan.home, last);
  else await saveSessionFile(plan.home, last);
  for (const id of prompts.unused()) {
    output.err(`warning: ${file}: the answer to "${id}" was not used: its condition did not hold`);
  }
  await report(plan, session, outcome, true);
}

export async function readAnswers(
  ref: string,
  cwd: string,
): Promise<{ raw: Record<string, unknown>; file: string }> {
  const file = ref === '-' ? '<stdin>' : resolve(cwd, ref);
  const text = ref === '-' ? await readStdin() : await readAnswerFile(file);
  const yaml = readYaml(text, file);
  if (!yaml.ok) {
    throw new UserError(`${file}: cannot read the answers`, yaml.problems.map(formatProblem));
  }
  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file}: answers must be a map of question id to answer (YAML or JSON)`);
  }
  return { raw: value as Record<string, unknown>, file };
}

async function readAnswerFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: cannot read the answers file (${code === 'ENOENT' ? 'no such file' : code})`,
    );
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_YAML_BYTES) throw new UserError('<stdin>: the answers are larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function report(
  plan: InterviewPlan,
  session: Session,
  outcome: 'complete' | 'saved' | 'cancelled',
  scripted = false,
): Promise<void> {
  const { renderFlag, renderShift, renderSummary, renderTip, style } = await import('../ui/render.js');
  // A script saw nothing as it happened: list what the session raised.
  if (scripted) {
    for (const shift of session.shifts) output.out(renderShift(shift));
    for (const tip of session.tips) output.out(renderTip(tip));
    for (const flag of session.flags) output.out(renderFlag(flag));
  }
  if (restatesProblem(session) && plan.openFlags.length > 0) {
    const ids = plan.openFlags.map((f) => f.flag.id).join(', ');
    output.out(
      style.good(
        `Problem restated: resolved ${plan.openFlags.length} open loop-back flag(s) raised before (${ids}).`,
      ),
    );
  }
  const summary = renderSummary({
    outcome,
    answered: answeredCount(session),
    skipped: skippedCount(session),
    notes: session.notes.length,
    missingRequired: missingRequired(plan.bank, session, plan.background).map((q) => q.id),
    file: sessionPath(plan.home, session.account, session.id),
    account: session.account,
  });
  if (outcome === 'cancelled') output.err(summary);
  else output.out(summary);
}
