// `journey team report`: the manager's top-down view, per rep: calls, accounts, loops, loop-backs
// and what became of them, open flags going stale, check-ins overdue, deals won and lost. Reads the
// data folder one account at a time.

import { sinceOption } from '../app/since.js';
import { roleIndex } from '../bank/outline.js';
import { UserError } from '../errors.js';
import { addAccountToTeam, buildTeamReport, newTeamTally, repsNamed } from '../journey/team-report.js';
import { closest } from '../model/suggest.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { eachAccount } from '../store/load-account.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface TeamReportOptions extends GlobalOptions {
  /** Only activity on or after this date (YYYY-MM-DD). */
  since?: string | undefined;
  /** Only the reps this names ("dana" finds "Dana Ruiz"). */
  rep?: string | undefined;
  json: boolean;
}

export async function teamReport(options: TeamReportOptions): Promise<void> {
  const since = sinceOption(options.since);
  const home = findHome(options).dir;
  const today = new Date().toISOString().slice(0, 10);
  const tally = newTeamTally({ today, since, roles: roleIndex(await catalogOutlines(home)) });
  for await (const account of eachAccount(home)) {
    for (const problem of account.problems) output.err(`warning: ${safeText(problem)}`);
    addAccountToTeam(tally, account);
  }
  const report = buildTeamReport(tally);
  if (report.reps.length === 0) {
    if (options.json) output.json(report);
    else output.out(`No sessions or records yet in ${safeText(home)}: nothing to report.`);
    return;
  }
  if (options.rep !== undefined) {
    const chosen = repsNamed(report, options.rep);
    if (chosen.kind === 'unknown') {
      const near = closest(options.rep, chosen.known);
      const known =
        chosen.known.length > 0 ? chosen.known.join(', ') : 'none: no session or record names a rep';
      throw new UserError(
        `no rep matches "${safeText(options.rep)}"${near ? `; did you mean "${safeText(near)}"?` : ''} (reps: ${safeText(known)})`,
      );
    }
    report.reps = chosen.reps;
  }
  if (options.json) {
    output.json(report);
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(report)]);
  const { renderTeamReport } = await import('../ui/render-team-report.js');
  output.out(renderTeamReport(report));
}
