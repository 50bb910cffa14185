// Accounts and sessions as the rep sees them in a list: where each conversation stands.
import type { AccountSummary, DealSummary, SessionSummary, Stage } from '../model/account.js';
import type { AccountRecord } from '../model/records.js';
import { answeredCount, type Session } from '../model/session.js';
import { stageOf } from './background.js';
import { dealKey, FIRST_DEAL_NAME } from './deals.js';

export function summariseSession(session: Session): SessionSummary {
  return {
    id: session.id,
    account: session.account,
    deal: session.deal ?? null,
    loop: session.loop,
    status: session.status,
    started: session.started,
    updated: session.updated,
    contact: session.contact ?? null,
    answered: answeredCount(session),
    bank: { id: session.bank.id, version: session.bank.version, hash: session.bank.hash },
  };
}

export function bySessionStart(
  a: Pick<SessionSummary, 'started' | 'id'>,
  b: Pick<SessionSummary, 'started' | 'id'>,
): number {
  // Plain comparison: ISO times and ids sort correctly by code unit, and localeCompare is slow.
  const ka = a.started + a.id;
  const kb = b.started + b.id;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Summarises an account from its sessions, oldest first. */
export function summariseAccount(
  slug: string,
  sessions: readonly SessionSummary[],
  records: readonly AccountRecord[] = [],
): AccountSummary | undefined {
  const last = sessions.at(-1);
  if (!last) return undefined;
  const deals = summariseDeals(sessions, records);
  const withContact = sessions.filter((s) => s.contact).at(-1);
  return {
    name: last.account,
    slug,
    sessions: sessions.length,
    lastLoop: last.loop,
    lastContact: last.updated.slice(0, 10),
    contact: withContact?.contact ?? null,
    unfinished: sessions.filter((s) => s.status === 'in_progress').length,
    stage: accountStage(deals),
    deals,
  };
}

/** The account's deals from its summaries and records, in the order they started. */
export function summariseDeals(
  sessions: readonly SessionSummary[],
  records: readonly AccountRecord[],
): DealSummary[] {
  const order: string[] = [];
  const groups = new Map<string, { name: string; sessions: SessionSummary[]; records: AccountRecord[] }>();
  const group = (name: string | null | undefined) => {
    const key = dealKey(name ?? undefined);
    let found = groups.get(key);
    if (!found) {
      found = { name: name ?? FIRST_DEAL_NAME, sessions: [], records: [] };
      groups.set(key, found);
      order.push(key);
    }
    return found;
  };
  for (const s of sessions) group(s.deal).sessions.push(s);
  for (const r of records) if (r.kind !== 'flag_resolved') group(r.deal).records.push(r);
  return order.flatMap((key) => {
    const g = groups.get(key);
    if (!g) return [];
    const last = g.sessions.at(-1);
    return [
      {
        name: g.name,
        stage: stageOf(g.sessions, g.records),
        sessions: g.sessions.length,
        lastLoop: last?.loop ?? null,
        lastContact: last?.updated.slice(0, 10) ?? null,
      },
    ];
  });
}

/** A customer when any deal is won; lost when every deal is lost; else a prospect. */
export function accountStage(deals: readonly Pick<DealSummary, 'stage'>[]): Stage {
  if (deals.some((d) => d.stage === 'customer')) return 'customer';
  if (deals.length > 0 && deals.every((d) => d.stage === 'lost')) return 'lost';
  return 'prospect';
}
