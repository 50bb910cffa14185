// Two reps on one account through the binary: Dana's Knowledge call, Lee's Options call that changes
// the problem, both sync; Dana's prep shows Lee's call and the loop-back it raised, and the manager's
// and trainer's views count both. Then two Knowledge calls recorded apart with different problem
// statements: the merged history raises the loop-back neither call could, once, in both clones.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './run.js';
import { ok, type Rep, twoReps } from './team-reps.js';

let root: string;
let changedProblem: string;
let otherStatement: string;
const KNOWLEDGE = join(FIXTURES, 'answers/knowledge.yaml');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'journey-two-reps-'));
  changedProblem = join(root, 'options-problem-changed.yaml');
  const quick = await readFile(join(FIXTURES, 'answers/quick-options.yaml'), 'utf8');
  await writeFile(changedProblem, quick.replace('problem_still_holds: true', 'problem_still_holds: false'));
  otherStatement = join(root, 'knowledge-other-problem.yaml');
  const knowledge = await readFile(KNOWLEDGE, 'utf8');
  await writeFile(
    otherStatement,
    knowledge
      .replace(/root_cause: .*/, 'root_cause: Invoices are keyed by hand from paper in three warehouses')
      .replace(
        /problem_statement: \|\n(?: {2}.*\n)+/,
        'problem_statement: |\n  Paper invoices keyed by hand in three warehouses delay the monthly close by nine days.\n',
      ),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function team(name: string) {
  return twoReps(join(root, name));
}

describe('two reps, one account', () => {
  it("shows Dana Lee's Options call and the loop-back it raised, and counts both calls for the team", async () => {
    const { dana, lee } = await team('two-reps');
    await ok(dana, ['start', 'Acme, Inc.', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    const sent = await ok(dana, ['sync']);
    expect(sent.stdout).toContain('Sent: 1 session (Acme, Inc.).');

    const pulled = await ok(lee, ['sync']);
    expect(pulled.stdout).toContain('Received: 1 session (Acme, Inc.) from Dana.');
    await ok(lee, ['start', 'Acme, Inc.', '--loop', 'options', '--quick', '--answers', changedProblem]);
    await ok(lee, ['sync']);

    const received = await ok(dana, ['sync']);
    expect(received.stdout).toContain('Received: 1 session (Acme, Inc.) from Lee.');
    const prep = await ok(dana, ['prep', 'Acme, Inc.']);
    expect(prep.stdout).toMatch(/knowledge [0-9-]+ → options/);
    expect(prep.stdout).toMatch(/Lee/);
    expect(prep.stdout).toMatch(/no longer the one you wrote down/);

    const json = JSON.parse((await ok(dana, ['prep', 'Acme, Inc.', '--json'])).stdout) as {
      openFlags: { flag: { rule: string } }[];
    };
    expect(json.openFlags.map((f) => f.flag.rule)).toContain('problem_no_longer_holds');

    const report = JSON.parse((await ok(dana, ['team', 'report', '--json'])).stdout) as {
      reps: { rep: string; sessions: number; loops: Record<string, number> }[];
    };
    const byRep = Object.fromEntries(report.reps.map((r) => [r.rep, r]));
    expect(byRep.Dana?.sessions).toBe(1);
    expect(byRep.Lee?.sessions).toBe(1);

    const stats = await ok(dana, ['bank', 'stats', '--json']);
    const banks = (JSON.parse(stats.stdout) as { banks: { id: string; sessions: number }[] }).banks;
    expect(banks.map((b) => [b.id, b.sessions]).sort()).toEqual([
      ['knowledge-discovery', 1],
      ['options-tour', 1],
    ]);
  }, 120_000);

  it('raises the loop-back two Knowledge calls recorded apart show, once, with the same id in both clones', async () => {
    const { dana, lee } = await team('apart');
    // Both heard of Globex and called it the same day, before either synced.
    await ok(dana, ['start', 'Globex', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
    await ok(lee, ['start', 'Globex', '--loop', 'knowledge', '--answers', otherStatement]);
    await ok(dana, ['sync']);
    const leeSync = await ok(lee, ['sync']);
    expect(leeSync.stdout).toMatch(/Reviewed .* against the merged history: 1 new loop-back flag/);
    const danaSync = await ok(dana, ['sync']);
    // Lee's clone raised it and sent it; Dana's review finds it already raised.
    expect(danaSync.stdout).toContain('1 loop-back from merged history (Globex)');
    const flagsOf = async (rep: Rep) =>
      (
        JSON.parse((await ok(rep, ['flags', 'Globex', '--json'])).stdout) as {
          flags: { flag: { id: string } }[];
        }
      ).flags.map((f) => f.flag.id);
    const danas = await flagsOf(dana);
    expect(danas).toHaveLength(1);
    expect(await flagsOf(lee)).toEqual(danas);
    const prep = await ok(dana, ['prep', 'Globex']);
    expect(prep.stdout).toMatch(/different\s+answers/);
    // Syncing again raises nothing more.
    const again = await ok(dana, ['sync']);
    expect(again.stdout).toContain('Up to date');
  }, 120_000);
});
