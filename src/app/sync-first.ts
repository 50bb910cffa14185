// Before a call: in a team data folder (a git repository), the team's latest first (pull-first.ts).
// Everything else is loaded only there, so a data folder of one's own starts as fast as ever.
import { join } from 'node:path';
import { entryAt } from '../store/data-files.js';

export async function pullBeforeCall(home: string, options: { terminal: boolean; now: Date }): Promise<void> {
  if (!entryAt(join(home, '.git'))) return;
  const { pullIfDue } = await import('./pull-first.js');
  await pullIfDue(home, options);
}
