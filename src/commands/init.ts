// `journey init`: a .journey/ data folder in the current directory, for a team to keep in a repository.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic.js';
import { PROJECT_FOLDER } from '../store/home.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';

export interface InitOptions {
  cwd: string;
}

const CONFIG = `# journey configuration for this data folder.
# Everything here is optional; journey works with this file empty.
#
# Sessions live in accounts/<account>/<session-id>.yaml, one file per session, so two reps
# can record sessions for the same account in copies of this folder synced with git
# without merge conflicts.

# Where team question banks come from: folders relative to this folder, or git repositories by
# URL (with an optional #branch, tag or commit; journey bank update fetches them). A bank with
# the id of a built-in one overrides it; banks in ./banks/ override these in turn.
# banks: [team-banks, https://git.example.com/sales/banks.git#v2]

# How often to check in with a customer after the sale (journey won --every overrides it):
# 30d, 6w, 3m, 1y, weekly, fortnightly, monthly, quarterly or yearly. Default: 30d.
# check_in_every: quarterly

# Who you are, as sessions and records name you (managers see who ran each call). Default: git's
# user.name (or user.email), else your login name.
# rep: Dana Ruiz

# In a team data folder (journey team init or join): whether start and prep sync with the team
# first when the last sync is older than sync_after: offer (ask; the default), auto, off.
# sync: auto
# sync_after: 1h
`;

const GITIGNORE = `# Temporary files journey writes before moving them into place.
.*.tmp
`;

export async function init(options: InitOptions): Promise<void> {
  const dir = join(options.cwd, PROJECT_FOLDER);
  await mkdir(join(dir, 'accounts'), { recursive: true });
  const made: string[] = [];
  for (const [name, text] of [
    ['config.yaml', CONFIG],
    ['.gitignore', GITIGNORE],
  ] as const) {
    try {
      await writeFileAtomic(join(dir, name), text, { exclusive: true });
      made.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if (made.length === 0) {
    output.out(`${safeText(dir)} is already a journey data folder; nothing changed.`);
    return;
  }
  output.out(
    `Made ${safeText(dir)} (${made.join(', ')}). journey uses it from this directory and every folder below.`,
  );
}
