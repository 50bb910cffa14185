// `journey bank test <file|dir>...`: runs banks' examples and scenario files (a file with `calls:`)
// and reports like a test runner, with loop-back precision and recall over the scenarios' calls.
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { QuestionBank } from '../bank/bank.js';
import { expandBankPaths } from '../bank/lint.js';
import type { BankShelf } from '../bank/location.js';
import { isScenario, parseScenario, type Scenario } from '../bank/scenario.js';
import { ReportedFailure, UserError } from '../errors.js';
import { type ExampleResult, runExample } from '../journey/examples.js';
import {
  type LoopBackTally,
  playScenario,
  precisionRecall,
  type ScenarioResult,
  tallyLoopBacks,
} from '../journey/scenario.js';
import { bankShelf } from '../store/bank-shelf.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { formatProblem } from '../yaml/positions.js';
import { readYaml } from '../yaml/source.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankTestOptions extends GlobalOptions {
  paths: string[];
  json: boolean;
}

/** An example's result with what it expected and what happened, side by side (for --json). */
interface ExampleReport extends ExampleResult {
  expected: { loopBacks?: string[]; tips?: string[]; asked?: string[]; skipped?: string[] };
  actual: { loopBacks: string[]; tips: string[]; asked: string[] };
}

interface FileReport {
  file: string;
  bank?: string | undefined;
  examples?: ExampleReport[] | undefined;
  untested?: string[] | undefined;
  scenario?: ScenarioResult | undefined;
}

export async function bankTest(options: BankTestOptions): Promise<void> {
  const files = expandBankPaths(options.paths, options.cwd);
  if (files.length === 0)
    throw new UserError(
      `no bank or scenario files (*.yaml) in ${options.paths.map((p) => safeText(p)).join(', ')}`,
    );
  const shelf = await bankShelf(findHome(options).dir);
  const reports: FileReport[] = [];
  let tally: LoopBackTally = { calls: 0, tp: 0, fp: 0, fn: 0 };
  for (const file of files) {
    const scenario = await readScenario(file);
    if (scenario) {
      const result = await playScenario(scenario, await scenarioBanks(scenario, file, shelf));
      tally = tallyLoopBacks(tally, result);
      reports.push({ file, scenario: result });
    } else {
      reports.push(await testBank(file, shelf));
    }
  }
  const cases = reports.flatMap((r) =>
    r.scenario ? [r.scenario.passed] : (r.examples ?? []).map((e) => e.passed),
  );
  const passed = cases.filter(Boolean).length;
  const failed = cases.length - passed;
  const { precision, recall } = precisionRecall(tally);
  if (options.json) {
    output.json({ files: reports, passed, failed, loopBacks: { ...tally, precision, recall } });
  } else {
    const { style } = await import('../ui/render.js');
    for (const report of reports) output.out(renderReport(report, style));
    output.out(`${passed} passed, ${failed} failed`);
    if (tally.calls > 0) {
      output.out(
        `loop-backs: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} over ${tally.calls} calls (${tally.tp} TP, ${tally.fp} FP, ${tally.fn} FN)`,
      );
    }
  }
  if (failed > 0) throw new ReportedFailure(`${failed} case(s) failed`);
}

/** The scenario in a file, or undefined when the file is a bank; a broken scenario is an error. */
async function readScenario(file: string): Promise<Scenario | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const yaml = readYaml(text, file);
  if (!yaml.ok || !isScenario(yaml.value)) return undefined;
  const read = parseScenario(text, file);
  if (!read.ok) {
    throw new UserError(
      `${safeText(file)}: not a valid scenario; fix it and try again`,
      read.problems.map((p) => safeText(formatProblem(p))),
    );
  }
  return read.scenario;
}

/** The banks a scenario plays with: its own `banks:` (relative to it), else those in use. */
async function scenarioBanks(scenario: Scenario, file: string, shelf: BankShelf): Promise<QuestionBank[]> {
  const { loadBankFile, loadCatalog } = await import('../bank/catalog.js');
  if (!scenario.banks) return (await loadCatalog(shelf)).entries.map((e) => e.bank);
  const folders: { dir: string; source: 'file' }[] = [];
  const paths: string[] = [];
  for (const entry of scenario.banks) {
    const path = resolve(dirname(file), entry);
    const isDir = await stat(path).then(
      (s) => s.isDirectory(),
      () => {
        throw new UserError(
          `${safeText(file)}: banks: ${safeText(entry)} does not exist (paths are relative to the scenario)`,
        );
      },
    );
    if (isDir) folders.push({ dir: path, source: 'file' });
    else paths.push(path);
  }
  const catalog = await loadCatalog(folders);
  if (catalog.problems.length > 0) {
    throw new UserError(
      `${safeText(file)}: the scenario's banks have problems`,
      catalog.problems.map((p) => safeText(formatProblem(p))),
    );
  }
  const files = await Promise.all(paths.map((p) => loadBankFile(p, folders)));
  return [...files, ...catalog.entries.map((e) => e.bank)];
}

async function testBank(file: string, shelf: BankShelf): Promise<FileReport> {
  const { loadBankFile, knowledgeBankFor } = await import('../bank/catalog.js');
  const bank = await loadBankFile(file, shelf);
  const knowledge = await knowledgeBankFor([], bank, shelf);
  const examples: ExampleReport[] = [];
  for (const example of bank.examples) {
    const result = await runExample(bank, example, knowledge);
    const { loop_backs: loopBacks, tips, asked, skipped } = example.expect;
    examples.push({
      ...result,
      expected: {
        ...(loopBacks ? { loopBacks: [...new Set(loopBacks)].sort() } : {}),
        ...(tips ? { tips: [...new Set(tips)].sort() } : {}),
        ...(asked ? { asked } : {}),
        ...(skipped ? { skipped } : {}),
      },
      actual: { loopBacks: result.loopBacks, tips: result.tips, asked: result.asked },
    });
  }
  return { file, bank: bank.id, examples, untested: untested(bank) };
}

type Style = typeof import('../ui/render.js')['style'];

/** Lines of a difference or an error, each safe and indented under its case. */
const detail = (text: string) => safeText(text, { multiline: true }).split('\n').join('\n      ');

function renderReport(report: FileReport, style: Style): string {
  const lines: string[] = [];
  if (report.scenario) {
    const s = report.scenario;
    lines.push(style.title(`${safeText(report.file)} (scenario: ${safeText(s.name)})`));
    for (const call of s.calls) {
      const name = `step ${call.step}: ${call.loop} on ${safeText(call.date)}`;
      if (call.differences.length === 0) lines.push(`  ${style.good('✓')} ${name}`);
      else lines.push(`  ${style.bad('✗')} ${name}`, ...call.differences.map((d) => `      ${detail(d)}`));
    }
    if (s.error) lines.push(`  ${style.bad('✗')} ${detail(s.error)}`);
    return lines.join('\n');
  }
  lines.push(style.title(`${safeText(report.file)} (${safeText(report.bank ?? '')})`));
  if ((report.examples ?? []).length === 0)
    lines.push(style.warn('  no examples: add some under `examples:` to prove the rules fire'));
  for (const result of report.examples ?? []) {
    const name = safeText(result.name);
    if (result.passed) lines.push(`  ${style.good('✓')} ${name}`);
    else lines.push(`  ${style.bad('✗')} ${name}`, ...result.differences.map((d) => `      ${detail(d)}`));
  }
  for (const rule of report.untested ?? [])
    lines.push(style.warn(`  rule "${safeText(rule)}" is not covered by any example`));
  return lines.join('\n');
}

function untested(bank: QuestionBank): string[] {
  const covered = new Set(
    bank.examples.flatMap((e) => [...(e.expect.loop_backs ?? []), ...(e.expect.tips ?? [])]),
  );
  return bank.rules.map((r) => r.id).filter((id) => !covered.has(id));
}
