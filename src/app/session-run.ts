// Recording a session against the data folder, for start and resume: the account's context, the
// session's lock (one writer at a time), the run through the terminal or an answers file (saved
// after every answer, or all at once when scripted), and the report at the end.

import { dirname } from 'node:path';
import type { QuestionBank } from '../bank/bank.js';
import type { BankShelf } from '../bank/location.js';
import { Cancelled, UserError } from '../errors.js';
import { type Background, backgroundFor } from '../journey/background.js';
import type { FlagView } from '../journey/flags.js';
import { missingRequired } from '../journey/interview.js';
import type { Outcome } from '../journey/port.js';
import { runInterview } from '../journey/runner.js';
import type { Account } from '../model/account.js';
import type { Session } from '../model/session.js';
import type { Lock, LockHolder } from '../store/lock.js';
import { createSessionFile, rememberSession, saveSessionFile } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';
import { promptSource } from './prompt-source.js';

export interface SessionPlan {
  home: string;
  bank: QuestionBank;
  /** The bank file the session was started with, when it is not an installed bank: resume needs it. */
  resumeBank?: string | undefined;
  /** The account's Knowledge bank, for loop-backs. */
  knowledge: QuestionBank | undefined;
  background: Background;
  /** Loop-back flags open before this session: a Knowledge session that restates the problem resolves them. */
  openFlags: FlagView[];
  session: Session;
  /** The session's file (where it was read from, or where a new one goes). */
  file: string;
  /** True when the session file does not exist yet. */
  isNew: boolean;
  /** The session's lock, held by this run (see withSessionLock). */
  lock: Lock;
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

/**
 * Warns, once each, about the bank files and folders on the shelf that could not be read at all (a
 * stray file in <home>/banks, a team folder config.yaml names that is not there); the other banks
 * are used as usual.
 */
export async function warnUnreadableBanks(shelf: BankShelf): Promise<void> {
  const { loadCatalog } = await import('../bank/catalog.js');
  for (const problem of (await loadCatalog(shelf)).unreadable) {
    output.err(`warning: ${safeText(problem.file)}: ${safeText(problem.message)}`);
  }
}

export interface LockTarget {
  home: string;
  session: Pick<Session, 'id' | 'account'>;
  /** The command a rep would run to take the session over. */
  command: 'start' | 'resume';
  steal?: boolean | undefined;
}

/**
 * Runs `run` holding the session's lock, and releases it however `run` ends (complete, saved,
 * cancelled, an error). A lock held by a live journey elsewhere is refused with who holds it and
 * how to take over; one whose holder is gone is taken over without a word.
 */
export async function withSessionLock<T>(target: LockTarget, run: (lock: Lock) => Promise<T>): Promise<T> {
  const { LockBusy, lockSession } = await import('../store/session-lock.js');
  let lock: Lock;
  try {
    lock = await lockSession(target.home, target.session.id, {
      steal: target.steal,
      purpose: target.command,
    });
  } catch (error) {
    if (error instanceof LockBusy) throw busyError(target, error);
    throw error;
  }
  const from = lock.stolenFrom;
  if (from) {
    output.err(
      `Took over session ${target.session.id} from journey pid ${from.pid} on ${safeText(from.host)} (--steal-lock): it stops at its next answer.`,
    );
  }
  try {
    return await run(lock);
  } finally {
    await lock.release();
  }
}

function busyError(target: LockTarget, busy: { path: string; holder: LockHolder | undefined }): UserError {
  const { holder } = busy;
  const who = holder
    ? `pid ${holder.pid} on ${safeText(holder.host)}, since ${safeText(holder.since.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC'))}`
    : `its lock file ${safeText(busy.path)} does not say who`;
  return new UserError(
    `the session ${target.session.id} with ${safeText(target.session.account)} is open in another journey (${who}); finish it there, or take it over with: journey ${target.command} ${shellQuote(target.session.account)} --steal-lock`,
  );
}

/** Records the session; returns it as it ended (complete, or saved to resume). */
export async function recordSession(plan: SessionPlan): Promise<Session> {
  const source = await promptSource({
    bank: plan.bank,
    answers: plan.answers,
    cwd: plan.cwd,
    strict: true,
    home: plan.home,
    noTerminal:
      'no terminal to ask questions in: run this in a terminal, or pass --answers <file> (- for stdin)',
  });
  const scripted = source.kind === 'scripted';
  const write = async (s: Session, create: boolean) => {
    await stillOurs(plan);
    if (create) await createSessionFile(plan.home, s, dirname(plan.file));
    else await saveSessionFile(plan.home, s, plan.file);
  };
  if (plan.isNew && !scripted) await write(plan.session, true);
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
      if (!scripted) await write(s, false);
    },
    clock: () => new Date(),
  });
  if (scripted) {
    await write(last, plan.isNew);
    for (const id of source.unused()) {
      output.err(
        `warning: ${safeText(source.file)}: the answer to "${safeText(id)}" was not used: its condition did not hold`,
      );
    }
  }
  // A session this run began goes into its folder's cache as written: the account's next run does
  // not parse it again (one resumed from its file is parsed again, to warn of a newer journey's keys).
  if (plan.isNew && outcome !== 'discarded') await rememberSession(plan.home, plan.file, last);
  if (outcome === 'discarded') {
    await discard(plan, session);
    return session;
  }
  await report(plan, session, outcome, scripted);
  if (outcome === 'cancelled') throw new Cancelled('Interrupted: every answer given so far is saved.');
  return session;
}

/** `/discard`: the session's file goes (under its lock, which withSessionLock releases after). */
async function discard(plan: SessionPlan, session: Session): Promise<void> {
  await stillOurs(plan);
  await discardSession(plan.home, session, plan.file);
}

/** Deletes an unfinished session's file (its lock held) and tells the rep: `/discard` and `journey discard`. */
export async function discardSession(home: string, session: Session, file: string): Promise<void> {
  const { discardSessionFile } = await import('../store/discard.js');
  await discardSessionFile(home, session, file);
  const { wrapToTerminal } = await import('../ui/layout.js');
  output.out(wrapToTerminal(discardedMessage(session)));
}

/** What the rep reads once a session is discarded. */
function discardedMessage(session: Pick<Session, 'loop' | 'account' | 'started'>): string {
  return `Discarded the unfinished ${session.loop} session with ${safeText(session.account)} from ${session.started.slice(0, 10)}. journey sync never shares an unfinished call, so no teammate has it.`;
}

/** Before each write: the lock is still this run's (not taken over with --steal-lock). */
async function stillOurs(plan: SessionPlan): Promise<void> {
  const { LockLost } = await import('../store/session-lock.js');
  try {
    plan.lock.check();
  } catch (error) {
    if (!(error instanceof LockLost)) throw error;
    const by = error.holder ? ` by journey pid ${error.holder.pid} on ${safeText(error.holder.host)}` : '';
    throw new UserError(
      `the session ${plan.session.id} was taken over${by} (--steal-lock); this run stops here and writes nothing more: every answer saved before is kept`,
    );
  }
}

async function report(
  plan: SessionPlan,
  session: Session,
  outcome: Exclude<Outcome, 'discarded'>,
  scripted: boolean,
): Promise<void> {
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(session)]);
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
    // Named as the rep asks them, not by id.
    missingRequired: missingRequired(plan.bank, session, plan.background).map((q) => q.ask),
    file: plan.file,
    resumeBank: plan.resumeBank,
  });
  for (const line of lines.out) output.out(line);
  for (const line of lines.err) output.err(line);
}
