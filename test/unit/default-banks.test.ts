import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenQuestions } from '../../src/bank/bank.js';
import { builtinBankDir } from '../../src/bank/location.js';
import { parseBank } from '../../src/bank/parse.js';
import { LOOPS } from '../../src/model/loop.js';
import { formatProblem } from '../../src/yaml/positions.js';

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
    '%s has 12 to 40 questions in all, each with why and listen_for',
    (_id, bank) => {
      const questions = flattenQuestions(bank.questions);
      expect(questions.length).toBeGreaterThanOrEqual(12);
      expect(questions.length).toBeLessThanOrEqual(40);
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

  it("the knowledge bank closes with the problem statement, in the prospect's words, then the agreed next step", () => {
    const knowledge = banks.find((b) => b.loop === 'knowledge');
    const [statement, next] = knowledge?.questions.slice(-2) ?? [];
    expect(statement?.role).toBe('problem_statement');
    expect(statement?.required).toBe(true);
    expect(next?.role).toBe('next_step');
  });

  it.each([
    ['knowledge', 30, 10],
    ['options', 30, 10],
    ['results', 15, 6],
  ] as const)(
    'the %s bank is written for a %d-minute call with at most %d core questions, each loop opening with an agenda and ending on a next step',
    (loop, minutes, most) => {
      const bank = banks.find((b) => b.loop === loop);
      expect(bank?.minutes).toBe(minutes);
      const core = bank?.all.filter((q) => q.core) ?? [];
      expect(core.length).toBeGreaterThan(0);
      expect(core.length).toBeLessThanOrEqual(most);
      expect(core.length * (bank?.secondsPerQuestion ?? 150)).toBeLessThanOrEqual(minutes * 60);
      expect(bank?.questions[0]?.core).toBe(true);
      expect(bank?.all.some((q) => q.role === 'next_step')).toBe(true);
    },
  );

  it('rep-side classifications are never read to the buyer as menus', () => {
    const repSide = banks.flatMap((b) => b.all.filter((q) => q.askRep));
    expect(repSide.length).toBeGreaterThanOrEqual(5);
    // The buyer hears an open question at most; the rep records their own read.
    for (const q of repSide) expect(q.ask, q.id).toMatch(/Your (read|call)/);
  });
});
