// Re-evaluating the problem in the middle of another session: the flag's Knowledge-loop questions
// are asked again and recorded as Knowledge answers, beside the session's own.

import { isMaterialShift } from '../model/compare.js';
import type { Question } from '../model/question.js';
import type { Entry, Flag, Revisit, Session, Shift } from '../model/session.js';
import type { Background } from './background.js';
import { makeEntry, replaceEntry } from './interview.js';
import type { Outcome, RunOptions } from './port.js';
import { newestAnswer } from './previous.js';
import { shiftOptions } from './review.js';
import { sideReply } from './side-reply.js';

interface RevisitOptions extends RunOptions {
  background: Background;
  flag: Flag;
}

export async function reevaluate(options: RevisitOptions): Promise<{ session: Session; outcome?: Outcome }> {
  const { flag, knowledge, prompts, save, clock } = options;
  let session = options.session;
  const byId: ReadonlyMap<string, Question> = knowledge?.byId ?? new Map();
  const questions = flag.revisit.flatMap((id) => byId.get(id) ?? []);
  if (!knowledge || questions.length === 0) {
    prompts.show({
      kind: 'warning',
      text: 'No Knowledge-loop questions to ask again for this flag; it stays open.',
    });
    return { session };
  }
  const missing = flag.revisit.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    prompts.show({
      kind: 'warning',
      text: `Not in the Knowledge bank ${knowledge.id}: ${missing.join(', ')}`,
    });
  }
  prompts.show({
    kind: 'info',
    text: `Re-evaluating the problem: ${questions.length} Knowledge-loop question(s).`,
  });
  const bankRef = {
    id: knowledge.id,
    version: knowledge.version,
    hash: knowledge.hash,
    title: knowledge.title,
  };
  const update = (entries: Entry[]) => {
    session = upsertRevisit(session, { flag: flag.id, bank: bankRef, entries, at: clock().toISOString() });
  };

  let entries = session.revisits.find((r) => r.flag === flag.id)?.entries ?? [];
  let index = 0;
  while (index < questions.length) {
    const question = questions[index] as Question;
    const reply = await prompts.ask(question, {
      position: index + 1,
      total: questions.length,
      // The newest answer, this session's re-evaluations included: saving it unchanged changes nothing.
      previous:
        entries.find((e) => e.question === question.id)?.answer ??
        newestAnswer(session, options.background, question.id),
      canGoBack: index > 0,
      revisiting: flag.id,
    });
    switch (reply.kind) {
      case 'answer':
      case 'skip':
        entries = replaceEntry(
          entries,
          makeEntry(question, reply.kind === 'answer' ? reply.value : undefined, clock()),
        );
        update(entries);
        await save(session);
        index++;
        break;
      case 'back':
        index = Math.max(0, index - 1);
        break;
      default: {
        // While re-evaluating, a flag the rep raises is kept as a note: the problem is being revisited already.
        const side = reply.kind === 'flag' ? { kind: 'note' as const, text: reply.text } : reply;
        const handled = await sideReply(side, question, session, options);
        session = handled.session;
        if (handled.outcome) return { session, outcome: handled.outcome };
      }
    }
  }
  const concluded = concludeRevisit(options, session, flag, entries, questions, clock());
  session = concluded.session;
  for (const shift of concluded.shifts) prompts.show({ kind: 'shift', shift });
  await save(session);
  prompts.show({ kind: 'info', text: 'Problem re-evaluated; the flag is resolved. Back to where you were.' });
  return { session };
}

function upsertRevisit(session: Session, revisit: Revisit): Session {
  const others = session.revisits.filter((r) => r.flag !== revisit.flag);
  return { ...session, revisits: [...others, revisit], updated: revisit.at };
}

/**
 * Marks the flag re-evaluated and records how the tracked answers moved (the problem's history):
 * each against the newest answer before it, so confirming the problem unchanged records no shift.
 */
function concludeRevisit(
  options: RevisitOptions,
  session: Session,
  flag: Flag,
  entries: Entry[],
  questions: Question[],
  now: Date,
): { session: Session; shifts: Shift[] } {
  const tracked = new Map(questions.filter((q) => q.tracks === 'problem' || q.role).map((q) => [q.id, q]));
  const bank = options.knowledge ?? options.bank;
  const shifts: Shift[] = entries.flatMap((e) => {
    const before = newestAnswer(session, options.background, e.question, e.at);
    const q = tracked.get(e.question);
    if (!q || e.answer === undefined || before === undefined) return [];
    if (!isMaterialShift(before, e.answer, shiftOptions(bank, q))) return [];
    return [{ question: e.question, ask: e.ask, before, after: e.answer, at: e.at }];
  });
  const next: Session = {
    ...session,
    flags: session.flags.map((f) => (f.id === flag.id ? { ...f, decision: 'reevaluated' as const } : f)),
    shifts: [...session.shifts, ...shifts],
    updated: now.toISOString(),
  };
  return { session: next, shifts };
}
