// Recording a session against the data folder, for start and resume: the account's context, the
// run through the terminal or an answers file (saved after every answer, or all at once when
// scripted), and the report at the end.
import type { QuestionBank } from '../bank/bank.js';
import type { BankShelf } from '../bank/location.js';
import { Cancelled } from '../errors.js';
import { type Background, backgroundFor } from '../journey/background.js';
import type { FlagView } from '../journey/flags.js';
import { missingRequired } from '../journey/interview.js';
import type { Outcome } from '../journey/port.js';
import { runInterview } from '../journey/runner.js';
import type { Account } from '../model/account.js';
import type { Session } from '../model/session.js';
import { sessionPath } from '../store/paths.js';
import { createSessionFile, saveSessionFile } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { promptSource } from './prompt-source.js';

export interface SessionPlan {
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
export async function sessionContext(
  shelf: BankShelf,
  bank: QuestionBank,
  account: Account,
  earlier: readonly Session[],
  now: Date,
): Promise<Pick<SessionPlan, 'knowledge' | 'background' | 'openFlags'>> {
  const { knowledgeBankFor } = await import('../bank/catalog.js');
  const background = backgroundFor(earlier, now, account.records);
  return {
    knowledge: await knowledgeBankFor(earlier, bank, shelf),
    background,
    openFlags: [...(background.open ?? [])],
  };
}

export async function recordSession(plan: SessionPlan): Promise<void> {
  const source = await promptSource({
    bank: plan.bank,
    answers: plan.answers,
    cwd: plan.cwd,
    strict: true,
    noTerminal:
      'no terminal to ask questions in: run this in a terminal, or pass --answers <file> (- for stdin)',
  });
  const scripted = source.kind === 'scripted';
  if (plan.isNew && !scripted) await createSessionFile(plan.home, plan.session);
  // Scripted runs are buffered: they record the whole session or, on a rejected answer, nothing.
  let last = plan.session;
  const { session, outcome } = await runInterview({
    bank: plan.bank,
    knowledge: plan.knowledge,
    background: plan.background,
    session: plan.session,
    prompts: source.prompts,
    save: async (s) => {
      last = s;
      if (!scripted) await saveSessionFile(plan.home, s);
    },
    clock: () => new Date(),
  });
  if (scripted) {
    if (plan.isNew) await createSessionFile(plan.home, last);
    else await saveSessionFile(plan.home, last);
    for (const id of source.unused()) {
      output.err(`warning: ${source.file}: the answer to "${id}" was not used: its condition did not hold`);
    }
  }
  await report(plan, session, outcome, scripted);
  if (outcome === 'cancelled') throw new Cancelled('Interrupted: every answer given so far is saved.');
}

async function report(
  plan: SessionPlan,
  session: Session,
  outcome: Outcome,
  scripted: boolean,
): Promise<void> {
  const { renderRunReport } = await import('../ui/render-run.js');
  const resolvedIds = new Set((session.resolved ?? []).map((r) => r.flag));
  const known = [...plan.openFlags.map((v) => v.flag), ...session.flags];
  const stillOpen = known.filter(
    (f) => !resolvedIds.has(f.id) && !(f.decision === 'reevaluated' && session.flags.includes(f)),
  );
  const lines = renderRunReport({
    session,
    outcome,
    scripted,
    resolved: known.filter((f) => resolvedIds.has(f.id)),
    stillOpen,
    missingRequired: missingRequired(plan.bank, session, plan.background).map((q) => q.id),
    file: sessionPath(plan.home, session.account, session.id),
  });
  for (const line of lines.out) output.out(line);
  for (const line of lines.err) output.err(line);
}
