// The sync before a call in a team data folder: the team's latest (and this rep's finished work
// out), when the last sync is older than config.yaml's sync_after. `sync: auto` syncs; `offer` (the
// default) asks on a terminal; `off` never. Never in the way of the call: batch git (no password
// prompts), a short stall limit on the network, no wait for a sync already running, and any failure
// is one line before the call goes on with what is here.
import { Cancelled } from '../errors.js';
import { type Config, readConfig } from '../store/config.js';
import { hasTeamRemote } from '../store/team-repo.js';
import { lastSynced } from '../store/team-setup.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { type ArrivalLines, arrivalReviewer } from './arrivals-review.js';
import { type SyncReport, syncTeam } from './sync.js';

const DEFAULT_AGE = '1h';
/** A sync before a call that has heard nothing from the remote for this long gives up. */
const STALL_MS = 8_000;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export async function syncIfDue(home: string, options: { terminal: boolean; now: Date }): Promise<void> {
  if (!hasTeamRemote(home)) return;
  let config: Config;
  try {
    config = await readConfig(home);
  } catch (error) {
    return tell(error);
  }
  const mode = config.sync ?? 'offer';
  if (mode === 'off' || (mode === 'offer' && !options.terminal)) return;
  const last = await lastSynced(home);
  const age = ageMs(config.sync_after ?? DEFAULT_AGE);
  if (last && options.now.getTime() - last.getTime() < age) return;
  if (mode === 'offer') {
    const { confirmOnTerminal } = await import('../ui/prompts.js');
    const since = last
      ? `last synced ${ago(options.now.getTime() - last.getTime())} ago`
      : 'never synced here';
    if (!(await confirmOnTerminal(`Your team's calls: ${since}. Sync before this call?`, true))) return;
  }
  try {
    const report = await syncTeam(
      home,
      { batch: true, stallMs: STALL_MS, lockWaitMs: 0, now: () => options.now },
      arrivalReviewer,
    );
    for (const line of syncSummary(report)) output.err(line);
  } catch (error) {
    tell(error);
  }
}

/** Whatever went wrong, one line, and the call goes on (Ctrl-C still stops it). */
function tell(error: unknown): void {
  if (error instanceof Cancelled) throw error;
  const said = error instanceof Error ? error.message.split('\n')[0] : String(error);
  output.err(`Could not sync with the team (${safeText(said ?? '')}): going on with what is here.`);
}

function syncSummary(report: SyncReport<ArrivalLines>): string[] {
  const outcome = report.outcome;
  switch (outcome.kind) {
    case 'synced': {
      const from = report.received.authors.map((a) => safeText(a)).join(', ');
      const parts = [
        report.received.described
          ? `received ${safeText(report.received.described)}${from ? ` from ${from}` : ''}`
          : '',
        report.sent && report.pushed ? `sent ${safeText(report.sent)}` : '',
      ].filter(Boolean);
      const head =
        parts.length > 0 ? `Synced with the team: ${parts.join('; ')}.` : 'Up to date with the team.';
      return [head, ...report.arrivals.flatMap((a) => a.lines)];
    }
    case 'no-remote':
      return [];
    case 'offline':
    case 'failed':
      return [`Could not sync with the team (${safeText(outcome.message)}): going on with what is here.`];
    case 'conflict':
      return [
        'Could not sync with the team: a file was changed both here and by a teammate (journey sync names it): going on with what is here.',
      ];
  }
}

function ageMs(text: string): number {
  const found = /^([0-9]+)([mhd])$/.exec(text.trim());
  if (!found) return UNIT_MS.h;
  return Number(found[1]) * UNIT_MS[found[2] as keyof typeof UNIT_MS];
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
