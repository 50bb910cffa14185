// `journey team init [<remote>]`: make the data folder a team repository, shared through a remote.
import { warnLoginName, warnSharedRep } from '../app/shared-config.js';
import { identityOf } from '../app/sync.js';
import { UserError } from '../errors.js';
import { whoIsRep } from '../store/rep.js';
import { initTeamFolder } from '../store/team-setup.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface TeamInitOptions extends GlobalOptions {
  remote?: string | undefined;
}

export async function teamInit(options: TeamInitOptions): Promise<void> {
  const home = findHome(options).dir;
  const rep = (await whoIsRep(home)) ?? 'someone';
  const made = await initTeamFolder(home, options.remote, identityOf(rep));
  const where = safeText(home);
  if (made.remoteHasHistory) {
    throw new UserError(
      `${safeText(options.remote ?? '')} already holds a team's data folder: join it instead, into a folder of its own: journey team join ${safeText(options.remote ?? '<url>')} --home <dir>`,
    );
  }
  output.out(
    made.created
      ? `Made ${where} a team data folder: a git repository that never commits caches, locks or exports.`
      : `${where} is a team data folder already; its ignore and attribute files are up to date.`,
  );
  if (made.remote) {
    output.out(
      made.pushed
        ? `Shared through ${safeText(made.remote.url)}. Teammates join with: journey team join ${safeText(made.remote.url)}`
        : `Shares through ${safeText(made.remote.url)}.`,
    );
  } else if (!options.remote) {
    output.out('No remote yet: add one with journey team init <remote> (a repository your team can reach).');
  }
  output.out('Run journey sync after your calls (or from cron: journey sync --quiet).');
  await warnSharedRep(home);
  await warnLoginName(home);
}
