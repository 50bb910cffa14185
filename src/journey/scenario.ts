// Playing a scenario: an account's journey, call by call, through the real interview runner with a
// clock set to each call's date, closes recorded between calls, and what each call raised compared
// with what the scenario expects. Pure but for the runner's own awaits: banks are passed in.
import type { QuestionBank } from '../bank/bank.js';
import { outlineOf } from '../bank/outline.js';
import type { Scenario, ScenarioCall } from '../bank/scenario.js';
import { UserError } from '../errors.js';
import type { AccountRecord } from '../model/records.js';
import type { Session } from '../model/session.js';
import { backgroundFor } from './background.js';
import { bankInUse } from './bank-in-use.js';
import { addCadence, DEFAULT_CADENCE, parseCadence } from './cadence.js';
import { dealField, dealKey, dealView, FIRST_DEAL_NAME } from './deals.js';
import { nextLoopWith } from './next-loop.js';
import { lostRecord, wonRecord } from './records.js';
import { runInterview } from './runner.js';
import { checkHeard, checkScriptedAnswers, scriptedPrompts } from './scripted.js';
import { newSession, sessionId } from './session.js';

export interface CallResult {
  /** 1-based position among the scenario's steps. */
  step: number;
  loop: string;
  date: string;
  /** The deal the call was about, when the scenario names one. */
  deal?: string | undefined;
  expected: {
    loopBacks?: string[] | undefined;
    tips?: string[] | undefined;
    nextLoop?: string | undefined;
  };
  actual: { loopBacks: string[]; tips: string[]; nextLoop: string };
  differences: string[];
}

export interface ScenarioResult {
  name: string;
  calls: CallResult[];
  passed: boolean;
  /** A step that could not be played (a bank missing, an answer refused). */
  error?: string | undefined;
}

/** Counts of expected and actual loop-backs, per call: the corpus's precision and recall. */
export interface LoopBackTally {
  calls: number;
  tp: number;
  fp: number;
  fn: number;
}

const FIRST_DAY = '2026-01-05';
const ACCOUNT = 'Scenario account';

export async function playScenario(
  scenario: Scenario,
  banks: readonly QuestionBank[],
): Promise<ScenarioResult> {
  const sessions: Session[] = [];
  const records: AccountRecord[] = [];
  const calls: CallResult[] = [];
  let day: string | undefined;
  try {
    for (const [index, step] of scenario.calls.entries()) {
      if ('won' in step || 'lost' in step) {
        const close = 'won' in step ? step.won : step.lost;
        const on = close.on ?? day ?? FIRST_DAY;
        const at = new Date(`${on}T18:00:00.000Z`);
        const by = dealField(dealOf({ sessions, records }, close.deal));
        records.push(
          'won' in step
            ? wonRecord(ACCOUNT, on, parseCadence(step.won.every ?? DEFAULT_CADENCE).text, at, by)
            : lostRecord(ACCOUNT, on, step.lost.reason, at, by),
        );
        day = on;
        continue;
      }
      day = step.on ?? (day ? addCadence(day, { text: '1d', days: 1, months: 0 }) : FIRST_DAY);
      const played = await playCall(step, index + 1, day, banks, sessions, records);
      sessions.push(played.session);
      calls.push(compareCall(step, index + 1, day, played.session, played.nextLoop));
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      name: scenario.scenario,
      calls,
      passed: false,
      error: [error.message, ...error.details].join('\n'),
    };
  }
  return { name: scenario.scenario, calls, passed: calls.every((c) => c.differences.length === 0) };
}

async function playCall(
  call: ScenarioCall,
  step: number,
  day: string,
  banks: readonly QuestionBank[],
  sessions: readonly Session[],
  records: readonly AccountRecord[],
): Promise<{ session: Session; nextLoop: string }> {
  // Everything a call knows comes from its own deal: its sessions, its closes, its flags.
  const deal = dealOf({ sessions, records }, call.deal);
  const before = deal.sessions;
  const bank = call.bank ? banks.find((b) => b.id === call.bank) : bankInUse(before, call.loop, banks);
  if (!bank)
    throw new UserError(
      `step ${step}: no ${call.bank ? `bank "${call.bank}"` : `${call.loop} bank`} to play it with`,
    );
  if (bank.loop !== call.loop)
    throw new UserError(`step ${step}: bank "${bank.id}" is for the ${bank.loop} loop, not ${call.loop}`);
  const label = `step ${step} (${call.loop})`;
  const raw = { ...call.answers, ...(call.heard ? { heard: call.heard } : {}) };
  const answers = checkScriptedAnswers(bank, raw, label);
  const prompts = scriptedPrompts(answers, label, false, checkHeard(bank, raw, label));
  // A clock that ticks a second per reading, so answers keep their order within the call.
  let tick = 0;
  const start = Date.parse(`${day}T10:00:00.000Z`);
  const clock = () => new Date(start + 1000 * tick++);
  const now = clock();
  const knowledge = bank.loop === 'knowledge' ? bank : bankInUse(before, 'knowledge', banks);
  const known = { ...deal, records: deal.records.filter((r) => r.at <= now.toISOString()) };
  const outline = bankInUse(before, 'knowledge', banks);
  const nextLoop = nextLoopWith(known, outline && outlineOf(outline), now).loop;
  const { session } = await runInterview({
    bank,
    knowledge,
    background: backgroundFor(before, now, known.records),
    session: newSession({
      id: sessionId(bank.loop, now, `s${step}`),
      account: ACCOUNT,
      ...dealField(deal),
      bank,
      contact: call.contact,
      now,
    }),
    prompts,
    save: async () => undefined,
    clock,
    lenient: true,
  });
  return { session, nextLoop };
}

/** The deal a step names (absent: the account's first deal), as it stands so far. */
function dealOf(
  history: { sessions: readonly Session[]; records: readonly AccountRecord[] },
  named: string | undefined,
) {
  const account = { name: ACCOUNT, sessions: [...history.sessions], records: [...history.records] };
  return dealView(account, dealKey(named), named ?? FIRST_DEAL_NAME);
}

/** The loop-backs a session raised, as scenarios name them: rule ids, or shift:<question>. */
export function loopBacksOf(session: Pick<Session, 'flags' | 'shifts'>): string[] {
  const names = session.flags
    .filter((f) => f.rule !== 'manual')
    .map((f) => (f.rule === 'shift' ? `shift:${f.evidence[0]?.question ?? '?'}` : f.rule));
  // In the Knowledge loop a moved answer is the re-evaluation itself, kept as the problem's history
  // rather than a flag; a scenario names it the same way, so the detector is measured in every loop.
  const shifts = session.shifts.map((s) => `shift:${s.question}`);
  return [...new Set([...names, ...shifts])].sort();
}

function compareCall(
  call: ScenarioCall,
  step: number,
  date: string,
  session: Session,
  nextLoop: string,
): CallResult {
  const actual = {
    loopBacks: loopBacksOf(session),
    tips: [...new Set(session.tips.map((t) => t.rule))].sort(),
    nextLoop,
  };
  const expected = {
    loopBacks: call.expect?.loop_backs,
    tips: call.expect?.tips,
    nextLoop: call.expect?.next_loop,
  };
  const differences: string[] = [];
  const compare = (what: string, want: string[] | undefined, got: string[]) => {
    if (want === undefined) return;
    const sorted = [...new Set(want)].sort();
    if (sorted.join() !== got.join())
      differences.push(`${what}: expected [${sorted.join(', ')}], got [${got.join(', ')}]`);
  };
  compare('loop-backs', expected.loopBacks, actual.loopBacks);
  compare('tips', expected.tips, actual.tips);
  if (expected.nextLoop !== undefined && expected.nextLoop !== nextLoop)
    differences.push(`next loop: expected ${expected.nextLoop}, got ${nextLoop}`);
  return {
    step,
    loop: call.loop,
    ...(call.deal ? { deal: call.deal } : {}),
    date,
    expected,
    actual,
    differences,
  };
}

/** Adds one scenario's calls to the tally (calls that say what loop-backs to expect). */
export function tallyLoopBacks(tally: LoopBackTally, result: ScenarioResult): LoopBackTally {
  const next = { ...tally };
  for (const call of result.calls) {
    if (call.expected.loopBacks === undefined) continue;
    const want = new Set(call.expected.loopBacks);
    const got = new Set(call.actual.loopBacks);
    next.calls++;
    next.tp += [...got].filter((x) => want.has(x)).length;
    next.fp += [...got].filter((x) => !want.has(x)).length;
    next.fn += [...want].filter((x) => !got.has(x)).length;
  }
  return next;
}

export function precisionRecall(t: LoopBackTally): { precision: number; recall: number } {
  return {
    precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
    recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
  };
}
