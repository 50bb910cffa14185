// `journey bank update`: fetches the team banks config.yaml names by git URL; a commit whose banks
// fail lint is kept back, the previous good one staying in use. Exit 1 when any bank was kept back or
// could not be fetched, so a script notices.
import { ReportedFailure } from '../errors.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankUpdateOptions extends GlobalOptions {
  /** Only what needs someone: banks kept back or not fetched (for cron). */
  quiet: boolean;
}

export async function bankUpdate(options: BankUpdateOptions): Promise<void> {
  const home = findHome(options).dir;
  const [{ updateTeamBanks }, { renderTeamBankUpdate }] = await Promise.all([
    import('../store/team-banks.js'),
    import('../ui/render-bank.js'),
  ]);
  // Without a terminal (cron, a script) git must not wait for a password nobody will type.
  const batch = !(process.stdin.isTTY && process.stderr.isTTY);
  const updates = await updateTeamBanks(home, { batch });
  if (updates.length === 0) {
    if (!options.quiet)
      output.out(
        'No team banks from git: name one under banks: in config.yaml, e.g. - https://git.example.com/sales/banks.git#main',
      );
    return;
  }
  let failed = 0;
  for (const update of updates) {
    const { ok, lines } = renderTeamBankUpdate(update);
    if (!ok) failed++;
    if (ok && options.quiet) continue;
    for (const line of lines) (ok ? output.out : output.err)(line);
  }
  if (failed > 0) throw new ReportedFailure(`${failed} team bank(s) kept back or not fetched`);
}
