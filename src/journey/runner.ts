// The interview runner: asks the open questions through a prompt adapter, reviews answers for
// loop-backs and tips, and saves after every change. Interactive and scripted interviews are this
// same loop with different adapters.
import type { ConditionRuntimeError } from '../bank/conditions.js';
import { answerSizeProblem, noteProblem } from '../model/answer.js';
import type { Question } from '../model/question.js';
import type { Flag, Session } from '../model/session.js';
import { type Background, NO_BACKGROUND } from './background.js';
import {
  completeMeasure,
  completeSession,
  knownMeasure,
  OpenQuestions,
  questionBefore,
} from './interview.js';
import type { AskContext, Outcome, RunOptions } from './port.js';
import { flagsRestated, recordRestatement } from './restate.js';
import {
  applyShift,
  fireRules,
  manualFlag,
  movedByThreshold,
  nothingRaised,
  type Raised,
  type ReviewInput,
  shiftOf,
  withdrawCorrected,
} from './review.js';
import { reevaluate } from './revisit.js';
import { sideReply } from './side-reply.js';
import { addWarning } from './warnings.js';

export async function runInterview(options: RunOptions): Promise<{ session: Session; outcome: Outcome }> {
  const { bank, prompts, save, clock } = options;
  const background = options.background ?? NO_BACKGROUND;
  let session = options.session;
  let revisiting: Question | undefined;
  /** Answered since the last review: reviewed once their follow-ups are done. */
  let pending: Question[] = [];
  /** Which questions are open, kept up to date answer by answer (a run stays linear in its size). */
  const open = new OpenQuestions(bank, background);

  const review = (): ReviewInput => ({
    bank,
    session,
    background,
    knowledge: options.knowledge,
    now: clock(),
    open,
  });
  const conditionFailed = (error: ConditionRuntimeError) => {
    const before = session.warnings.length;
    session = addWarning(session, error.message, clock());
    if (session.warnings.length > before) prompts.show({ kind: 'warning', text: error.message });
  };

  /** Tips shown in this run: one raised again after a corrected answer is not shown twice. */
  const shownTips = new Set<string>();
  // Raised items are shown at once; a loop-back may re-evaluate the problem before going on.
  const show = async (raised: Raised): Promise<Outcome | undefined> => {
    for (const text of raised.warnings) prompts.show({ kind: 'warning', text });
    for (const tip of raised.tips) {
      if (shownTips.has(tip.rule)) continue;
      shownTips.add(tip.rule);
      prompts.show({ kind: 'tip', tip });
    }
    for (const shift of raised.shifts) prompts.show({ kind: 'shift', shift });
    for (const flag of raised.flags) {
      const outcome = await decide(flag);
      if (outcome) return outcome;
    }
    return restate();
  };
  const decide = async (flag: Flag): Promise<Outcome | undefined> => {
    // The questions to revisit, named as the rep will ask them.
    const asks = Object.fromEntries(
      flag.revisit.flatMap((id) => {
        const q = options.knowledge?.byId.get(id) ?? bank.byId.get(id);
        return q ? [[id, q.ask] as const] : [];
      }),
    );
    prompts.show({ kind: 'flag', flag, asks });
    const decision = await prompts.decideFlag(flag, asks);
    if (decision === 'cancel') return 'cancelled';
    if (decision === 'defer') return undefined;
    const result = await reevaluate({ ...options, background, session, flag });
    session = result.session;
    return result.outcome;
  };
  // A restated problem resolves the open flags whose questions were asked again: say which.
  const restate = async (): Promise<Outcome | undefined> => {
    if (!mayRestate(session, background, open)) return undefined;
    const resolved = flagsRestated(session, background);
    if (resolved.length === 0) return undefined;
    session = recordRestatement(session, resolved, clock());
    await save(session);
    prompts.show({ kind: 'resolved', flags: resolved });
    return undefined;
  };

  /** Shifts of the answers waiting for review, then the rules that are ready. */
  const reviewPending = async (final: boolean): Promise<Outcome | undefined> => {
    const before = session;
    const raised = nothingRaised();
    for (const q of pending) {
      const shift = shiftOf(review(), q);
      if (!shift || shift.verdict === 'same') continue;
      let moved = shift.verdict === 'moved';
      if (shift.verdict === 'unsure') {
        const verdict = prompts.judgeShift
          ? await prompts.judgeShift(q, shift.before, shift.after)
          : movedByThreshold(review(), q, shift.before, shift.after)
            ? 'moved'
            : 'reworded';
        if (verdict === 'cancel') return 'cancelled';
        moved = verdict === 'moved';
        const at = clock().toISOString();
        session = {
          ...session,
          judgements: [
            ...session.judgements,
            { question: q.id, before: shift.before, after: shift.after, verdict, at },
          ],
        };
      }
      if (moved) session = applyShift(review(), session, q, shift.before, shift.after, raised);
    }
    pending = [];
    session = fireRules(review(), raised, final);
    if (session !== before) await save(session);
    return show(raised);
  };

  /** After an answer: review now, unless the question's own follow-ups come next. */
  const settle = async (question?: Question): Promise<Outcome | undefined> => {
    if (question) {
      pending.push(question);
      await save(session);
    }
    const next = open.next(session, conditionFailed);
    if (next?.parent !== undefined && revisiting === undefined) return undefined;
    return reviewPending(false);
  };

  let stop = await settle();
  for (;;) {
    if (stop) return { session, outcome: stop };
    const question = revisiting ?? open.next(session, conditionFailed);
    if (!question) {
      stop = await reviewPending(true);
      if (stop) return { session, outcome: stop };
      session = completeSession(session, clock());
      await save(session);
      return { session, outcome: 'complete' };
    }
    const reply = await prompts.ask(question, askContext(open, background, session, question));
    switch (reply.kind) {
      case 'answer':
      case 'skip': {
        if (reply.kind === 'skip' && question.required && !options.lenient) {
          prompts.show({
            kind: 'warning',
            text: 'This one is required: get an answer, or /save and come back to it.',
          });
          break;
        }
        const tooBig = reply.kind === 'answer' ? answerSizeProblem(reply.value) : undefined;
        if (tooBig) {
          prompts.show({ kind: 'warning', text: `Not recorded: ${tooBig}.` });
          break;
        }
        const value =
          reply.kind === 'answer' ? completeMeasure(question, reply.value, background) : undefined;
        let heard: string[] = [];
        let leftAtCues = false;
        if (value !== undefined && question.cues.length > 0 && prompts.tickCues) {
          const ticked = await prompts.tickCues(question);
          if (ticked === 'cancel') leftAtCues = true;
          else heard = ticked;
        }
        // Going back to change an answer takes back what the old answer raised.
        if (revisiting) session = withdrawCorrected(session, bank, question.id, value);
        revisiting = undefined;
        session = open.record(session, question, value, clock(), heard);
        // Ctrl-C or Ctrl-D at the cue checklist comes after the answer was given: it is kept.
        if (leftAtCues) {
          await save(session);
          return { session, outcome: 'cancelled' };
        }
        stop = await settle(question);
        break;
      }
      case 'back': {
        const before = questionBefore(session, revisiting?.id);
        const target = before ? bank.byId.get(before) : undefined;
        if (target) revisiting = target;
        else
          prompts.show({ kind: 'info', text: 'This is the first question: there is nothing to go back to.' });
        break;
      }
      case 'note':
      case 'why':
      case 'save':
      case 'discard':
      case 'cancel': {
        const tooLong = reply.kind === 'note' ? noteProblem(reply.text) : undefined;
        if (tooLong) {
          prompts.show({ kind: 'warning', text: `Not saved: ${tooLong}.` });
          break;
        }
        const handled = await sideReply(reply, question, session, options);
        session = handled.session;
        if (handled.outcome) return { session, outcome: handled.outcome };
        break;
      }
      case 'flag': {
        const tooLong = noteProblem(reply.text);
        if (tooLong) {
          prompts.show({ kind: 'warning', text: `Not raised: ${tooLong}.` });
          break;
        }
        const flag = manualFlag(session, reply.text, options.knowledge, clock());
        session = { ...session, flags: [...session.flags, flag], updated: flag.at };
        await save(session);
        stop = await decide(flag);
        if (!stop) stop = await restate();
        break;
      }
    }
  }
}

function askContext(
  open: OpenQuestions,
  background: Background,
  session: Session,
  question: Question,
): AskContext {
  const { position, total, canGoBack } = open.placeOf(session, question);
  return {
    position,
    total,
    previous: open.entryOf(question.id)?.answer,
    canGoBack,
    ...(question.type === 'measure' ? { measure: knownMeasure(question, background) } : {}),
  };
}

/**
 * Whether a restatement can resolve anything yet: flags to resolve, and the problem statement
 * answered (flagsRestated reads the whole session; most answers need not pay for it).
 */
function mayRestate(session: Session, background: Background, open: OpenQuestions): boolean {
  const flags = (background.open?.length ?? 0) > 0 || session.flags.some((f) => f.decision === 'deferred');
  if (!flags) return false;
  return (
    open.roleAnswered('problem_statement') ||
    session.revisits.some((r) =>
      r.entries.some((e) => e.role === 'problem_statement' && e.answer !== undefined),
    )
  );
}
