// Preloaded by bench/measure.mjs where GNU time is missing: writes the process's peak RSS (kB) to
// fd 3 as it exits. It sees this process and its threads, not processes it spawns.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // fd 3 is not open: run outside the bench, nothing to report to.
  }
});
