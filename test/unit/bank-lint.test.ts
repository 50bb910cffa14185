import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/bank/catalog.js';
import type { CheckedBank, CheckedBanks } from '../../src/bank/checked.js';
import { lintBanks } from '../../src/bank/lint.js';
import { outlineOf } from '../../src/bank/outline.js';
import type { SessionSummary } from '../../src/model/account.js';
import { formatProblem } from '../../src/yaml/positions.js';

const inUse = async () => (await loadCatalog(undefined)).entries.map((e) => outlineOf(e.bank));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journey-lint-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lint(text: string, sessions: SessionSummary[] = []): Promise<string[]> {
  const file = join(dir, 'bank.yaml');
  await writeFile(file, text);
  const report = await lintBanks([file], await inUse(), sessions);
  return report.problems.map((p) => formatProblem(p).replace(`${dir}/`, ''));
}

const OK = `  - id: a
    ask: A?
    type: text
    why: W
    listen_for: [L]
`;
const head = (loop = 'options', id = 'lint-bank') =>
  `id: ${id}\nversion: 1\nloop: ${loop}\ntitle: T\nquestions:\n`;

describe('bank lint warnings, each at its line and column', () => {
  it.each([
    [
      'a question without coaching',
      `${head()}  - id: a\n    ask: A?\n    type: text\n`,
      ['bank.yaml:6:9: warning: question "a" has no "why" or "listen_for": the rep gets no coaching for it'],
    ],
    [
      'a question without listen_for',
      `${head()}  - id: a\n    ask: A?\n    type: text\n    why: W\n`,
      ['bank.yaml:6:9: warning: question "a" has no "listen_for": the rep gets no coaching for it'],
    ],
    [
      'a follow-up that can never be asked',
      `${head()}  - id: stage\n    ask: S?\n    type: choice\n    choices: [early, late]\n    why: W\n    listen_for: [L]\n    follow_ups:\n      - id: f\n        ask: F?\n        type: text\n        when: answers.stage == "erly"\n        why: W\n        listen_for: [L]\n`,
      [
        'bank.yaml:16:32: warning: follow-up "f" can never be asked: "erly" is not a choice of "stage" (choices: early, late)',
      ],
    ],
    [
      'a rule that names no question of its bank',
      `${head()}${OK}rules:\n  - id: r\n    when: account.sessions > 3\n    tip: T\n`,
      [
        'bank.yaml:12:9: warning: rule "r" names no question of this bank: it is checked once, at the start of every session',
      ],
    ],
    [
      'a rule testing a choice that does not exist',
      `${head()}  - id: stage\n    ask: S?\n    type: multi\n    choices: [early, late]\n    why: W\n    listen_for: [L]\nrules:\n  - id: r\n    when: '"lately" in answers.stage'\n    tip: T\n`,
      [
        'bank.yaml:14:12: warning: rule "r" tests "stage" for "lately", which is not one of its choices (early, late)',
      ],
    ],
    [
      'a Knowledge bank without a problem statement',
      `${head('knowledge')}${OK}`,
      [
        expect.stringMatching(
          /^bank\.yaml:3:7: warning: a Knowledge bank should mark one question `role: problem_statement`/,
        ),
        expect.stringMatching(
          /^bank\.yaml:3:7: warning: a Knowledge bank should mark one question `role: success_baseline`: without it the next loop cannot wait for a baseline/,
        ),
      ],
    ],
    [
      "a question id that differs from another bank's only by case or separator",
      `${head()}  - id: rootcause\n    ask: R?\n    type: text\n    why: W\n    listen_for: [L]\n`,
      [
        'bank.yaml:6:9: warning: question id "rootcause" differs from "root_cause" in bank knowledge-discovery only by case or separator: earlier answers are shared only under the exact same id',
      ],
    ],
    [
      'a bank id that differs from another only by separator',
      `${head('options', 'optionstour')}${OK}`,
      [
        'bank.yaml:1:5: warning: bank id "optionstour" differs from bank "options-tour" only by case or separator',
      ],
    ],
    [
      'a loop-back that fires every time',
      `${head()}${OK}rules:\n  - id: r\n    when: answered("a")\n    loop_back: { message: M, revisit: [root_cause] }\n    every_time: true\n`,
      [
        'bank.yaml:15:5: warning: rule "r" is a loop-back with every_time: it raises a flag in every session in which it holds, even when nothing changed (every_time is meant for tips)',
      ],
    ],
  ])('%s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });

  it.each([
    [
      'a cue the question does not have',
      'heard("a", "vague")',
      'bank.yaml:13:22: error: "a" has no cue "vague" (give a listen_for entry an id: - { id: vague, text: … })',
    ],
    [
      'a function on the wrong type of question',
      'increased("a")',
      'bank.yaml:13:21: error: increased("a") needs a number, scale, measure, date or ordered choice question, but "a" is text',
    ],
    [
      'a division by a literal zero',
      'size(answers.a) / 0 > 1',
      'bank.yaml:13:29: error: division by zero: "/ 0" fails whenever the condition runs',
    ],
  ])('an error, as lint reports it: %s', async (_name, when, expected) => {
    expect(await lint(`${head()}${OK}rules:\n  - id: r\n    when: ${when}\n    tip: T\n`)).toEqual([
      expected,
    ]);
  });

  it('a bank whose content changed while its version did not, against sessions in the data folder', async () => {
    const session = (hash: string): SessionSummary => ({
      id: 's',
      account: 'A',
      deal: null,
      loop: 'options',
      status: 'complete',
      started: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
      contact: null,
      answered: 1,
      bank: { id: 'lint-bank', version: 1, hash },
    });
    expect(await lint(`${head()}${OK}`, [session('sha256:old')])).toEqual([
      'bank.yaml:2:10: warning: the content changed since 1 session(s) were recorded with version 1: raise "version" so their records stay traceable',
    ]);
  });

  it('an error: the bank is now for another loop than where sessions used it', async () => {
    const session: SessionSummary = {
      id: 's',
      account: 'A',
      deal: null,
      loop: 'knowledge',
      status: 'complete',
      started: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
      contact: null,
      answered: 1,
      bank: { id: 'lint-bank', version: 1, hash: 'x' },
    };
    const found = await lint(`${head()}${OK}`, [session]);
    expect(found).toContainEqual(
      'bank.yaml:3:7: error: sessions in the data folder used bank "lint-bank" in the knowledge loop, but it is now for the options loop: a bank\'s loop must match where it is used',
    );
  });

  it('reports errors and warnings of several files together, sorted by file and line', async () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    await writeFile(a, `${head('options', 'a-bank')}  - id: q\n    ask: Q?\n    type: essay\n`);
    await writeFile(b, `${head('options', 'b-bank')}  - id: q\n    ask: Q?\n    type: text\n`);
    const report = await lintBanks([b, a], await inUse(), []);
    expect(report.problems.map((p) => [p.file.replace(`${dir}/`, ''), p.line, p.severity])).toEqual([
      ['a.yaml', 8, 'error'],
      ['b.yaml', 6, 'warning'],
    ]);
    expect([report.errors, report.warnings]).toEqual([1, 1]);
  });

  it('finds nothing to say about the default banks', async () => {
    const { builtinBankDir } = await import('../../src/bank/location.js');
    const { expandBankPaths } = await import('../../src/bank/lint.js');
    const report = await lintBanks(expandBankPaths([builtinBankDir()], '/'), await inUse(), []);
    expect(report.problems).toEqual([]);
  });
});

describe('bank lint of files it checked before', () => {
  /** A memo as the lint cache file is: what a run reads back is JSON, as the file holds it. */
  function memo(): CheckedBanks & { hits: number } {
    const banks = new Map<string, string>();
    return {
      hits: 0,
      get(hash) {
        const kept = banks.get(hash);
        if (kept) this.hits++;
        return kept === undefined ? undefined : (JSON.parse(kept) as CheckedBank);
      },
      set(hash, bank) {
        banks.set(hash, JSON.stringify(bank));
      },
    };
  }

  const followUp = `${head()}  - id: stage\n    ask: S?\n    type: choice\n    choices: [early, late]\n    why: W\n    listen_for: [L]\n    follow_ups:\n      - id: f\n        ask: F?\n        type: text\n        when: answers.stage == "erly"\n        why: W\n        listen_for: [L]\n`;
  const ruleAlone = `${head()}${OK}rules:\n  - id: r\n    when: account.sessions > 3\n    tip: T\n`;
  const noCoaching = `${head()}  - id: a\n    ask: A?\n    type: text\n`;
  const broken = `${head('options', 'a-bank')}  - id: q\n    ask: Q?\n    type: essay\n`;

  it.each([
    ['warnings at their lines', [followUp, ruleAlone, noCoaching], 3],
    ['an error beside warnings (a bank with an error is never kept)', [broken, noCoaching], 1],
  ])('gives the same report from what was kept: %s', async (_, texts, kept) => {
    const files = await Promise.all(
      texts.map(async (text, i) => {
        const file = join(dir, `kept-${i}.yaml`);
        await writeFile(file, text.replace(/^id: [\w-]+$/m, `id: kept-${i}`));
        return file;
      }),
    );
    const outlines = await inUse();
    const plain = await lintBanks(files, outlines, []);
    const checked = memo();
    expect(await lintBanks(files, outlines, [], checked)).toEqual(plain);
    expect(checked.hits).toBe(0);
    expect(await lintBanks(files, outlines, [], checked)).toEqual(plain);
    expect(checked.hits).toBe(kept);
    expect(plain.problems.length).toBeGreaterThan(0);
  });

  it('checks a file again in full once its text changed', async () => {
    const file = join(dir, 'changing.yaml');
    const checked = memo();
    await writeFile(file, `${head()}${OK}`);
    expect((await lintBanks([file], await inUse(), [], checked)).problems).toEqual([]);
    await writeFile(file, broken);
    const report = await lintBanks([file], await inUse(), [], checked);
    expect(report.errors).toBe(1);
    expect(checked.hits).toBe(0);
  });

  it('gives the same report on the default banks, from what was kept of them', async () => {
    const { builtinBankDir } = await import('../../src/bank/location.js');
    const { expandBankPaths } = await import('../../src/bank/lint.js');
    const files = expandBankPaths([builtinBankDir()], '/');
    const checked = memo();
    const first = await lintBanks(files, await inUse(), [], checked);
    expect(await lintBanks(files, await inUse(), [], checked)).toEqual(first);
    expect(checked.hits).toBe(files.length);
  });
});
