// The pre-call briefing: what a rep reads in thirty seconds before dialling. Pure: built from the
// account's sessions and records, the banks, and the time.
import type { BankOutline } from '../bank/outline.js';
import type { Account } from '../model/account.js';
import type { Loop } from '../model/loop.js';
import { type MeasureLine, measureLines } from '../model/measures.js';
import type { Note, Session, Tip } from '../model/session.js';
import { latestAnswers, stageOf } from './background.js';
import { dueItem } from './due.js';
import { type FlagView, openFlagsOf } from './flags.js';
import { nextLoopWith } from './next-loop.js';
import { type ProblemChange, problemChanges, type StatementVersion, statementHistory } from './problem.js';

export const PREP_FORMAT = 1;

export interface TimelineStop {
  loop: Loop;
  date: string;
  session: string;
  status: Session['status'];
  /** This session raised a loop-back flag, or went back to the Knowledge loop after another loop. */
  loopBack: boolean;
  /** Loop-back flags this session raised. */
  flags: number;
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
  now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function buildPrep(input: PrepInput): Prep {
  const { sessions, records } = input.account;
  const open = openFlagsOf(input.account);
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

function timeline(sessions: readonly Session[]): TimelineStop[] {
  return sessions.map((s, i) => {
    const before = sessions[i - 1];
    const returned = s.loop === 'knowledge' && before !== undefined && before.loop !== 'knowledge';
    return {
      loop: s.loop,
      date: s.started.slice(0, 10),
      session: s.id,
      status: s.status,
      loopBack: returned || s.flags.length > 0,
      flags: s.flags.length,
    };
  });
}

/** Required questions of a bank that no session of the account has answered yet. */
function unanswered(bank: BankOutline, sessions: readonly Session[]): { id: string; ask: string }[] {
  const known = latestAnswers(sessions);
  return bank.questions
    .filter((q) => q.required && known[q.id] === undefined)
    .map((q) => ({ id: q.id, ask: q.ask }));
}
