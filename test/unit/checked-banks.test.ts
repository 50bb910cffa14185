// Banks checked in full once are built again from what was kept of them (store/checked-banks.ts,
// bank/checked.ts): the same banks, the same conditions, and a full check again whenever the bank
// file or the Knowledge questions it was checked against changed.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionBank } from '../../src/bank/bank.js';
import { type BankFile, buildBanks } from '../../src/bank/catalog.js';
import type { CheckedBank, CheckedBanks } from '../../src/bank/checked.js';
import { emptyContext } from '../../src/bank/conditions.js';
import { builtinBankDir } from '../../src/bank/location.js';
import type { AnswerValue } from '../../src/model/answer.js';
import { CheckedBankFile, checkedBanksFile } from '../../src/store/checked-banks.js';
import { formatProblem } from '../../src/yaml/positions.js';

let home: string;
let files: BankFile[];

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-checked-'));
  mkdirSync(join(home, 'banks'));
  files = ['knowledge', 'options', 'results'].map((name) => {
    const path = join(home, 'banks', `${name}.yaml`);
    copyFileSync(join(builtinBankDir(), `${name}.yaml`), path);
    return { path, source: 'home' as const };
  });
});

afterEach(() => rmSync(home, { recursive: true, force: true }));

/** A memo that counts what it was asked and told. */
function countingMemo(): CheckedBanks & { hits: number; kept: number; banks: Map<string, CheckedBank> } {
  const banks = new Map<string, CheckedBank>();
  return {
    banks,
    hits: 0,
    kept: 0,
    get(hash) {
      const bank = banks.get(hash);
      if (bank) this.hits++;
      // What a run reads back is JSON, as the file holds it.
      return bank && (JSON.parse(JSON.stringify(bank)) as CheckedBank);
    },
    set(hash, bank) {
      this.kept++;
      banks.set(hash, bank);
    },
  };
}

async function build(memo?: CheckedBanks) {
  const result = await buildBanks(files, new Set(), memo);
  return { ...result, banks: result.built.map((b) => b.bank) };
}

/** Every condition's verdict (or its error) on every example's answers, and a session with none. */
function verdicts(bank: QuestionBank): string[] {
  const contexts = [emptyContext(), ...bank.examples.map((e) => exampleContext(e))];
  const out: string[] = [];
  const judge = (name: string, condition: (c: ReturnType<typeof emptyContext>) => boolean) => {
    for (const context of contexts) {
      try {
        out.push(`${name}: ${condition(context)}`);
      } catch (error) {
        out.push(`${name}: ${(error as Error).message}`);
      }
    }
  };
  for (const [id, condition] of bank.conditions) judge(`question ${id}`, condition);
  for (const rule of bank.rules) judge(`rule ${rule.id}`, rule.evaluate);
  return out;
}

function exampleContext(example: QuestionBank['examples'][number]) {
  return {
    ...emptyContext(example.answers as Record<string, AnswerValue>),
    previous: (example.previous ?? {}) as Record<string, AnswerValue>,
    history: example.history as Record<string, AnswerValue[]> | undefined,
    heard: example.heard,
  };
}

/** What the runner and review read of a bank, without the functions. */
function shape(bank: QuestionBank) {
  return {
    ...bank,
    hash: bank.hash,
    all: undefined,
    byId: undefined,
    questions: bank.all.map((q) => ({ ...q, line: q.line, followUps: q.followUps.map((f) => f.id) })),
    conditions: [...bank.conditions].map(([id, c]) => [id, c.reads]),
    rules: bank.rules.map((r) => ({ ...r, line: r.line, evaluate: r.evaluate.reads })),
  };
}

describe('banks checked before', () => {
  it('are built from what was kept: the same banks, the same verdicts', async () => {
    const memo = countingMemo();
    const first = await build(memo);
    expect(memo.kept).toBe(3);
    const again = await build(memo);
    expect(memo.hits).toBe(3);
    expect(memo.kept).toBe(3);
    const full = await build();
    for (const [i, bank] of again.banks.entries()) {
      const checked = full.banks[i] as QuestionBank;
      expect(shape(bank)).toEqual(shape(checked));
      expect(verdicts(bank)).toEqual(verdicts(checked));
      expect(verdicts(first.banks[i] as QuestionBank)).toEqual(verdicts(checked));
    }
  });

  it('are checked in full again when the file changes, with the same messages', async () => {
    const memo = countingMemo();
    await build(memo);
    const options = files[1]?.path as string;
    writeFileSync(options, readFileSync(options, 'utf8').replace(/^version: (\d+)/m, 'version: 0'));
    const kept = await build(memo);
    const full = await build();
    expect(memo.hits).toBe(2);
    expect(memo.kept).toBe(3);
    expect(kept.problems.flatMap((p) => p.problems.map(formatProblem))).toEqual(
      full.problems.flatMap((p) => p.problems.map(formatProblem)),
    );
    expect(kept.problems.flatMap((p) => p.problems.map(formatProblem)).join('\n')).toMatch(
      /options\.yaml:\d+:\d+: error: /,
    );
  });

  it('are checked again against other Knowledge questions', async () => {
    const memo = countingMemo();
    const knowledge = (await build()).banks.find((b) => b.loop === 'knowledge') as QuestionBank;
    const ids = new Set(knowledge.all.map((q) => q.id));
    const options = [files[1] as BankFile];
    await buildBanks(options, ids, memo);
    await buildBanks(options, ids, memo);
    expect(memo.kept).toBe(1);
    const fewer = new Set([...ids].filter((id) => id !== 'root_cause'));
    const kept = await buildBanks(options, fewer, memo);
    const full = await buildBanks(options, fewer);
    const messages = kept.problems.flatMap((p) => p.problems.map(formatProblem));
    expect(messages).toEqual(full.problems.flatMap((p) => p.problems.map(formatProblem)));
    expect(messages.join('\n')).toContain('revisit names "root_cause"');
  });
});

describe('the checked banks file', () => {
  /** How many of the banks it holds a run would use. */
  const usable = () => {
    const { entries } = JSON.parse(readFileSync(checkedBanksFile(home), 'utf8')) as { entries: object };
    const file = CheckedBankFile.load(home);
    return Object.keys(entries).filter((hash) => file.get(hash)).length;
  };

  it('keeps the banks of the run, and is ignored once edited by hand', async () => {
    const file = CheckedBankFile.load(home);
    await buildBanks(files, new Set(), file);
    await file.save();
    expect(usable()).toBe(3);
    const saved = readFileSync(checkedBanksFile(home), 'utf8');
    writeFileSync(checkedBanksFile(home), saved.replace('"version":2', '"version":3'));
    expect(usable()).toBe(0);
  });

  it('drops a bank whose file changed when it is written again', async () => {
    const first = CheckedBankFile.load(home);
    await buildBanks(files, new Set(), first);
    await first.save();
    const results = files[2]?.path as string;
    writeFileSync(results, readFileSync(results, 'utf8').replace(/^title: /m, 'title: New '));
    const second = CheckedBankFile.load(home);
    await buildBanks(files, new Set(), second);
    await second.save();
    expect(usable()).toBe(3);
    const { entries } = JSON.parse(readFileSync(checkedBanksFile(home), 'utf8')) as { entries: object };
    expect(Object.keys(entries)).toHaveLength(3);
  });
});
