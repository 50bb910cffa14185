// Runs a bank's examples: each named case goes through the real interview runner with scripted
// answers, and what fired is compared with what the trainer expected.

import type { QuestionBank } from '../bank/bank.js';
import type { ExampleInput } from '../bank/schema.js';
import { EMPTY_ACCOUNT } from '../model/account.js';
import type { AnswerValue } from '../model/answer.js';
import type { Background } from './background.js';
import { runInterview } from './runner.js';
import { checkScriptedAnswers, scriptedPrompts } from './scripted.js';
import { newSession } from './session.js';

export interface ExampleResult {
  name: string;
  passed: boolean;
  /** What differed, one line each. */
  differences: string[];
  loopBacks: string[];
  tips: string[];
  asked: string[];
}

const EXAMPLE_TIME = new Date('2026-01-01T09:00:00.000Z');

export async function runExample(
  bank: QuestionBank,
  example: ExampleInput,
  knowledge?: QuestionBank,
): Promise<ExampleResult> {
  const answers = checkScriptedAnswers(bank, example.answers, `example "${example.name}"`);
  const heard = new Map(Object.entries(example.heard ?? {}));
  const prompts = scriptedPrompts(answers, `example "${example.name}"`, false, heard);
  const { session } = await runInterview({
    bank,
    knowledge,
    session: newSession({ id: '20260101T090000Z-example-x0', account: 'Example', bank, now: EXAMPLE_TIME }),
    prompts,
    save: async () => undefined,
    clock: () => EXAMPLE_TIME,
    lenient: true,
    background: exampleBackground(example),
  });
  const loopBacks = [...new Set(session.flags.map((f) => f.rule))].sort();
  const tips = [...new Set(session.tips.map((t) => t.rule))].sort();
  const asked = prompts.asked();
  const differences: string[] = [];
  const compare = (what: string, expected: string[] | undefined, got: string[]) => {
    if (expected === undefined) return;
    const want = [...new Set(expected)].sort();
    if (want.join() !== got.join())
      differences.push(`${what}: expected [${want.join(', ')}], got [${got.join(', ')}]`);
  };
  compare('loop-backs', example.expect.loop_backs, loopBacks);
  compare('tips', example.expect.tips, tips);
  const notAsked = (example.expect.asked ?? []).filter((id) => !asked.includes(id));
  if (notAsked.length > 0) differences.push(`expected to be asked but not: ${notAsked.join(', ')}`);
  const wronglyAsked = (example.expect.skipped ?? []).filter((id) => asked.includes(id));
  if (wronglyAsked.length > 0)
    differences.push(`expected to be skipped but asked: ${wronglyAsked.join(', ')}`);
  return { name: example.name, passed: differences.length === 0, differences, loopBacks, tips, asked };
}

/** What an example says the account brought: its earlier answers (and their history), facts and close. */
function exampleBackground(example: ExampleInput): Background {
  const history: Record<string, AnswerValue[]> = {};
  for (const [id, list] of Object.entries(example.history ?? {})) history[id] = list as AnswerValue[];
  const previous: Record<string, AnswerValue> = {};
  for (const [id, list] of Object.entries(history))
    if (list.length > 0) previous[id] = list.at(-1) as AnswerValue;
  for (const [id, value] of Object.entries(example.previous ?? {})) {
    previous[id] = value as AnswerValue;
    history[id] = [...(history[id] ?? []), value as AnswerValue];
  }
  const { customer_since: since, ...facts } = example.account ?? {};
  return {
    previous,
    history,
    today: EXAMPLE_TIME.toISOString().slice(0, 10),
    ...(since ? { since } : {}),
    account: { ...EMPTY_ACCOUNT, ...facts, loops: facts.loops ?? [] },
  };
}
