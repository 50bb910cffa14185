// `journey sync`: share this rep's calls with the team and bring the team's in, reviewed.

import { join } from 'node:path';
import { arrivalReviewer } from '../app/arrivals-review.js';
import { syncTeam } from '../app/sync.js';
import { ReportedFailure } from '../errors.js';
import { entryAt } from '../store/data-files.js';
import { isTeamFolder } from '../store/team-repo.js';
import { output } from '../ui/output.js';
import { renderSync } from '../ui/render-sync.js';
import { findHome, type GlobalOptions } from './context.js';

export interface SyncOptions extends GlobalOptions {
  /** For cron: print nothing unless something needs the rep; never ask git for a password. */
  quiet?: boolean | undefined;
}

export async function sync(options: SyncOptions): Promise<void> {
  const home = findHome(options).dir;
  const batch = options.quiet === true || !process.stdin.isTTY;
  // Team banks from git first: a teammate's call on a new bank commit is then reviewed with it. A
  // bank kept back (it fails lint) or not reachable is said, and the data still syncs.
  if (isTeamFolder(home) && (await namesGitBanks(home))) {
    const [{ updateTeamBanks }, { renderTeamBankUpdate }] = await Promise.all([
      import('../store/team-banks.js'),
      import('../ui/render-bank.js'),
    ]);
    for (const update of await updateTeamBanks(home, { batch })) {
      const shown = renderTeamBankUpdate(update);
      for (const line of shown.lines) {
        if (!shown.ok) output.err(line);
        else if (!options.quiet && update.status !== 'unchanged') output.out(line);
      }
    }
  }
  const report = await syncTeam(
    home,
    { batch, now: () => new Date(), stallMs: batch ? 60_000 : undefined },
    arrivalReviewer,
  );
  const { lines, problems } = renderSync(report, home);
  if (!options.quiet) for (const line of lines) output.out(line);
  // Loop-backs the merged history raised need the rep, even from cron.
  for (const line of report.arrivals.flatMap((a) => a.lines)) output.out(line);
  for (const problem of problems) output.err(problem);
  if (report.outcome.kind !== 'synced') throw new ReportedFailure('sync did not finish');
}

/** Whether config.yaml names a bank by git URL (only then is the bank updater loaded). */
async function namesGitBanks(home: string): Promise<boolean> {
  if (!entryAt(join(home, 'config.yaml'))) return false;
  const { configuredBanks, readConfig } = await import('../store/config.js');
  return configuredBanks(home, await readConfig(home)).some((bank) => bank.kind === 'git');
}
