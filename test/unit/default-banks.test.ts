import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenQuestions } from '../../src/bank/bank.js';
import { builtinBankDir } from '../../src/bank/location.js';
import { parseBank } from '../../src/bank/parse.js';
import { LOOPS } from '../../src/model/loop.js';
import { formatProblem } from '../../src/yaml/source.js';

const dir = builtinBankDir();
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const banks = files.map((f) => {
  const path = join(dir, f);
  const result = parseBank(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.bank;
});

describe('the default question banks', () => {
  it('cover every loop, each bank with a unique id', () => {
    expect(new Set(banks.map((b) => b.loop))).toEqual(new Set(LOOPS));
    expect(new Set(banks.map((b) => b.id)).size).toBe(banks.length);
  });

  it.each(banks.map((b) => [b.id, b]))(
    '%s has 12 to 25 questions, each with why and listen_for',
    (_id, bank) => {
      const questions = flattenQuestions(bank.questions);
      expect(questions.length).toBeGreaterThanOrEqual(12);
      expect(questions.length).toBeLessThanOrEqual(25);
      for (const q of questions) {
        expect(q.why, q.id).toBeTruthy();
        expect(q.listenFor.length, q.id).toBeGreaterThan(0);
      }
    },
  );

  it.each(banks.map((b) => [b.id, b]))('%s branches: it uses conditions and follow-ups', (_id, bank) => {
    const questions = flattenQuestions(bank.questions);
    expect(questions.some((q) => q.parent)).toBe(true);
    expect(bank.conditions.size).toBeGreaterThan(1);
  });

  it.each(banks.map((b) => [b.id, b]))('%s has examples covering every one of its rules', (_id, bank) => {
    const covered = new Set(
      bank.examples.flatMap((e) => [...(e.expect.loop_backs ?? []), ...(e.expect.tips ?? [])]),
    );
    expect(bank.rules.length).toBeGreaterThan(0);
    expect(bank.rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("the knowledge bank ends with the problem statement, in the prospect's words", () => {
    const knowledge = banks.find((b) => b.loop === 'knowledge');
    const last = knowledge?.questions.at(-1);
    expect(last?.id).toBe('problem_statement');
    expect(last?.required).toBe(true);
  });
});
