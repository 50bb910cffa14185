// Playing a scenario: an account's journey, call by call, through the real interview runner with a
// clock set to each call's date, closes recorded between calls, and what each call raised compared
// with what the scenario expects. Pure but for the runner's own awaits: banks are passed in.
import type { QuestionBank } from '../bank/bank.js';
import type { Scenario, ScenarioCall } from '../bank/scenario.js';
import { UserError } from '../errors.js';
import type { AccountRecord } from '../model/records.js';
import type { Session } from '../model/session.js';
import { backgroundFor } from './background.js';
import { bankInUse } from './bank-in-use.js';
import { addCadence, DEFAULT_CADENCE, parseCadence } from './cadence.js';
import { lostRecord, wonRecord } from './records.js';
import { runInterview } from './runner.js';
import { checkHeard, checkScriptedAnswers, scriptedPrompts } from './scripted.js';
import { newSession, sessionId } from './session.js';

export interface CallResult {
  /** 1-based position among the scenario's steps. */
  step: number;
  loop: string;
  date: string;
  expected: { loopBacks?: string[] | undefined; tips?: string[] | undefined };
  actual: { loopBacks: string[]; tips: string[] };
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
        const on = ('won' in step ? step.won.on : step.lost.on) ?? day ?? FIRST_DAY;
        const at = new Date(`${on}T18:00:00.000Z`);
        records.push(
          'won' in step
            ? wonRecord(ACCOUNT, on, parseCadence(step.won.every ?? DEFAULT_CADENCE).text, at)
            : lostRecord(ACCOUNT, on, step.lost.reason, at),
        );
        day = on;
        continue;
      }
      day = step.on ?? (day ? addCadence(day, { text: '1d', days: 1, months: 0 }) : FIRST_DAY);
      const session = await playCall(step, index + 1, day, banks, sessions, records);
      sessions.push(session);
      calls.push(compareCall(step, index + 1, day, session));
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
): Promise<Session> {
  const bank = call.bank ? banks.find((b) => b.id === call.bank) : bankInUse(sessions, call.loop, banks);
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
  const knowledge = bank.loop === 'knowledge' ? bank : bankInUse(sessions, 'knowledge', banks);
  const { session } = await runInterview({
    bank,
    knowledge,
    background: backgroundFor(
      sessions,
      now,
      records.filter((r) => r.at <= now.toISOString()),
    ),
    session: newSession({
      id: sessionId(bank.loop, now, `s${step}`),
      account: ACCOUNT,
      bank,
      contact: call.contact,
      now,
    }),
    prompts,
    save: async () => undefined,
    clock,
    lenient: true,
  });
  return session;
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

function compareCall(call: ScenarioCall, step: number, date: string, session: Session): CallResult {
  const actual = {
    loopBacks: loopBacksOf(session),
    tips: [...new Set(session.tips.map((t) => t.rule))].sort(),
  };
  const expected = { loopBacks: call.expect?.loop_backs, tips: call.expect?.tips };
  const differences: string[] = [];
  const compare = (what: string, want: string[] | undefined, got: string[]) => {
    if (want === undefined) return;
    const sorted = [...new Set(want)].sort();
    if (sorted.join() !== got.join())
      differences.push(`${what}: expected [${sorted.join(', ')}], got [${got.join(', ')}]`);
  };
  compare('loop-backs', expected.loopBacks, actual.loopBacks);
  compare('tips', expected.tips, actual.tips);
  return { step, loop: call.loop, date, expected, actual, differences };
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
