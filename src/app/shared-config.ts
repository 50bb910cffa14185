// What a team data folder shares that should be each rep's own.
import { readConfig } from '../store/config.js';
import { repAndSource } from '../store/rep.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';

/** A rep named in a shared config.yaml would put that one name on every teammate's calls. */
export async function warnSharedRep(home: string): Promise<void> {
  const rep = (await readConfig(home)).rep;
  if (!rep) return;
  output.err(
    `warning: config.yaml names rep: ${safeText(rep)}, and in a team data folder it is shared: every teammate would record as ${safeText(rep)}. Remove rep: from it; journey then names each rep by their git user.name.`,
  );
}

/** A rep known only by their login name appears so to the whole team: say how to set a real one. */
export async function warnLoginName(home: string): Promise<void> {
  const { rep, from } = await repAndSource(home);
  if (from !== 'login') return;
  output.err(
    `note: your calls will show "${safeText(rep ?? 'unknown')}" (your login name) to the team: set your name with git config --global user.name "Dana Ruiz"`,
  );
}
