// The pre-call briefing: what a rep reads in thirty seconds before dialling. Pure: built from the
// account's sessions and records, the banks, and the time.
import { type BankOutline, roleIndex } from '../bank/outline.js';
import type { Account } from '../model/account.js';
import { type AnswerValue, formatMeasure, isMeasureValue } from '../model/answer.js';
import { isCalendarDate } from '../model/dates.js';
import type { Loop } from '../model/loop.js';
import { type MeasureLine, measureLines } from '../model/measures.js';
import type { QuestionType } from '../model/question.js';
import type { Role } from '../model/roles.js';
import type { Entry, Note, Session, Tip } from '../model/session.js';
import { allEntries, latestAnswers, stageOf } from './background.js';
import { dueItem } from './due.js';
import { type FlagView, openFlagsOf, withRevisitAsks } from './flags.js';
import { nextLoopWith } from './next-loop.js';
import { type ProblemChange, problemChanges, type StatementVersion, statementHistory } from './problem.js';
import { entryWithRole } from './roles.js';

export const PREP_FORMAT = 1;

export interface TimelineStop {
  loop: Loop;
  date: string;
  session: string;
  status: Session['status'];
  /** This session went back to the Knowledge loop after another loop (its flags are counted in `flags`). */
  loopBack: boolean;
  /** Loop-back flags this session raised. */
  flags: number;
}

/** A question its bank marks `brief: true`, with its latest answer in the deal. */
export interface DealFact {
  question: string;
  role: Role | null;
  ask: string;
  /** The short label the bank gives the fact, when it gives one. */
  label: string | null;
  type: QuestionType;
  answer: AnswerValue;
  /** The answer as the rep reads it: choice labels, the unit, the first line of a long answer. */
  text: string;
  /** When it was given (YYYY-MM-DD), and in which session. */
  at: string;
  session: string;
  loop: Loop;
  /** A date answer that is before today (a decision date gone by). */
  passed: boolean;
}

/** The next step agreed at the latest call that recorded one (the question with role next_step). */
export interface NextStep {
  text: string;
  at: string;
  session: string;
  loop: Loop;
  /** The dates written in it (YYYY-MM-DD), and those before today. */
  dates: string[];
  passed: string[];
}

/** The notes of one session of the deal. */
export interface SessionNotes {
  session: string;
  date: string;
  loop: Loop;
  notes: Note[];
}

/** Another deal of the same account, in one line. */
export interface DealBrief {
  name: string;
  stage: 'prospect' | 'customer' | 'lost';
  sessions: number;
  lastContact: string | null;
  /** This briefing is about it. */
  current: boolean;
}

export interface Prep {
  format: typeof PREP_FORMAT;
  account: string;
  /** The deal this briefing is about, when the account has more than one (null: its only deal). */
  deal: string | null;
  /** Every deal of the account when it has more than one, else empty. */
  deals: DealBrief[];
  /** A deal opened for a need named at a check-in, before its first call: the need. */
  openedFor: { need: string | null; on: string } | null;
  stage: 'prospect' | 'customer' | 'lost';
  sessions: number;
  lastContact: string | null;
  daysSinceLastContact: number | null;
  timeline: TimelineStop[];
  problem: { now: StatementVersion | null; history: StatementVersion[]; changes: ProblemChange[] };
  openFlags: FlagView[];
  unknown: { loop: Loop; bank: string; questions: { id: string; ask: string }[] };
  lastSession: {
    id: string;
    date: string;
    loop: Loop;
    contact: string | null;
    /** Who ran it (absent in sessions recorded before reps were). */
    rep: string | null;
    notes: Note[];
    tips: Tip[];
  } | null;
  /** Questions the banks mark `brief: true`, each with its latest answer, in the order first asked. */
  facts: DealFact[];
  nextStep: NextStep | null;
  /** Every note of every session of the deal, oldest first (sessions without notes left out). */
  notes: SessionNotes[];
  /** Results measures: baseline, target, each actual, progress and trend. */
  measures: MeasureLine[];
  /** For a customer: when the next Results-loop check-in is due. */
  nextCheckIn: string | null;
  next: { loop: Loop; bank: string; bankTitle: string; reason: string };
}

export interface PrepInput {
  /** The deal's history (for an account with one deal, the account's). */
  account: Account;
  deal?: string | undefined;
  deals?: DealBrief[] | undefined;
  openedFor?: Prep['openedFor'] | undefined;
  /** The bank the next call would use, for each loop. */
  banks: Readonly<Partial<Record<Loop, BankOutline>>>;
  /** Every bank of the catalog: which questions each session's bank marks `brief` (default: `banks`). */
  outlines?: readonly BankOutline[] | undefined;
  now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function buildPrep(input: PrepInput): Prep {
  const { sessions, records } = input.account;
  const open = withRevisitAsks(openFlagsOf(input.account), input.banks.knowledge);
  const stage = stageOf(sessions, records);
  const suggestion = nextLoopWith(input.account, input.banks.knowledge, input.now);
  const nextBank = input.banks[suggestion.loop];
  const last = sessions.at(-1);
  const history = statementHistory(sessions);
  const today = input.now.toISOString().slice(0, 10);
  return {
    format: PREP_FORMAT,
    account: input.account.name,
    deal: input.deal ?? null,
    deals: input.deals ?? [],
    openedFor: input.openedFor ?? null,
    stage,
    sessions: sessions.length,
    lastContact: last ? last.updated.slice(0, 10) : null,
    daysSinceLastContact: last
      ? Math.max(0, Math.floor((input.now.getTime() - Date.parse(last.updated)) / DAY_MS))
      : null,
    timeline: timeline(sessions),
    problem: { now: history.at(-1) ?? null, history, changes: problemChanges(sessions) },
    openFlags: open,
    unknown: {
      loop: suggestion.loop,
      bank: nextBank?.id ?? '',
      questions: nextBank ? unanswered(nextBank, sessions) : [],
    },
    lastSession: last
      ? {
          id: last.id,
          date: last.started.slice(0, 10),
          loop: last.loop,
          contact: last.contact ?? null,
          rep: last.rep ?? null,
          notes: last.notes,
          tips: last.tips,
        }
      : null,
    facts: dealFacts(sessions, outlinesOf(input), today),
    nextStep: nextStepOf(sessions, outlinesOf(input), today),
    notes: sessions
      .filter((s) => s.notes.length > 0)
      .map((s) => ({ session: s.id, date: s.started.slice(0, 10), loop: s.loop, notes: s.notes })),
    measures: measureLines(sessions),
    nextCheckIn: dueItem({ account: input.account.name, sessions, records }, today)?.next ?? null,
    next: {
      loop: suggestion.loop,
      bank: nextBank?.id ?? '',
      bankTitle: nextBank?.title ?? '',
      reason: suggestion.reason,
    },
  };
}

export function timeline(sessions: readonly Session[]): TimelineStop[] {
  return sessions.map((s, i) => {
    const before = sessions[i - 1];
    // A loop back is a return to the Knowledge loop; the flags a session raised are counted apart.
    const returned = s.loop === 'knowledge' && before !== undefined && before.loop !== 'knowledge';
    return {
      loop: s.loop,
      date: s.started.slice(0, 10),
      session: s.id,
      status: s.status,
      loopBack: returned,
      flags: s.flags.length,
    };
  });
}

function outlinesOf(input: PrepInput): readonly BankOutline[] {
  return input.outlines ?? Object.values(input.banks).filter((b): b is BankOutline => b !== undefined);
}

/**
 * The latest answer to each question a bank marks `brief`, found by role when the question has one
 * (the next step of a Knowledge call and of an Options call are one fact), else by its id.
 */
export function dealFacts(
  sessions: readonly Session[],
  outlines: readonly BankOutline[],
  today: string,
): DealFact[] {
  const brief = new Map<string, Set<string>>();
  for (const o of outlines) brief.set(o.id, new Set(o.questions.filter((q) => q.brief).map((q) => q.id)));
  // Entries recorded before roles were kept: the bank says which question holds which role.
  const roles = new Map(outlines.map((o) => [o.id, new Map(o.questions.map((q) => [q.id, q.role]))]));
  const labels = new Map(outlines.map((o) => [o.id, new Map(o.questions.map((q) => [q.id, q.label]))]));
  const given = sessions.flatMap((session) =>
    allEntries(session)
      .filter((e) => e.answer !== undefined && brief.get(session.bank.id)?.has(e.question))
      .map((entry) => ({ entry, session })),
  );
  given.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : 0));
  const facts = new Map<string, DealFact>();
  for (const { entry, session } of given) {
    const answer = entry.answer as AnswerValue;
    const role = entry.role ?? roles.get(session.bank.id)?.get(entry.question);
    facts.set(role ?? entry.question, {
      question: entry.question,
      role: role ?? null,
      ask: entry.ask,
      label: labels.get(session.bank.id)?.get(entry.question) ?? null,
      type: entry.type,
      answer,
      text: answerLine(entry),
      at: entry.at.slice(0, 10),
      session: session.id,
      loop: session.loop,
      passed: typeof answer === 'string' && entry.type === 'date' && isCalendarDate(answer) && answer < today,
    });
  }
  return [...facts.values()];
}

/** The next step of the latest session that agreed one, with the dates written in it. */
export function nextStepOf(
  sessions: readonly Session[],
  outlines: readonly BankOutline[],
  today: string,
): NextStep | null {
  const roles = roleIndex(outlines);
  for (const session of [...sessions].reverse()) {
    const entry = entryWithRole(session, 'next_step', roles);
    if (typeof entry?.answer !== 'string' || entry.answer.trim() === '') continue;
    const dates = datesIn(entry.answer);
    return {
      text: entry.answer,
      at: entry.at.slice(0, 10),
      session: session.id,
      loop: session.loop,
      dates,
      passed: dates.filter((d) => d < today),
    };
  }
  return null;
}

/** An answer on one line as the rep reads it: labels for choices, the unit, a long answer's first line. */
export function answerLine(entry: Pick<Entry, 'answer' | 'labels' | 'unit' | 'type'>): string {
  const value = entry.answer;
  if (value === undefined) return '';
  const label = (id: string) => entry.labels?.[id] ?? id;
  if (Array.isArray(value)) return value.map((v) => firstLine(label(v))).join('; ') || '(none)';
  if (isMeasureValue(value)) return formatMeasure(value, entry.unit);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return entry.unit ? `${value} ${entry.unit}` : String(value);
  return firstLine(entry.type === 'choice' ? label(value) : value);
}

function firstLine(text: string): string {
  const lines = text.trim().split(/\s*[\r\n\u2028\u2029]+\s*/);
  return lines.length > 1 ? `${lines[0]} …` : (lines[0] ?? '');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The calendar dates written in a text, as YYYY-MM-DD: "2026-12-10", "10 December 2026",
 * "Dec 10, 2026". A date without a year is left alone: which year it means is a guess.
 */
export function datesIn(text: string): string[] {
  const found: string[] = [];
  const add = (y: string, m: number, d: string) => {
    const date = `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;
    if (isCalendarDate(date) && !found.includes(date)) found.push(date);
  };
  for (const m of text.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g))
    add(m[1] ?? '', Number(m[2]), m[3] ?? '');
  const month = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${month},? (\\d{4})\\b`, 'gi')))
    add(m[3] ?? '', MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1, m[1] ?? '');
  for (const m of text.matchAll(new RegExp(`\\b${month} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'gi')))
    add(m[3] ?? '', MONTHS.indexOf((m[1] ?? '').toLowerCase()) + 1, m[2] ?? '');
  return found;
}

/** Required questions of a bank that no session of the account has answered yet. */
function unanswered(bank: BankOutline, sessions: readonly Session[]): { id: string; ask: string }[] {
  const known = latestAnswers(sessions);
  return bank.questions
    .filter((q) => q.required && known[q.id] === undefined)
    .map((q) => ({ id: q.id, ask: q.ask }));
}
