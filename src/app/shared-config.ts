// What a team data folder shares that should be each rep's own.
import { readConfig } from '../store/config.js';
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
