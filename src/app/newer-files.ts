// Says once per run that files a newer journey wrote were read without the keys this release does
// not know (the store notes them as it reads, from the files or their caches).
import { takeConfigWarnings, takeUnknownKeysWarning } from '../store/newer-files.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';

/** Prints the run's warning about files with keys this release does not know, if any and not yet said. */
export function warnOfNewerKeys(): void {
  const warning = takeUnknownKeysWarning();
  if (warning) output.err(`warning: ${safeText(warning)}`);
  for (const line of takeConfigWarnings()) output.err(safeText(line));
}
