// Results measures: the outcome a customer bought, its baseline and target, each actual taken at a
// check-in, how far toward the target it has come, and which way it is heading.
import { type AnswerValue, isMeasureValue, type MeasureValue } from './answer.js';
import type { Session } from './session.js';

export type Direction = 'higher' | 'lower';

export interface MeasureLine {
  question: string;
  /** The question as asked the last time. */
  name: string;
  unit: string | null;
  direction: Direction | null;
  baseline: number | null;
  target: number | null;
  actuals: { date: string; value: number }[];
  /** Percent of the way from baseline to target (100 = target met); null without both. */
  progress: number | null;
  trend: 'improving' | 'worsening' | 'flat' | null;
  behind: boolean;
}

/** What is known of a measure from its values in time order: the first baseline, the latest target. */
export function measureState(
  values: readonly MeasureValue[],
  declared?: Direction,
): Omit<MeasureLine, 'question' | 'name' | 'unit' | 'actuals'> & {
  actual: number | null;
  previous: number | null;
} {
  const baseline = values.find((v) => v.baseline !== undefined)?.baseline ?? null;
  const target = [...values].reverse().find((v) => v.target !== undefined)?.target ?? null;
  const direction =
    declared ?? [...values].reverse().find((v) => v.direction)?.direction ?? inferDirection(baseline, target);
  const actuals = values.flatMap((v) => (v.actual === undefined ? [] : [v.actual]));
  const actual = actuals.at(-1) ?? null;
  const previous = actuals.at(-2) ?? null;
  const progress =
    baseline !== null && target !== null && actual !== null && target !== baseline
      ? Math.round(((actual - baseline) / (target - baseline)) * 100)
      : null;
  let trend: MeasureLine['trend'] = null;
  if (actual !== null && previous !== null && direction) {
    const better = direction === 'higher' ? actual > previous : actual < previous;
    trend = actual === previous ? 'flat' : better ? 'improving' : 'worsening';
  }
  return {
    baseline,
    target,
    direction,
    progress,
    trend,
    behind: progress !== null && progress < 100,
    actual,
    previous,
  };
}

/** Without a stated direction, a target above the baseline means higher is better. */
function inferDirection(baseline: number | null, target: number | null): Direction | null {
  if (baseline === null || target === null || baseline === target) return null;
  return target > baseline ? 'higher' : 'lower';
}

/** Every measure recorded across an account's sessions, in the order first taken. */
export function measureLines(sessions: readonly Session[]): MeasureLine[] {
  const byId = new Map<
    string,
    { name: string; unit: string | null; entries: { date: string; value: MeasureValue }[] }
  >();
  for (const session of sessions) {
    for (const e of session.entries) {
      if (e.type !== 'measure' || !isMeasureValue(e.answer)) continue;
      const line = byId.get(e.question) ?? { name: e.ask, unit: e.unit ?? null, entries: [] };
      line.name = e.ask;
      line.unit = e.unit ?? line.unit;
      line.entries.push({ date: session.started.slice(0, 10), value: e.answer });
      byId.set(e.question, line);
    }
  }
  return [...byId].map(([question, line]) => {
    const state = measureState(line.entries.map((e) => e.value));
    const actuals = line.entries.flatMap((e) =>
      e.value.actual === undefined ? [] : [{ date: e.date, value: e.value.actual }],
    );
    const { actual: _a, previous: _p, ...rest } = state;
    return { question, name: line.name, unit: line.unit, actuals, ...rest };
  });
}

/** The values of one measure in the answers given before (previous) and now, in time order. */
export function measureValues(
  previous: AnswerValue | undefined,
  now: AnswerValue | undefined,
): MeasureValue[] {
  return [previous, now].filter(isMeasureValue);
}

/** How long a measure has to reach its target when nobody said by when: six months from the start. */
export const DEFAULT_HORIZON_MONTHS = 6;

export interface Trajectory {
  /** When the measure started moving from its baseline (the close, else its first check-in). */
  start: string;
  /** When the target should be reached (YYYY-MM-DD). */
  by: string;
}

/** The value expected on `today` on a straight line from the baseline at start to the target by `by`. */
export function expectedValue(
  baseline: number,
  target: number,
  trajectory: Trajectory,
  today: string,
): number {
  const from = Date.parse(`${trajectory.start}T00:00:00Z`);
  const to = Date.parse(`${trajectory.by}T00:00:00Z`);
  const at = Date.parse(`${today}T00:00:00Z`);
  const share = to <= from ? 1 : Math.min(1, Math.max(0, (at - from) / (to - from)));
  return baseline + (target - baseline) * share;
}

/**
 * Behind the trajectory: the latest actual is short of where a straight line from the baseline to
 * the target says it should be by now (with a tenth of the way as slack: a check-in is an
 * estimate). Not "short of the target", which every measure is until the end.
 */
export function behindTrajectory(
  values: readonly MeasureValue[],
  trajectory: Trajectory,
  today: string,
): boolean {
  const state = measureState(values);
  const { baseline, target, actual, direction } = state;
  if (baseline === null || target === null || actual === null || !direction || baseline === target)
    return false;
  const expected = expectedValue(baseline, target, trajectory, today);
  const slack = Math.abs(target - baseline) * 0.1;
  return direction === 'higher' ? actual < expected - slack : actual > expected + slack;
}

/** How many check-ins in a row (ending with the latest) the measure moved the wrong way. */
export function worseningStreak(values: readonly MeasureValue[]): number {
  const { direction } = measureState(values);
  if (!direction) return 0;
  const actuals = values.flatMap((v) => (v.actual === undefined ? [] : [v.actual]));
  let streak = 0;
  for (let i = actuals.length - 1; i > 0; i--) {
    const now = actuals[i] as number;
    const before = actuals[i - 1] as number;
    const worse = direction === 'higher' ? now < before : now > before;
    if (!worse) break;
    streak++;
  }
  return streak;
}
