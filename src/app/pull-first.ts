// The pull before a call in a team data folder: the team's latest, when the last pull is older than
// config.yaml's sync_after. `sync: auto` pulls; `offer` (the default) asks on a terminal; `off` never.
// Never in the way of the call: batch git (no password prompts), a short stall limit, and any
// failure is one line before the call goes on with what is here.
import { UserError } from '../errors.js';
import { readConfig } from '../store/config.js';
import { hasTeamRemote } from '../store/team-repo.js';
import { lastSynced } from '../store/team-setup.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { type ArrivalLines, reviewArrived } from './arrivals-review.js';
import { pullTeam, type SyncReport } from './sync.js';

const DEFAULT_AGE = '1h';
/** A pull before a call that has heard nothing from the remote for this long gives up. */
const STALL_MS = 8_000;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export async function pullIfDue(home: string, options: { terminal: boolean; now: Date }): Promise<void> {
  if (!hasTeamRemote(home)) return;
  const config = await readConfig(home);
  const mode = config.sync ?? 'offer';
  if (mode === 'off' || (mode === 'offer' && !options.terminal)) return;
  const last = await lastSynced(home);
  const age = ageMs(config.sync_after ?? DEFAULT_AGE);
  if (last && options.now.getTime() - last.getTime() < age) return;
  if (mode === 'offer') {
    const { confirmOnTerminal } = await import('../ui/prompts.js');
    const since = last
      ? `last pulled ${ago(options.now.getTime() - last.getTime())} ago`
      : 'never pulled here';
    if (!(await confirmOnTerminal(`Your team's calls: ${since}. Pull the latest before this call?`, true)))
      return;
  }
  try {
    const report = await pullTeam(
      home,
      { batch: true, stallMs: STALL_MS, now: () => options.now },
      reviewArrived,
    );
    for (const line of pullSummary(report)) output.err(line);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    output.err(`Could not pull the team's latest (${safeText(error.message)}): going on with what is here.`);
  }
}

function pullSummary(report: SyncReport<ArrivalLines>): string[] {
  const outcome = report.outcome;
  switch (outcome.kind) {
    case 'synced': {
      const from = report.received.authors.map((a) => safeText(a)).join(', ');
      const head = report.received.described
        ? `Pulled the team's latest: ${safeText(report.received.described)}${from ? ` from ${from}` : ''}.`
        : 'Up to date with the team.';
      return [head, ...report.arrivals.flatMap((a) => a.lines)];
    }
    case 'no-remote':
      return [];
    case 'offline':
    case 'failed':
      return [`Could not pull the team's latest (${safeText(outcome.message)}): going on with what is here.`];
    case 'conflict':
      return [
        "Could not pull the team's latest: a file was changed both here and by a teammate (journey sync names it): going on with what is here.",
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
