// `journey sync`: share this rep's calls with the team and bring the team's in, reviewed.
import { reviewArrived } from '../app/arrivals-review.js';
import { syncTeam } from '../app/sync.js';
import { ReportedFailure } from '../errors.js';
import { updateTeamBanks } from '../store/team-banks.js';
import { output } from '../ui/output.js';
import { renderTeamBankUpdate } from '../ui/render-bank.js';
import { renderSync } from '../ui/render-sync.js';
import { findHome, type GlobalOptions } from './context.js';

export interface SyncOptions extends GlobalOptions {
  /** For cron: print nothing unless something needs the rep; never ask git for a password. */
  quiet?: boolean | undefined;
}

export async function sync(options: SyncOptions): Promise<void> {
  const home = findHome(options).dir;
  const batch = options.quiet === true || !process.stdin.isTTY;
  const report = await syncTeam(
    home,
    { batch, now: () => new Date(), stallMs: batch ? 60_000 : undefined },
    reviewArrived,
  );
  const { lines, problems } = renderSync(report, home);
  if (!options.quiet) for (const line of lines) output.out(line);
  // Loop-backs the merged history raised need the rep, even from cron.
  for (const line of report.arrivals.flatMap((a) => a.lines)) output.out(line);
  for (const problem of problems) output.err(problem);
  // Team banks from git come up to date with the data (a bank that fails lint is kept back).
  let banksOk = true;
  const reachable = report.outcome.kind === 'synced' || report.outcome.kind === 'no-remote';
  for (const update of reachable ? await updateTeamBanks(home, { batch }) : []) {
    const shown = renderTeamBankUpdate(update);
    banksOk &&= shown.ok;
    for (const line of shown.lines) {
      if (!shown.ok) output.err(line);
      else if (!options.quiet && update.status !== 'unchanged') output.out(line);
    }
  }
  if (report.outcome.kind !== 'synced' || !banksOk) throw new ReportedFailure('sync did not finish');
}
