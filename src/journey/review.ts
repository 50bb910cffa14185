// After answers are given: does one shift the problem, and which of the bank's rules now fire? Pure:
// the runner shows what this raises, asks the rep when a shift is unsure, and records their choices.
import type { QuestionBank, Rule } from '../bank/bank.js';
import { problemStatementQuestion } from '../bank/bank.js';
import { type ConditionContext, ConditionRuntimeError } from '../bank/conditions.js';
import type { AnswerValue } from '../model/answer.js';
import { isMaterialShift, sameAnswer, shiftVerdict } from '../model/compare.js';
import type { Question } from '../model/question.js';
import type { Evidence, Flag, Session, Shift, Tip } from '../model/session.js';
import { allEntries, type Background, type Basis, movesIn } from './background.js';
import { isOpen, type OpenQuestions } from './interview.js';
import { conditionContext, newestAnswer } from './previous.js';
import { addWarning } from './warnings.js';

export interface Raised {
  flags: Flag[];
  tips: Tip[];
  shifts: Shift[];
  warnings: string[];
}

export interface ReviewInput {
  bank: QuestionBank;
  session: Session;
  background: Background;
  /** The account's Knowledge bank: where a shift sends the prospect back to. */
  knowledge?: QuestionBank | undefined;
  now: Date;
  /** The run's open questions, when a runner keeps them (reviews then cost what changed, not the session). */
  open?: OpenQuestions | undefined;
}

/** A tracked answer that changed a little: the rep decides whether the problem moved. */
export interface UnsureShift {
  question: Question;
  before: AnswerValue;
  after: AnswerValue;
}

export const nothingRaised = (): Raised => ({ flags: [], tips: [], shifts: [], warnings: [] });

/**
 * Whether a tracked answer moved the problem: clearly (moved), clearly not (same), or a little
 * (unsure). The runner asks the rep about an unsure one on a terminal; scripts go by the threshold.
 */
export function shiftOf(
  input: ReviewInput,
  q: Question,
): { before: AnswerValue; after: AnswerValue; verdict: 'same' | 'unsure' | 'moved' } | undefined {
  if (q.tracks !== 'problem') return undefined;
  const entry = entryIn(input, q.id);
  const after = entry?.answer;
  if (!entry || after === undefined) return undefined;
  const before = newestAnswer(input.session, input.background, q.id, entry.at, input.open);
  if (before === undefined) return undefined;
  return { before, after, verdict: shiftVerdict(before, after, shiftOptions(input.bank, q)) };
}

export function shiftOptions(bank: QuestionBank, q: Question) {
  return {
    threshold: bank.shiftThreshold,
    similarity: bank.shiftSimilarity,
    aliases: bank.aliases,
    type: q.type,
  };
}

/**
 * Whether an unsure shift counts as a move when nobody is there to ask (scripted runs): by the
 * bank's threshold, or because a part of the problem's definition moved since this answer was last
 * given (a restated problem whose cause moved has moved too, however alike the words). The problem
 * statement sums the parts up: its own move says nothing about them.
 */
export function movedByThreshold(
  input: ReviewInput,
  q: Question,
  before: AnswerValue,
  after: AnswerValue,
): boolean {
  if (isMaterialShift(before, after, shiftOptions(input.bank, q))) return true;
  const { session, background } = input;
  const mine = entryIn(input, q.id);
  const earlier = allEntries(session).filter(
    (e) => e.question === q.id && e.answer !== undefined && e !== mine,
  );
  const since =
    earlier
      .map((e) => e.at)
      .sort()
      .at(-1) ??
    background.answeredAt?.[q.id] ??
    '';
  const statement = problemStatementQuestion(input.knowledge ?? input.bank)?.id;
  const moves = [...(background.moves ?? []), ...movesIn(session)];
  return moves.some((m) => m.question !== q.id && m.question !== statement && m.at > since);
}

/** Records a move of a tracked answer: problem history in the Knowledge loop, a loop-back elsewhere. */
export function applyShift(
  input: ReviewInput,
  session: Session,
  q: Question,
  before: AnswerValue,
  after: AnswerValue,
  raised: Raised,
): Session {
  const at = input.now.toISOString();
  if (input.bank.loop === 'knowledge') {
    // Inside the Knowledge loop the shift is the re-evaluation itself: problem history, not a flag.
    const shift: Shift = { question: q.id, ask: q.ask, before, after, at };
    raised.shifts.push(shift);
    return { ...session, shifts: [...session.shifts.filter((s) => s.question !== q.id), shift] };
  }
  if (session.flags.some((f) => f.rule === 'shift' && f.evidence[0]?.question === q.id)) return session;
  const evidence: Evidence[] = [withLabels({ question: q.id, ask: q.ask, before, after }, q)];
  if (isDuplicate(input, session, 'shift', evidence)) return session;
  const flag: Flag = {
    id: nextFlagId(session),
    rule: 'shift',
    message: `The answer to "${q.ask}" has moved since last time: re-evaluate the problem with them.`,
    evidence,
    revisit: shiftRevisit(input.knowledge, q.id),
    decision: 'deferred',
    basis: { [q.id]: after },
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

/** The session's entry for a question (the first, as entryFor finds it). */
function entryIn(input: ReviewInput, id: string) {
  if (input.open) {
    input.open.sync(input.session);
    return input.open.entryOf(id);
  }
  return input.session.entries.find((e) => e.question === id);
}

/** Which questions this session has settled (answered or skipped), and which are open. */
interface Progress {
  settled(id: string): boolean;
  isOpen(q: Question): boolean;
}

function progressOf(input: ReviewInput, context: ConditionContext): Progress {
  const { open } = input;
  if (open) {
    open.sync(input.session);
    return { settled: (id) => open.isDone(id), isOpen: (q) => open.isOpen(q) };
  }
  const settled = new Set(input.session.entries.map((e) => e.question));
  return {
    settled: (id) => settled.has(id),
    isOpen: (q) => isOpen(input.bank, q, context.answers, input.background),
  };
}

/**
 * A rule is ready once every question it reads that this session will ask has been answered or
 * skipped, follow-ups included; `final` (the end of the session) evaluates the rest.
 */
function isReady(input: ReviewInput, progress: Progress, rule: Rule, final: boolean): boolean {
  if (final) return true;
  const pending = (q: Question): boolean =>
    (!progress.settled(q.id) && progress.isOpen(q)) || (progress.settled(q.id) && q.followUps.some(pending));
  return rule.dependsOn.every((id) => {
    const q = input.bank.byId.get(id);
    return !q || !pending(q);
  });
}

/** The rules that fire now (each at most once a session, and only when what it reads changed). */
export function fireRules(input: ReviewInput, raised: Raised, final: boolean): Session {
  let session = input.session;
  const firedHere = new Set([...session.flags.map((f) => f.rule), ...session.tips.map((t) => t.rule)]);
  const context = conditionContext(session, input.background, input.open);
  const progress = progressOf(input, context);
  const memo = input.open ? ruleResults(input.open) : undefined;
  for (const rule of input.bank.rules) {
    if (firedHere.has(rule.id)) continue;
    if (!isReady(input, progress, rule, final)) continue;
    const holds = evaluateRule(rule, context, memo, input);
    if (holds instanceof ConditionRuntimeError) {
      session = addWarning(session, holds.message, input.now, raised);
      continue;
    }
    if (!holds) continue;
    const basis = basisOf(rule, context.answers, context.previous);
    if (!rule.everyTime && unchangedSinceFired(input.background.fired?.get(rule.id), basis)) continue;
    firedHere.add(rule.id);
    session = fire({ ...input, session }, rule, basis, context.answers, context.previous, raised);
  }
  return session;
}

/** A rule's last result and what it read for it, by rule, for the run's open questions. */
type RuleMemo = WeakMap<Rule, { inputs: unknown[]; result: boolean | ConditionRuntimeError }>;
const memos = new WeakMap<OpenQuestions, RuleMemo>();

function ruleResults(open: OpenQuestions): RuleMemo {
  let memo = memos.get(open);
  if (!memo) {
    memo = new WeakMap();
    memos.set(open, memo);
  }
  return memo;
}

/**
 * Whether a rule holds, or why it could not be evaluated. A rule whose inputs (the answers it names,
 * earlier answers, cues heard, contacts) are what they were last time gives what it gave then.
 */
function evaluateRule(
  rule: Rule,
  context: ConditionContext,
  memo: RuleMemo | undefined,
  input: ReviewInput,
): boolean | ConditionRuntimeError {
  const reads = rule.evaluate.reads;
  const inputs =
    memo && reads && input.open
      ? [
          input.background,
          context.previous,
          context.history,
          context.contacts,
          input.open.heard.version,
          ...reads.map((id) => context.answers[id]),
        ]
      : undefined;
  const last = memo?.get(rule);
  if (
    inputs &&
    last &&
    last.inputs.length === inputs.length &&
    last.inputs.every((v, i) => v === inputs[i])
  ) {
    return last.result;
  }
  let result: boolean | ConditionRuntimeError;
  try {
    result = rule.evaluate(context);
  } catch (error) {
    if (!(error instanceof ConditionRuntimeError)) throw error;
    result = error;
  }
  if (inputs && memo) memo.set(rule, { inputs, result });
  return result;
}

/**
 * A corrected answer (the rep went back and changed it, or answered what they had skipped) takes
 * back what the old one raised in this session: the tips and the loop-back flags not yet
 * re-evaluated whose rule reads that question, and the moves of that answer. The rules and the
 * shift check then run again on the new answer and raise only what still holds (a tip raised again
 * is not shown twice).
 */
export function withdrawCorrected(
  session: Session,
  bank: Pick<QuestionBank, 'rules'>,
  question: string,
  value: AnswerValue | undefined,
): Session {
  const reads = new Set(bank.rules.filter((r) => r.dependsOn.includes(question)).map((r) => r.id));
  const stale = (rule: string, basis: Basis | undefined) =>
    reads.has(rule) ||
    (basis !== undefined &&
      question in basis &&
      (value === undefined || !sameAnswer(basis[question] as AnswerValue, value)));
  const movedHere = (f: Flag) => f.rule === 'shift' && f.evidence[0]?.question === question;
  const tips = session.tips.filter((t) => !stale(t.rule, t.basis));
  const flags = session.flags.filter(
    (f) => f.decision !== 'deferred' || !(movedHere(f) || stale(f.rule, f.basis)),
  );
  const shifts = session.shifts.filter((s) => s.question !== question);
  if (
    tips.length === session.tips.length &&
    flags.length === session.flags.length &&
    shifts.length === session.shifts.length
  )
    return session;
  return { ...session, tips, flags, shifts };
}

/** The answers a rule read: this session's (its `answers.`) and the earlier ones it compared with. */
function basisOf(
  rule: Rule,
  answers: Readonly<Record<string, AnswerValue>>,
  previous: Readonly<Record<string, AnswerValue>>,
): Record<string, AnswerValue> {
  const basis: Record<string, AnswerValue> = {};
  for (const id of rule.dependsOn) {
    const value = answers[id];
    if (value !== undefined) basis[id] = value;
  }
  for (const id of rule.readsPrevious) {
    const value = previous[id];
    if (value !== undefined && !(id in basis)) basis[`previous.${id}`] = value;
  }
  return basis;
}

/**
 * A rule that fired before with the same answers has nothing new to say. A rule that reads no
 * answers (only account facts) has no basis and says it whenever it holds.
 */
function unchangedSinceFired(last: Basis | null | undefined, basis: Basis): boolean {
  const keys = Object.keys(basis);
  if (keys.length === 0 || !last) return false;
  const lastKeys = Object.keys(last);
  if (lastKeys.length !== keys.length) return false;
  return keys.every(
    (k) => last[k] !== undefined && sameAnswer(last[k] as AnswerValue, basis[k] as AnswerValue),
  );
}

/** An open flag of the account with the same rule and the same evidence is the same cause: no second flag. */
function isDuplicate(
  input: ReviewInput,
  session: Session,
  rule: string,
  evidence: readonly Evidence[],
): boolean {
  const open = [...(input.background.open ?? []).map((v) => v.flag), ...session.flags];
  return open.some(
    (f) =>
      f.rule === rule &&
      f.evidence.length === evidence.length &&
      f.evidence.every((e, i) => {
        const other = evidence[i];
        return (
          other !== undefined &&
          e.question === other.question &&
          (e.after === undefined) === (other.after === undefined) &&
          (e.after === undefined || (other.after !== undefined && sameAnswer(e.after, other.after)))
        );
      }),
  );
}

function fire(
  input: ReviewInput,
  rule: Rule,
  basis: Basis,
  answers: Readonly<Record<string, AnswerValue>>,
  previous: Readonly<Record<string, AnswerValue>>,
  raised: Raised,
): Session {
  const { session } = input;
  const at = input.now.toISOString();
  if (rule.kind === 'tip') {
    const tip: Tip = { rule: rule.id, text: rule.message, basis: { ...basis }, at };
    raised.tips.push(tip);
    return { ...session, tips: [...session.tips, tip] };
  }
  const evidence = evidenceFor(input, rule, answers, previous);
  if (isDuplicate(input, session, rule.id, evidence)) return session;
  const flag: Flag = {
    id: nextFlagId(session),
    rule: rule.id,
    message: rule.message,
    evidence,
    revisit: rule.revisit,
    decision: 'deferred',
    basis: { ...basis },
    at,
  };
  raised.flags.push(flag);
  return { ...session, flags: [...session.flags, flag] };
}

/** The answers behind a rule: this session's (with what they were before) and the earlier ones it compared with. */
function evidenceFor(
  input: ReviewInput,
  rule: Rule,
  answers: Readonly<Record<string, AnswerValue>>,
  previous: Readonly<Record<string, AnswerValue>>,
): Evidence[] {
  const asks = asksOf(input.bank, input.knowledge);
  const question = (id: string) => input.bank.byId.get(id) ?? input.knowledge?.byId.get(id);
  const now = rule.dependsOn.flatMap((id) => {
    const after = answers[id];
    const before = previous[id];
    if (after === undefined && before === undefined) return [];
    return [
      withLabels(
        {
          question: id,
          ask: asks.get(id) ?? id,
          ...(before === undefined ? {} : { before }),
          ...(after === undefined ? {} : { after }),
        },
        question(id),
      ),
    ];
  });
  const earlier = rule.readsPrevious
    .filter((id) => !rule.dependsOn.includes(id) && previous[id] !== undefined)
    .map((id) =>
      withLabels(
        { question: id, ask: asks.get(id) ?? id, before: previous[id] as AnswerValue },
        question(id),
      ),
    );
  return [...now, ...earlier];
}

/**
 * Evidence with the labels of the choices it names, as entries keep them: the flag reads
 * "Approved → Being worked out", not the choice ids, even after the bank changes.
 */
function withLabels(evidence: Evidence, q: Pick<Question, 'choices'> | undefined): Evidence {
  if (!q || q.choices.length === 0) return evidence;
  const ids = [evidence.before, evidence.after].flatMap((v) =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v : [],
  );
  const labels: Record<string, string> = {};
  for (const id of ids) {
    const label = q.choices.find((c) => c.id === id)?.label;
    if (label !== undefined && label !== id) labels[id] = label;
  }
  return Object.keys(labels).length > 0 ? { ...evidence, labels } : evidence;
}

/** Each question's text by id, this bank's over the Knowledge bank's (built once per pair of banks). */
const asksCache = new WeakMap<QuestionBank, WeakMap<QuestionBank, Map<string, string>>>();
const NO_BANK = { all: [] } as unknown as QuestionBank;

function asksOf(bank: QuestionBank, knowledge: QuestionBank | undefined): Map<string, string> {
  const k = knowledge ?? NO_BANK;
  let byKnowledge = asksCache.get(bank);
  if (!byKnowledge) {
    byKnowledge = new WeakMap();
    asksCache.set(bank, byKnowledge);
  }
  let asks = byKnowledge.get(k);
  if (!asks) {
    asks = new Map([...k.all, ...bank.all].map((q) => [q.id, q.ask]));
    byKnowledge.set(k, asks);
  }
  return asks;
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
