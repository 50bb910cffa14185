// Scenario files: an account's whole journey played call by call through the real runner, each call
// saying exactly which loop-backs it must raise. The zod schema is the format (and its JSON Schema).
import { z } from 'zod';
import { LOOPS } from '../model/loop.js';
import { formatProblem, locate, type SourceProblem } from '../yaml/positions.js';
import { readYaml } from '../yaml/source.js';

const isoDate = z.iso.date('a date as YYYY-MM-DD');
const ids = z.array(z.string().min(1));

const ExpectSchema = z.strictObject({
  /** Exactly these loop-backs: rule ids, or shift:<question id> for a tracked answer that moved. */
  loop_backs: ids.optional(),
  /** Exactly these tips (rule ids). */
  tips: ids.optional(),
  /** The loop journey suggests for this call's deal before it starts (what start and prep say). */
  next_loop: z.enum(LOOPS).optional(),
});

/** The deal within the account a step is about; absent: the account's first deal. */
const deal = z.string().min(1).optional();

export const CallSchema = z.strictObject({
  loop: z.enum(LOOPS),
  deal,
  /** A bank id; else the loop's bank among the scenario's banks. */
  bank: z.string().min(1).optional(),
  /** The call's date; else a day after the previous step (the first call: 2026-01-05). */
  on: isoDate.optional(),
  contact: z.string().min(1).optional(),
  answers: z.record(z.string(), z.unknown()),
  /** Cue ids the rep ticked, by question id. */
  heard: z.record(z.string(), ids).optional(),
  expect: ExpectSchema.optional(),
});

export const WonStepSchema = z.strictObject({
  won: z.strictObject({ deal, on: isoDate.optional(), every: z.string().min(1).optional() }),
});

export const LostStepSchema = z.strictObject({
  lost: z.strictObject({ deal, on: isoDate.optional(), reason: z.string().min(1).optional() }),
});

export const ScenarioSchema = z.strictObject({
  scenario: z.string().min(1),
  /** Bank folders or files, relative to the scenario file; else the banks in use. */
  banks: z.array(z.string().min(1)).optional(),
  calls: z
    .array(z.union([CallSchema, WonStepSchema, LostStepSchema]))
    .min(1, 'a scenario needs at least one call'),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioStep = Scenario['calls'][number];
export type ScenarioCall = z.infer<typeof CallSchema>;

/** A YAML value is a scenario (not a bank) when it has `calls:`. */
export function isScenario(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'calls' in value;
}

export type ScenarioRead = { ok: true; scenario: Scenario } | { ok: false; problems: SourceProblem[] };

export function parseScenario(text: string, file: string): ScenarioRead {
  const yaml = readYaml(text, file);
  if (!yaml.ok) return { ok: false, problems: yaml.problems };
  const parsed = ScenarioSchema.safeParse(yaml.value);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  const problems = parsed.error.issues.slice(0, 10).map((issue) => {
    const path = issue.path as (string | number)[];
    const { line, col } = locate(yaml.source, path);
    const where = path.length > 0 ? `"${path.join('.')}": ` : '';
    const message =
      issue.code === 'unrecognized_keys'
        ? `${where}unknown key "${issue.keys.join('", "')}"`
        : issue.code === 'invalid_union'
          ? `${where}a step is a call (loop, answers, expect), a won: or a lost:`
          : `${where}${issue.message}`;
    return { file, line, col, severity: 'error' as const, message };
  });
  return { ok: false, problems };
}

export function scenarioProblemsText(problems: readonly SourceProblem[]): string[] {
  return problems.map(formatProblem);
}

/** The scenario format as a JSON Schema, for editors (`journey bank schema --scenario`). */
export async function scenarioJsonSchema(): Promise<Record<string, unknown>> {
  const { jsonSchemaOf } = await import('./json-schema.js');
  return jsonSchemaOf(ScenarioSchema, {
    file: 'scenario.schema.json',
    title: 'journey scenario',
    description:
      "An account's whole journey, call by call, with the loop-backs and tips each call must raise: journey bank test plays it.",
    io: 'input',
  });
}
