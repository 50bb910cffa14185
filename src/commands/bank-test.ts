// `journey bank test <file|dir>...`: runs every bank's examples and reports like a test runner.
import type { QuestionBank } from '../bank/bank.js';
import { expandBankPaths } from '../bank/lint.js';
import { ReportedFailure, UserError } from '../errors.js';
import { type ExampleResult, runExample } from '../journey/examples.js';
import { bankShelf } from '../store/bank-shelf.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankTestOptions extends GlobalOptions {
  paths: string[];
}

export async function bankTest(options: BankTestOptions): Promise<void> {
  const files = expandBankPaths(options.paths, options.cwd);
  if (files.length === 0) throw new UserError(`no bank files (*.yaml) in ${options.paths.join(', ')}`);
  const shelf = await bankShelf(findHome(options).dir);
  const { loadBankFile, knowledgeBankFor } = await import('../bank/catalog.js');
  const { style } = await import('../ui/render.js');
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const bank = await loadBankFile(file, shelf);
    output.out(style.title(`${file} (${bank.id})`));
    if (bank.examples.length === 0)
      output.out(style.warn('  no examples: add some under `examples:` to prove the rules fire'));
    const knowledge = await knowledgeBankFor([], bank, shelf);
    for (const example of bank.examples) {
      const result = await runExample(bank, example, knowledge);
      output.out(renderResult(result, style));
      if (result.passed) passed++;
      else failed++;
    }
    for (const rule of untested(bank))
      output.out(style.warn(`  rule "${rule}" is not covered by any example`));
  }
  output.out(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new ReportedFailure(`${failed} example(s) failed`);
}

type Style = typeof import('../ui/render.js')['style'];

function renderResult(result: ExampleResult, style: Style): string {
  if (result.passed) return `  ${style.good('✓')} ${result.name}`;
  return [`  ${style.bad('✗')} ${result.name}`, ...result.differences.map((d) => `      ${d}`)].join('\n');
}

function untested(bank: QuestionBank): string[] {
  const covered = new Set(
    bank.examples.flatMap((e) => [...(e.expect.loop_backs ?? []), ...(e.expect.tips ?? [])]),
  );
  return bank.rules.map((r) => r.id).filter((id) => !covered.has(id));
}
