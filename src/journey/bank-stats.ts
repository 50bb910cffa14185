// How a bank's questions and rules do in real calls, for the trainer who writes it: per question how
// often it is asked, skipped, answered "other", asked again to re-evaluate the problem, and how long
// an answer takes; per rule how often it fires, what the rep decided, and whether re-evaluating the
// problem moved it or found the same problem (noise); which questions come before loop-backs and
// wins. Folded account by account into running totals; pure: the banks in use are passed in.
import type { Account } from '../model/account.js';
import type { Entry, Session } from '../model/session.js';
import { dealsOf, flagsByDeal } from './deals.js';
import type { FlagView, Resolution } from './flags.js';
import { closeOf } from './team-report.js';

/** The format of `bank stats --json`; raised when a field changes meaning or goes away. */
export const BANK_STATS_FORMAT = 1;

/**
 * Gaps between answers that time an answer: under a second is a file of answers, not a conversation
 * (`--answers`); over half an hour is a pause (lunch, a call saved and resumed another day).
 */
export const ANSWER_GAP = { minSeconds: 1, maxSeconds: 30 * 60 } as const;

/** How many questions the "before loop-backs" and "in won deals" lists show. */
export const TOP_QUESTIONS = 5;

/** What the stats need of a bank on the shelf: its questions in order, their choices, its rules. */
export interface BankShape {
  id: string;
  version: number;
  hash: string;
  title: string;
  all: readonly {
    id: string;
    ask: string;
    type: string;
    choices: readonly { id: string }[];
    other: boolean;
  }[];
  rules: readonly { id: string; kind: 'loop_back' | 'tip' }[];
}

type ResolutionKind = Resolution['how'];

export interface QuestionStats {
  id: string;
  /** The question as the newest session recorded it (the bank's own text when never asked). */
  ask: string;
  /** The question type (text, choice, multi…), as the bank or the newest session gives it. */
  type: string;
  /** In the bank on the shelf now (false: asked in sessions of an earlier version only). */
  inBank: boolean;
  /** Sessions of this bank that put the question: answered or skipped. */
  asked: number;
  answered: number;
  skipped: number;
  /** Answers outside the question's choices (a choice with `other: true`); null when the bank is not on the shelf. */
  other: number | null;
  /** Times it was asked again while re-evaluating the problem for a loop-back, in any session. */
  reasked: number;
  /** The median time an answer took, in seconds (see ANSWER_GAP); null without a timed answer. */
  medianSeconds: number | null;
  /** How many answers were timed. */
  timed: number;
  /** Near-line changes of a tracked answer the rep judged: "Same problem, reworded" or "The problem has moved". */
  judged: { reworded: number; moved: number };
  /** Sessions in which it was asked before a loop-back flag was raised in that session. */
  beforeLoopBack: number;
  /** Deals later won in which a Knowledge or Options call asked it before the win was recorded. */
  inWonDeals: number;
  /** Deals later lost in which a call asked it before the loss was recorded. */
  inLostDeals: number;
}

export interface RuleStats {
  /** The bank rule's id, or `shift` (a tracked answer moved) or `manual` (raised by the rep). */
  id: string;
  kind: 'loop_back' | 'tip';
  inBank: boolean;
  /** Times it fired: flags raised, or tips shown. */
  fired: number;
  /** Loop-backs re-evaluated on the spot ("Now"). */
  now: number;
  /** Loop-backs kept for later ("Later"). */
  deferred: number;
  /** Loop-backs resolved so far, by how. */
  resolved: Record<ResolutionKind, number>;
  /** Loop-backs still open. */
  open: number;
  /** Re-evaluated (Now, or the problem restated in a later call) and a tracked part of the problem moved. */
  moved: number;
  /** Re-evaluated, and no tracked part of the problem moved: the same problem, at most reworded. */
  reworded: number;
}

export interface TopQuestion {
  question: string;
  ask: string;
  count: number;
  /** Sessions that asked it (before loop-backs), or deals of this bank won (in won deals). */
  of: number;
}

export interface BankReport {
  id: string;
  /** The bank's title on the shelf, else as the newest session recorded it. */
  title: string;
  /** Whether a bank of this id is on the shelf now (built-in, team folder or <home>/banks). */
  onShelf: boolean;
  /** The version and content hash on the shelf now. */
  current: { version: number; hash: string } | null;
  /** Versions the sessions were recorded with, oldest first. */
  versions: { version: number; hash: string; sessions: number }[];
  sessions: number;
  /** Sessions that raised at least one loop-back flag. */
  sessionsWithLoopBack: number;
  /** Deals later won (lost) with a session of this bank before the close. */
  wonDeals: number;
  lostDeals: number;
  /** The bank's questions in its order, then those only earlier versions asked. */
  questions: QuestionStats[];
  /** The bank's rules in its order, then `shift`, `manual` and rules only earlier versions had. */
  rules: RuleStats[];
  /** Near-line changes of tracked answers the rep judged, every question's `judged` added up. */
  judged: { reworded: number; moved: number };
  beforeLoopBacks: TopQuestion[];
  inWonDeals: TopQuestion[];
}

export interface BankStatsReport {
  format: typeof BANK_STATS_FORMAT;
  since: string | null;
  answerGap: { minSeconds: number; maxSeconds: number };
  banks: BankReport[];
}

interface QuestionTally extends Omit<QuestionStats, 'medianSeconds' | 'timed' | 'other' | 'inBank'> {
  askedAt: string;
  other: number;
  seconds: number[];
}

interface BankTally {
  id: string;
  title: string;
  titleAt: string;
  sessions: number;
  versions: Map<string, { version: number; hash: string; sessions: number }>;
  sessionsWithLoopBack: number;
  wonDeals: number;
  lostDeals: number;
  questions: Map<string, QuestionTally>;
  rules: Map<string, Omit<RuleStats, 'inBank'>>;
}

/** The running totals of bank stats, folded account by account. */
export interface BankStatsTally {
  since: string | undefined;
  /** Only this bank id; else every bank seen. */
  only: string | undefined;
  /** The banks on the shelf, by id: their questions' choices tell an "other" answer. */
  shelf: ReadonlyMap<string, BankShape>;
  banks: Map<string, BankTally>;
  /** Every bank id a session was recorded (or re-evaluated) with, in scope and `only` or not. */
  seen: Set<string>;
}

export function newBankStatsTally(scope: {
  since?: string | undefined;
  only?: string | undefined;
  shelf: ReadonlyMap<string, BankShape>;
}): BankStatsTally {
  return { since: scope.since, only: scope.only, shelf: scope.shelf, banks: new Map(), seen: new Set() };
}

const RESOLUTION_KINDS: readonly ResolutionKind[] = [
  'reevaluated',
  'restated',
  'knowledge_session',
  'by_hand',
];

function bankOf(tally: BankStatsTally, ref: Session['bank'], at: string): BankTally {
  let bank = tally.banks.get(ref.id);
  if (!bank) {
    bank = {
      id: ref.id,
      title: ref.title,
      titleAt: at,
      sessions: 0,
      versions: new Map(),
      sessionsWithLoopBack: 0,
      wonDeals: 0,
      lostDeals: 0,
      questions: new Map(),
      rules: new Map(),
    };
    tally.banks.set(ref.id, bank);
  } else if (at > bank.titleAt) {
    bank.title = ref.title;
    bank.titleAt = at;
  }
  return bank;
}

function questionOf(bank: BankTally, entry: Pick<Entry, 'question' | 'ask' | 'at' | 'type'>): QuestionTally {
  let q = bank.questions.get(entry.question);
  if (!q) {
    q = {
      id: entry.question,
      ask: entry.ask,
      type: entry.type,
      askedAt: entry.at,
      asked: 0,
      answered: 0,
      skipped: 0,
      other: 0,
      reasked: 0,
      seconds: [],
      judged: { reworded: 0, moved: 0 },
      beforeLoopBack: 0,
      inWonDeals: 0,
      inLostDeals: 0,
    };
    bank.questions.set(entry.question, q);
  } else if (entry.at > q.askedAt) {
    // The newest wording: stats read as the question is asked now, even after the bank changed.
    q.ask = entry.ask;
    q.type = entry.type;
    q.askedAt = entry.at;
  }
  return q;
}

/** A rule that has not fired yet: every count zero. */
function emptyRule(id: string, kind: RuleStats['kind']): Omit<RuleStats, 'inBank'> {
  return {
    id,
    kind,
    fired: 0,
    now: 0,
    deferred: 0,
    resolved: Object.fromEntries(RESOLUTION_KINDS.map((k) => [k, 0])) as Record<ResolutionKind, number>,
    open: 0,
    moved: 0,
    reworded: 0,
  };
}

function ruleOf(bank: BankTally, id: string, kind: RuleStats['kind']): Omit<RuleStats, 'inBank'> {
  let rule = bank.rules.get(id);
  if (!rule) {
    rule = emptyRule(id, kind);
    bank.rules.set(id, rule);
  }
  return rule;
}

/**
 * Whether re-evaluating the problem for a flag moved it. The runner records a change to the
 * problem's definition as a shift (a tracked answer materially different from the newest one before
 * it; a near-line change only when the rep said "The problem has moved"): re-evaluated on the spot,
 * the shifts of the flag's own re-evaluation; restated in a later call, the shifts of that call.
 * Undefined when the problem was not re-evaluated (still open, or resolved by hand).
 */
export function problemMoved(view: FlagView, sessions: ReadonlyMap<string, Session>): boolean | undefined {
  const resolution = view.resolution;
  if (!resolution || resolution.how === 'by_hand') return undefined;
  const session = sessions.get(resolution.session);
  if (!session) return undefined;
  if (resolution.how !== 'reevaluated') return session.shifts.length > 0;
  const revisit = session.revisits.find((r) => r.flag === view.flag.id);
  if (!revisit) return undefined;
  const asked = new Set(revisit.entries.map((e) => `${e.question}\n${e.at}`));
  return session.shifts.some((s) => asked.has(`${s.question}\n${s.at}`));
}

/** Whether a choice answer is one of the question's choices; `other: true` lets a free answer in. */
function isOther(entry: Entry, choices: ReadonlySet<string> | undefined): boolean {
  if (!choices || entry.answer === undefined) return false;
  if (entry.type !== 'choice' && entry.type !== 'multi') return false;
  const picked = Array.isArray(entry.answer) ? entry.answer : [entry.answer];
  // Labels kept with the entry name choices of the bank version that asked it.
  return picked.some((v) => typeof v === 'string' && !choices.has(v) && entry.labels?.[v] === undefined);
}

const dayOf = (iso: string) => iso.slice(0, 10);

/** Adds one account's sessions (those on or after `since`) to the totals. */
export function addAccountToBankStats(tally: BankStatsTally, account: Account): void {
  const inScope = (s: Session) => tally.since === undefined || dayOf(s.started) >= tally.since;
  const wanted = (id: string) => tally.only === undefined || tally.only === id;
  const sessions = new Map(account.sessions.map((s) => [s.id, s]));
  const flagsOf = new Map<string, FlagView[]>();
  for (const view of flagsByDeal(account)) {
    const list = flagsOf.get(view.session.id) ?? [];
    list.push(view);
    flagsOf.set(view.session.id, list);
  }
  const choiceSets = new Map<string, Map<string, Set<string>>>();
  const choicesOf = (bankId: string, question: string): Set<string> | undefined => {
    const shape = tally.shelf.get(bankId);
    if (!shape) return undefined;
    let byQuestion = choiceSets.get(bankId);
    if (!byQuestion) {
      byQuestion = new Map(shape.all.map((q) => [q.id, new Set(q.choices.map((c) => c.id))]));
      choiceSets.set(bankId, byQuestion);
    }
    return byQuestion.get(question) ?? new Set();
  };

  for (const session of account.sessions) {
    tally.seen.add(session.bank.id);
    for (const r of session.revisits) tally.seen.add(r.bank.id);
    if (!inScope(session)) continue;
    // Every answer of the call in the order given, its own and those of re-evaluations (another bank's).
    const timeline = [
      ...session.entries.map((entry) => ({ entry, bank: session.bank, revisit: false })),
      ...session.revisits.flatMap((r) => r.entries.map((entry) => ({ entry, bank: r.bank, revisit: true }))),
    ].sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : 0));
    let previous = session.started;
    for (const { entry, bank: ref, revisit } of timeline) {
      const gap = (Date.parse(entry.at) - Date.parse(previous)) / 1000;
      previous = entry.at;
      if (!wanted(ref.id)) continue;
      const q = questionOf(bankOf(tally, ref, session.started), entry);
      if (revisit) {
        q.reasked++;
        continue;
      }
      q.asked++;
      if (entry.answer === undefined) {
        q.skipped++;
        continue;
      }
      q.answered++;
      if (isOther(entry, choicesOf(ref.id, entry.question))) q.other++;
      if (gap >= ANSWER_GAP.minSeconds && gap <= ANSWER_GAP.maxSeconds) q.seconds.push(gap);
    }
    if (!wanted(session.bank.id)) continue;
    const bank = bankOf(tally, session.bank, session.started);
    bank.sessions++;
    const version = `${session.bank.version}\n${session.bank.hash}`;
    const seen = bank.versions.get(version);
    if (seen) seen.sessions++;
    else
      bank.versions.set(version, {
        version: session.bank.version,
        hash: session.bank.hash,
        sessions: 1,
      });
    for (const j of session.judgements) {
      const q = bank.questions.get(j.question);
      if (q) q.judged[j.verdict]++;
    }
    for (const tip of session.tips) ruleOf(bank, tip.rule, 'tip').fired++;
    const views = flagsOf.get(session.id) ?? [];
    for (const view of views) {
      const rule = ruleOf(bank, view.flag.rule, 'loop_back');
      rule.fired++;
      if (view.flag.decision === 'reevaluated') rule.now++;
      else rule.deferred++;
      if (view.resolution) rule.resolved[view.resolution.how]++;
      else rule.open++;
      const moved = problemMoved(view, sessions);
      if (moved === true) rule.moved++;
      if (moved === false) rule.reworded++;
    }
    if (views.length > 0) {
      bank.sessionsWithLoopBack++;
      const last =
        views
          .map((v) => v.flag.at)
          .sort()
          .at(-1) ?? '';
      const before = new Set(session.entries.filter((e) => e.at <= last).map((e) => e.question));
      for (const id of before) {
        const q = bank.questions.get(id);
        if (q) q.beforeLoopBack++;
      }
    }
  }

  // Deals won or lost: the questions their calls asked before the close was recorded (its `on` date
  // may be given later, backdated); for a win, the calls of the sale (a Results check-in follows it).
  for (const deal of dealsOf(account)) {
    const close = closeOf(deal);
    if (!close) continue;
    const asked = new Map<string, Set<string>>();
    for (const session of deal.sessions) {
      if (!inScope(session) || !wanted(session.bank.id) || session.started >= close.at) continue;
      if (close.kind === 'won' && session.loop === 'results') continue;
      const ids = asked.get(session.bank.id) ?? new Set();
      for (const entry of session.entries) ids.add(entry.question);
      asked.set(session.bank.id, ids);
    }
    for (const [bankId, ids] of asked) {
      const bank = tally.banks.get(bankId);
      if (!bank) continue;
      if (close.kind === 'won') bank.wonDeals++;
      else bank.lostDeals++;
      for (const id of ids) {
        const q = bank.questions.get(id);
        if (!q) continue;
        if (close.kind === 'won') q.inWonDeals++;
        else q.inLostDeals++;
      }
    }
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}

/** The report: each bank seen (or the one asked for, seen or not), by id. */
export function bankStatsReport(tally: BankStatsTally): BankStatsReport {
  const ids = [...tally.banks.keys()];
  if (tally.only !== undefined && !ids.includes(tally.only)) ids.push(tally.only);
  return {
    format: BANK_STATS_FORMAT,
    since: tally.since ?? null,
    answerGap: { ...ANSWER_GAP },
    banks: ids.sort().map((id) => bankReport(tally.banks.get(id), tally.shelf.get(id), id)),
  };
}

function bankReport(tally: BankTally | undefined, shape: BankShape | undefined, id: string): BankReport {
  const order = new Map((shape?.all ?? []).map((q, i) => [q.id, i]));
  const seen = tally?.questions ?? new Map<string, QuestionTally>();
  const questions: QuestionStats[] = [
    ...(shape?.all ?? []).map((q) => questionStats(seen.get(q.id), q, true, shape !== undefined)),
    ...[...seen.values()]
      .filter((q) => !order.has(q.id))
      .map((q) => questionStats(q, q, false, shape !== undefined)),
  ];
  const rules = ruleList(tally, shape);
  const judged = questions.reduce(
    (sum, q) => ({ reworded: sum.reworded + q.judged.reworded, moved: sum.moved + q.judged.moved }),
    { reworded: 0, moved: 0 },
  );
  const top = (count: (q: QuestionStats) => number, of: (q: QuestionStats) => number): TopQuestion[] =>
    questions
      .filter((q) => count(q) > 0)
      .sort((a, b) => count(b) - count(a) || count(b) / of(b) - count(a) / of(a))
      .slice(0, TOP_QUESTIONS)
      .map((q) => ({ question: q.id, ask: q.ask, count: count(q), of: of(q) }));
  const wonDeals = tally?.wonDeals ?? 0;
  return {
    id,
    title: shape?.title ?? tally?.title ?? id,
    onShelf: shape !== undefined,
    current: shape ? { version: shape.version, hash: shape.hash } : null,
    versions: [...(tally?.versions.values() ?? [])].sort(
      (a, b) => a.version - b.version || (a.hash < b.hash ? -1 : 1),
    ),
    sessions: tally?.sessions ?? 0,
    sessionsWithLoopBack: tally?.sessionsWithLoopBack ?? 0,
    wonDeals,
    lostDeals: tally?.lostDeals ?? 0,
    questions,
    rules,
    judged,
    beforeLoopBacks: top(
      (q) => q.beforeLoopBack,
      (q) => q.asked,
    ),
    inWonDeals: top(
      (q) => q.inWonDeals,
      () => wonDeals,
    ),
  };
}

function questionStats(
  q: QuestionTally | undefined,
  own: { id: string; ask: string; type: string },
  inBank: boolean,
  onShelf: boolean,
): QuestionStats {
  return {
    id: own.id,
    ask: q?.ask ?? own.ask,
    type: inBank ? own.type : (q?.type ?? own.type),
    inBank,
    asked: q?.asked ?? 0,
    answered: q?.answered ?? 0,
    skipped: q?.skipped ?? 0,
    other: onShelf ? (q?.other ?? 0) : null,
    reasked: q?.reasked ?? 0,
    medianSeconds: median(q?.seconds ?? []),
    timed: q?.seconds.length ?? 0,
    judged: { ...(q?.judged ?? { reworded: 0, moved: 0 }) },
    beforeLoopBack: q?.beforeLoopBack ?? 0,
    inWonDeals: q?.inWonDeals ?? 0,
    inLostDeals: q?.inLostDeals ?? 0,
  };
}

/** The bank's rules in its order (fired or not), then what fired that it does not hold. */
function ruleList(tally: BankTally | undefined, shape: BankShape | undefined): RuleStats[] {
  const fired = tally?.rules ?? new Map<string, Omit<RuleStats, 'inBank'>>();
  const own = new Set((shape?.rules ?? []).map((r) => r.id));
  return [
    ...(shape?.rules ?? []).map((r) => ({ ...(fired.get(r.id) ?? emptyRule(r.id, r.kind)), inBank: true })),
    ...[...fired.values()]
      .filter((r) => !own.has(r.id))
      .sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : 1))
      .map((r) => ({ ...r, inBank: false })),
  ];
}

/** `shift` and `manual` (not bank rules) right after the bank's own, then rules of earlier versions. */
const rank = (id: string) => (id === 'shift' ? 0 : id === 'manual' ? 1 : 2);
