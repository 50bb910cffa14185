// `journey team join <url> [--home <dir>]`: clone a team's repository and make it the data folder.
import { warnLoginName, warnSharedRep } from '../app/shared-config.js';
import { updateTeamBanks } from '../store/team-banks.js';
import { joinTeam, markSynced } from '../store/team-setup.js';
import { output } from '../ui/output.js';
import { renderTeamBankUpdate } from '../ui/render-bank.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface TeamJoinOptions extends GlobalOptions {
  url: string;
}

export async function teamJoin(options: TeamJoinOptions): Promise<void> {
  const found = findHome(options);
  const home = found.dir;
  const joined = await joinTeam(options.url, home);
  await markSynced(home, new Date());
  const where = safeText(home);
  output.out(
    joined.empty
      ? `Joined ${safeText(options.url)} in ${where}: the team repository is empty, and your first journey sync shares your calls.`
      : `Joined ${safeText(options.url)} in ${where}: ${joined.accounts} account${joined.accounts === 1 ? '' : 's'} from the team.`,
  );
  if (found.rule === 'flag') {
    output.out(
      `journey uses it when you pass --home ${where}, set JOURNEY_HOME=${where}, or work in the folder that holds it if it is named .journey.`,
    );
  }
  // The team's banks from git come with the team's data.
  for (const update of await updateTeamBanks(home, {})) {
    const shown = renderTeamBankUpdate(update);
    for (const line of shown.lines) (shown.ok ? output.out : output.err)(line);
  }
  output.out('Run journey sync after your calls (or from cron: journey sync --quiet).');
  await warnSharedRep(home);
  await warnLoginName(home);
}
