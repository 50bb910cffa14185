// `journey bank lint <file|dir>...`: every problem in bank files, as file:line:col for editors and CI.
import { expandBankPaths, lintBanks } from '../bank/lint.js';
import { ReportedFailure, UserError } from '../errors.js';
import { output } from '../ui/output.js';
import { plural } from '../ui/render.js';
import { safeText } from '../ui/safe-text.js';
import { formatProblem } from '../yaml/positions.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankLintOptions extends GlobalOptions {
  paths: string[];
  format: 'text' | 'json';
}

export async function bankLint(options: BankLintOptions): Promise<void> {
  const files = expandBankPaths(options.paths, options.cwd);
  if (files.length === 0)
    throw new UserError(`no bank files (*.yaml) in ${options.paths.map((p) => safeText(p)).join(', ')}`);
  const home = findHome(options).dir;
  const [{ catalogOutlines }, { readSummaries }, { CheckedBankFile, lintedBanksFile }] = await Promise.all([
    import('../store/bank-outlines.js'),
    import('../store/session-index.js'),
    import('../store/checked-banks.js'),
  ]);
  const sessions = (await readSummaries(home)).flatMap((f) => f.sessions);
  const checked = CheckedBankFile.at(lintedBanksFile(home));
  const report = await lintBanks(files, await catalogOutlines(home), sessions, checked);
  await checked.save();
  if (options.format === 'json') {
    output.json(report);
  } else {
    for (const problem of report.problems) output.out(safeText(formatProblem(problem)));
    const checked = plural(report.files.length, 'file');
    output.out(
      report.problems.length === 0
        ? `${checked} checked: no problems.`
        : `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')} in ${checked}.`,
    );
  }
  if (report.errors > 0) throw new ReportedFailure(`${report.errors} error(s)`);
}
