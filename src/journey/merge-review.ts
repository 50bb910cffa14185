// Reviewing what a pull brought: in a data folder shared through git, two reps recording offline on
// one account each reviewed their call against the history they had. The merged history can show
// loop-backs neither raised (two reps recorded different problem statements; a teammate's call added
// a stakeholder). Each call the merge could change is reviewed again, in time order, against the
// merged history before it, exactly as its own review would have read it; what that raises and no
// session or earlier review raised is a new flag, under an id every clone derives alike. Close
// records and spellings that disagree are reported with the rule journey applies. Pure: banks and
// the time are passed in.
import { problemStatementQuestion, type QuestionBank } from '../bank/bank.js';
import type { Account } from '../model/account.js';
import type { AnswerValue } from '../model/answer.js';
import { sameAnswer, shiftVerdict } from '../model/compare.js';
import type { Question } from '../model/question.js';
import type { AccountRecord, FlagRaised } from '../model/records.js';
import type { Evidence, Flag, Session } from '../model/session.js';
import { allEntries, type Background, backgroundFor, firedRules, movesIn } from './background.js';
import { type Deal, dealLabel, dealsOf } from './deals.js';
import { withRaisedFlags } from './flags.js';
import { conflictsOf, type MergeConflict } from './merge-conflicts.js';
import { callName, callPair, capitalised, mergeFlagId } from './merge-names.js';
import { flagRaisedRecord } from './records.js';
import {
  applyShift,
  fireRules,
  nothingRaised,
  type ReviewInput,
  shiftOf,
  shiftOptions,
  shiftRevisit,
} from './review.js';

export type { CloseRef, MergeConflict } from './merge-conflicts.js';
export { mergeFlagId } from './merge-names.js';

/** What a session records of the bank it ran with. */
export type BankRef = Session['bank'];

export interface MergeReviewInput {
  /** The account's merged history: every session (oldest first) and record, after the pull. */
  account: Account;
  /** What the pull brought: session ids, and the records (the very values in `account.records`). */
  arrived: { sessions: readonly string[]; records: readonly AccountRecord[] };
  /**
   * Records this clone wrote that the other side could not have seen (being pushed now), when known:
   * a close among them and one that arrived were recorded independently.
   */
  local?: { records: readonly AccountRecord[] } | undefined;
  /** The bank a session ran with: that id at that very hash, or undefined when it is not here. */
  bankOf: (ref: BankRef) => QuestionBank | undefined;
  /** The account's Knowledge bank, where a shift sends the prospect back to (when no session says). */
  knowledge: QuestionBank | undefined;
  /** When the review runs: the time its records carry. */
  now: Date;
  /** Who runs it, for its records. */
  rep?: string | undefined;
}

/** A session as a review names it. */
export interface CallRef {
  id: string;
  loop: Session['loop'];
  started: string;
  rep: string | null;
}

export interface MergeRaised {
  /** The record to write. */
  record: FlagRaised;
  /** The deal, when the account has several (null: its only deal). */
  deal: string | null;
  /** The evidence: the session whose answers, read against the merged history, raise the flag. */
  session: CallRef;
}

export interface MergeSkipped {
  session: CallRef;
  deal: string | null;
  /** The bank that ran it, which is not on this machine at that version. */
  bank: { id: string; version: number; hash: string };
}

export interface MergeReview {
  account: string;
  /** Sessions reviewed again against the merged history. */
  reviewed: number;
  raised: MergeRaised[];
  skipped: MergeSkipped[];
  conflicts: MergeConflict[];
}

export function reviewMerged(input: MergeReviewInput): MergeReview {
  const { account } = input;
  const deals = dealsOf(account);
  const arrivedIds = new Set(input.arrived.sessions);
  const review: MergeReview = {
    account: account.name,
    reviewed: 0,
    raised: [],
    skipped: [],
    conflicts: conflictsOf(input, deals),
  };
  for (const deal of deals) {
    const from = touchedFrom(deal, arrivedIds, input.arrived.records);
    if (from === undefined) continue;
    reviewDeal(input, deal, dealLabel(deal, deals.length) || null, from, review);
  }
  return review;
}

/** The earliest moment what arrived changes in a deal's history, or undefined when it changes nothing. */
function touchedFrom(
  deal: Deal,
  arrived: ReadonlySet<string>,
  records: readonly AccountRecord[],
): number | undefined {
  const flags = new Set([
    ...deal.sessions.flatMap((s) => s.flags.map((f) => f.id)),
    ...deal.records.flatMap((r) => (r.kind === 'flag_raised' ? [r.flag.id] : [])),
  ]);
  const times = [
    ...deal.sessions.filter((s) => arrived.has(s.id)).map((s) => Date.parse(s.started)),
    ...records
      .filter((r) => deal.records.includes(r))
      // A flag another clone raised changes what is new, not what a call would raise.
      .filter((r) => r.kind !== 'flag_raised' && (r.kind !== 'flag_resolved' || flags.has(r.flag)))
      .map((r) => Date.parse(r.at)),
  ].filter((t) => !Number.isNaN(t));
  return times.length === 0 ? undefined : Math.min(...times);
}

function reviewDeal(
  input: MergeReviewInput,
  deal: Deal,
  label: string | null,
  from: number,
  out: MergeReview,
) {
  const records: AccountRecord[] = [...deal.records];
  const known = new Set(records.flatMap((r) => (r.kind === 'flag_raised' ? [r.flag.id] : [])));
  deal.sessions.forEach((session, index) => {
    if (session.status !== 'complete' || Date.parse(session.started) < from) return;
    const bank = input.bankOf(session.bank);
    if (!bank) {
      const { id, version, hash } = session.bank;
      out.skipped.push({ session: callRef(session), deal: label, bank: { id, version, hash } });
      return;
    }
    out.reviewed++;
    const earlier = deal.sessions.slice(0, index);
    for (const flag of reviewAgain(input, bank, session, earlier, records)) {
      if (known.has(flag.id) || session.flags.some((f) => f.id === flag.id)) continue;
      const later = deal.sessions.slice(index + 1);
      if (raisedLater(flag, withRaisedFlags(later, records)) || restatedSince(flag, session, later)) continue;
      known.add(flag.id);
      const record = flagRaisedRecord(input.account.name, session.id, flag, input.now, {
        deal: session.deal,
        rep: input.rep,
      });
      records.push(record);
      out.raised.push({ record, deal: label, session: callRef(session) });
    }
  });
}

function callRef(session: Session): CallRef {
  return { id: session.id, loop: session.loop, started: session.started, rep: session.rep ?? null };
}

/**
 * What a session's own review would raise with the merged history before it, that it did not raise:
 * its tracked answers' shifts and its bank's rules, read as on the call (the history as it stood
 * when the call began, the flags stamped when it ended). Loop-back flags only, each under its merge id.
 */
function reviewAgain(
  input: MergeReviewInput,
  bank: QuestionBank,
  recorded: Session,
  earlier: readonly Session[],
  records: readonly AccountRecord[],
): Flag[] {
  const before = new Set(earlier.map((s) => s.id));
  const began = new Date(recorded.started);
  // Records as they stood when the call began; flags merged-history reviews raised on earlier calls.
  const known = records.filter((r) =>
    r.kind === 'flag_raised' ? before.has(r.session) : Date.parse(r.at) <= began.getTime(),
  );
  const history = withRaisedFlags(earlier, known);
  const background: Background = {
    ...backgroundFor(earlier, began, known),
    fired: firedRules(history),
    moves: history.flatMap(movesIn),
  };
  // The session as if it had raised what earlier reviews raised on it: that is not raised twice.
  const [session] = withRaisedFlags([recorded], records) as [Session];
  const lastKnowledge = earlier.filter((s) => s.loop === 'knowledge').at(-1);
  const knowledge =
    bank.loop === 'knowledge'
      ? bank
      : ((lastKnowledge && input.bankOf(lastKnowledge.bank)) ?? input.knowledge);
  const review: ReviewInput = {
    bank,
    session,
    background,
    knowledge,
    now: new Date(recorded.completed ?? recorded.updated),
  };
  const names = new Namer(recorded, earlier);
  const raised = nothingRaised();
  let current = session;
  // In the Knowledge loop a moved answer is problem history; what the merge shows is a divergence.
  const divergence = bank.loop === 'knowledge' ? knowledgeDivergence(review, names) : undefined;
  if (bank.loop !== 'knowledge') {
    for (const q of trackedQuestions(bank, session)) {
      const moved = trackedMove({ ...review, session: current }, q);
      if (moved?.verdict === 'moved')
        current = applyShift({ ...review, session: current }, current, q, moved.before, moved.after, raised);
    }
  }
  fireRules({ ...review, session: current }, raised, true);
  const flags = raised.flags.map((flag) => {
    if (flag.rule !== 'shift') {
      return {
        ...flag,
        id: mergeFlagId(recorded.id, `rule:${flag.rule}`),
        message: `${names.readAfter(flag.evidence)}: ${flag.message.trim()}`,
      };
    }
    const question = flag.evidence[0]?.question ?? '';
    return {
      ...flag,
      id: mergeFlagId(recorded.id, `shift:${question}`),
      message: names.differentAnswers([flag.evidence[0]?.ask ?? question], [question]),
    };
  });
  return divergence ? [divergence, ...flags] : flags;
}

/**
 * A Knowledge session whose problem moved against an earlier call it did not record the move
 * against: two reps who defined the problem independently. One flag for the session. The problem
 * statement decides when both calls have one: moved, or too close to call while a part of the
 * problem moved (a restated problem whose cause moved has moved); the same statement is the same
 * problem, whatever the parts say.
 */
function knowledgeDivergence(review: ReviewInput, names: Namer): Flag | undefined {
  const { bank, session } = review;
  const statement = problemStatementQuestion(bank);
  const compared = trackedQuestions(bank, session).flatMap((q) => {
    const move = trackedMove(review, q);
    return move ? [{ q, ...move }] : [];
  });
  const said = compared.find((c) => c.q === statement);
  const moved = compared.filter((c) => c.verdict === 'moved' && c.q !== statement);
  const raise = said
    ? said.verdict === 'moved' || (said.verdict === 'unsure' && moved.length > 0)
    : moved.length > 0;
  if (!raise) return undefined;
  const shown = [...(said && said.verdict !== 'same' ? [said] : []), ...moved];
  const evidence: Evidence[] = shown.map((c) => ({
    question: c.q.id,
    ask: c.q.ask,
    before: c.before,
    after: c.after,
  }));
  return {
    id: mergeFlagId(session.id, 'knowledge'),
    rule: 'shift',
    message: names.differentAnswers(
      shown.map((c) => c.q.ask),
      shown.map((c) => c.q.id),
    ),
    evidence,
    revisit: [...new Set(shown.flatMap((c) => shiftRevisit(bank, c.q.id)))],
    decision: 'deferred',
    basis: Object.fromEntries(shown.map((c) => [c.q.id, c.after])),
    at: review.now.toISOString(),
  };
}

/** The bank's tracked questions this session answered, in the order it answered them. */
function trackedQuestions(bank: QuestionBank, session: Session): Question[] {
  const found = new Set<Question>();
  for (const entry of session.entries) {
    const q = bank.byId.get(entry.question);
    if (q?.tracks === 'problem' && entry.answer !== undefined) found.add(q);
  }
  return [...found];
}

/**
 * How a tracked answer of the session compares with the merged history's newest answer before it
 * (undefined: nothing to compare). 'same' when it did not move, or when the call already accounted
 * for it: the rep judged this answer against the same problem (reworded, or moved and recorded), the
 * call recorded the move from the same problem, or an open flag already holds this disagreement.
 * Too close to call ('unsure') stays as the call recorded it: nobody on a merge can be asked.
 */
function trackedMove(
  review: ReviewInput,
  q: Question,
): { before: AnswerValue; after: AnswerValue; verdict: 'same' | 'unsure' | 'moved' } | undefined {
  const { session } = review;
  const shift = shiftOf(review, q);
  if (!shift) return undefined;
  const { before, after } = shift;
  const same = { before, after, verdict: 'same' as const };
  if (shift.verdict === 'same') return same;
  const entry = session.entries.find((e) => e.question === q.id);
  // The answer it moved from was given earlier in this very call: the call's own review saw it.
  if (
    allEntries(session).some(
      (e) => e !== entry && e.question === q.id && e.answer !== undefined && entry && e.at < entry.at,
    )
  )
    return same;
  const options = shiftOptions(review.bank, q);
  const sameProblem = (a: AnswerValue, b: AnswerValue) => shiftVerdict(a, b, options) !== 'moved';
  const judged = session.judgements.find(
    (j) =>
      j.question === q.id && sameAnswer(j.after, after, options.aliases) && sameProblem(j.before, before),
  );
  if (judged?.verdict === 'reworded') return same;
  if (judged) return review.bank.loop === 'knowledge' ? same : { before, after, verdict: 'moved' };
  if (session.shifts.some((s) => s.question === q.id && sameProblem(s.before, before))) return same;
  const held = (review.background.open ?? []).some((v) =>
    v.flag.evidence.some(
      (e) =>
        e.question === q.id &&
        e.before !== undefined &&
        e.after !== undefined &&
        ((sameProblem(e.before, before) && sameProblem(e.after, after)) ||
          (sameProblem(e.before, after) && sameProblem(e.after, before))),
    ),
  );
  if (held) return same;
  return { before, after, verdict: shift.verdict };
}

/**
 * A later call of the deal raised the same loop-back (the same rule; for a shift, of one of the same
 * questions): the cause is in hand already, a second flag for it would be noise.
 */
function raisedLater(flag: Flag, later: readonly Session[]): boolean {
  const questions = new Set(flag.evidence.map((e) => e.question));
  return later.some((s) =>
    s.flags.some(
      (f) =>
        f.rule === flag.rule && (f.rule !== 'shift' || f.evidence.some((e) => questions.has(e.question))),
    ),
  );
}

/**
 * A flag a bank rule raised on a call is moot when a later Knowledge session by the same rep (who
 * knew that call) restated the problem and asked again every question the flag would revisit: the
 * problem was re-evaluated with what that call heard. Shifts are not: the rep never heard the other
 * answer.
 */
function restatedSince(flag: Flag, session: Session, later: readonly Session[]): boolean {
  if (flag.rule === 'shift') return false;
  return later.some((k) => {
    if (k.loop !== 'knowledge' || k.status !== 'complete') return false;
    if (k.rep !== undefined && session.rep !== undefined && k.rep !== session.rep) return false;
    const answered = allEntries(k).filter((e) => e.answer !== undefined);
    return (
      answered.some((e) => e.role === 'problem_statement') &&
      flag.revisit.every((id) => answered.some((e) => e.question === id))
    );
  });
}

/** The calls a merge flag names, in the rep's words: "Dana's call on 3 Nov". */
class Namer {
  constructor(
    private readonly session: Session,
    private readonly earlier: readonly Session[],
  ) {}

  /** The earlier session that gave the newest answer to a question, before this call. */
  private sourceOf(question: string): Session | undefined {
    let found: { session: Session; at: string } | undefined;
    for (const s of this.earlier) {
      for (const e of allEntries(s)) {
        if (e.question !== question || e.answer === undefined) continue;
        if (!found || !(e.at < found.at)) found = { session: s, at: e.at };
      }
    }
    return found?.session;
  }

  /** "Dana's call on 3 Nov and Lee's call on 5 Nov recorded different answers to "…": …". */
  differentAnswers(asks: readonly string[], questions: readonly string[]): string {
    const sources = questions.flatMap((q) => this.sourceOf(q) ?? []);
    const other = sources.sort((a, b) => (a.started < b.started ? 1 : -1))[0];
    // One question is quoted (short); several are counted, since the evidence names each one.
    const list =
      asks.length <= 1
        ? `"${shortAsk(asks[0] ?? '')}"`
        : `${asks.length} questions about the problem (the evidence names them)`;
    return `${capitalised(callPair(other, this.session))} recorded different answers to ${list}: re-evaluate the problem with them.`;
  }

  /** "Lee's call on 5 Nov, read after Dana's call on 3 Nov". */
  readAfter(evidence: readonly Evidence[]): string {
    const sources = evidence.flatMap((e) =>
      e.before === undefined ? [] : (this.sourceOf(e.question) ?? []),
    );
    const byOther = this.earlier.filter((s) => s.rep !== undefined && s.rep !== this.session.rep);
    const other =
      sources.sort((a, b) => (a.started < b.started ? 1 : -1))[0] ?? byOther.at(-1) ?? this.earlier.at(-1);
    const self = capitalised(callName(this.session));
    return other
      ? `${self}, read after ${callName(other, this.session)}`
      : `${self}, read with the merged history`;
  }
}

/** A question as a headline quotes it: its first 80 characters, cut at a word. */
function shortAsk(ask: string): string {
  const text = ask.trim().replace(/\s+/g, ' ');
  if (text.length <= 80) return text;
  const cut = text.slice(0, 80);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 80)}…`;
}
