// After each answer: does it shift the problem, and which of the bank's rules now fire? Pure: the
// runner shows what this raises and records the rep's choices.
import { problemStatementQuestion, type QuestionBank, type Rule } from '../bank/bank.js';
import type { AnswerValue } from '../model/answer.js';
import { isMaterialShift } from '../model/compare.js';
import type { Question } from '../model/question.js';
import type { Evidence, Flag, Session, Shift, Tip } from '../model/session.js';
import type { Background } from './background.js';
import { answersOf } from './interview.js';

export interface Raised {
  flags: Flag[];
  tips: Tip[];
  shifts: Shift[];
}

export interface ReviewInput {
  bank: QuestionBank;
  session: Session;
  background: Background;
  /** The account's Knowledge bank: where a shift sends the prospect back to. */
  knowledge?: QuestionBank | undefined;
  now: Date;
}

const nothing = (): Raised => ({ flags: [], tips: [], shifts: [] });

/** Reviews the answer just given to `question` (or, without one, the rules that need no answer). */
export function reviewAnswer(input: ReviewInput, question?: Question): { session: Session; raised: Raised } {
  const raised = nothing();
  let session = input.session;
  if (question) session = reviewShift(input, session, question, raised);
  session = fireRules(input, session, raised, false);
  return { session, raised };
}

/** At the end of a session: rules whose answers never all came are evaluated with what there is. */
export function reviewAtEnd(input: ReviewInput): { session: Session; raised: Raised } {
  const raised = nothing();
  return { session: fireRules(input, input.session, raised, true), raised };
}

function reviewShift(input: ReviewInput, session: Session, q: Question, raised: Raised): Session {
  if (q.tracks !== 'problem') return session;
  const before = input.background.previous[q.id];
  const after = answersOf(session)[q.id];
  if (before === undefined || after === undefined) return session;
  if (!isMaterialShift(before, after, input.bank.shiftThreshold)) return session;
  const at = input.now.toISOString();
  if (input.bank.loop === 'knowledge') {
    // Inside the Knowledge loop the shift is the re-evaluation itself: problem history, not a flag.
    const shift: Shift = { question: q.id, ask: q.ask, before, after, at };
    raised.shifts.push(shift);
    return { ...session, shifts: [...session.shifts.filter((s) => s.question !== q.id), shift] };
  }
  if (session.flags.some((f) => f.rule === 'shift' && f.evidence[0]?.question === q.id)) return session;
  const flag: Flag = {
    id: nextFlagId(session),
    rule: 'shift',
    message: `The answer to "${q.ask}" has moved since last time: re-evaluate the problem with them.`,
    evidence: [{ question: q.id, ask: q.ask, before, after }],
    revisit: shiftRevisit(input.knowledge, q.id),
    decision: 'deferred',
    at,
  };
  raised.flags.push(flag);
  return { ...session, flags: [...session.flags, flag] };
}

/** A shift sends the prospect back to the same question, if the Knowledge bank has it, and the problem statement. */
export function shiftRevisit(knowledge: QuestionBank | undefined, questionId: string): string[] {
  if (!knowledge) return [];
  const statement = problemStatementQuestion(knowledge)?.id;
  return [
    ...(knowledge.byId.has(questionId) ? [questionId] : []),
    ...(statement && statement !== questionId ? [statement] : []),
  ];
}

function fireRules(input: ReviewInput, session: Session, raised: Raised, final: boolean): Session {
  const fired = new Set([...session.flags.map((f) => f.rule), ...session.tips.map((t) => t.rule)]);
  const settled = new Set(session.entries.map((e) => e.question));
  const answers = answersOf(session);
  const context = { ...input.background, answers };
  let next = session;
  for (const rule of input.bank.rules) {
    if (fired.has(rule.id)) continue;
    if (!final && !rule.dependsOn.every((id) => settled.has(id))) continue;
    if (!rule.evaluate(context)) continue;
    fired.add(rule.id);
    next = fire(input, next, rule, answers, raised);
  }
  return next;
}

function fire(
  input: ReviewInput,
  session: Session,
  rule: Rule,
  answers: Record<string, AnswerValue>,
  raised: Raised,
): Session {
  const at = input.now.toISOString();
  if (rule.kind === 'tip') {
    const tip: Tip = { rule: rule.id, text: rule.message, at };
    raised.tips.push(tip);
    return { ...session, tips: [...session.tips, tip] };
  }
  const flag: Flag = {
    id: nextFlagId(session),
    rule: rule.id,
    message: rule.message,
    evidence: evidenceFor(input, rule, answers),
    revisit: rule.revisit,
    decision: 'deferred',
    at,
  };
  raised.flags.push(flag);
  return { ...session, flags: [...session.flags, flag] };
}

/** The answers behind a rule: this session's (with what they were before) and the earlier ones it compared with. */
function evidenceFor(input: ReviewInput, rule: Rule, answers: Record<string, AnswerValue>): Evidence[] {
  const asks = new Map([...(input.knowledge?.all ?? []), ...input.bank.all].map((q) => [q.id, q.ask]));
  const { previous } = input.background;
  const now = rule.dependsOn.flatMap((id) => {
    const after = answers[id];
    const before = previous[id];
    if (after === undefined && before === undefined) return [];
    return [
      {
        question: id,
        ask: asks.get(id) ?? id,
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after }),
      },
    ];
  });
  const earlier = rule.readsPrevious
    .filter((id) => !rule.dependsOn.includes(id) && previous[id] !== undefined)
    .map((id) => ({ question: id, ask: asks.get(id) ?? id, before: previous[id] as AnswerValue }));
  return [...now, ...earlier];
}

/** Flag ids are short enough to type: the session's random suffix and a number. */
export function nextFlagId(session: Session): string {
  const suffix = session.id.slice(session.id.lastIndexOf('-') + 1);
  return `${suffix}-${session.flags.length + 1}`;
}

/** A flag the rep raised by hand, with their note as its message. */
export function manualFlag(
  session: Session,
  note: string,
  knowledge: QuestionBank | undefined,
  now: Date,
): Flag {
  const statement = knowledge ? problemStatementQuestion(knowledge)?.id : undefined;
  return {
    id: nextFlagId(session),
    rule: 'manual',
    message: note,
    evidence: [],
    revisit: statement ? [statement] : [],
    decision: 'deferred',
    at: now.toISOString(),
  };
}
