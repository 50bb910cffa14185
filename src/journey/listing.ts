// Accounts and sessions as the rep sees them in a list: where each conversation stands.
import type { AccountSummary, SessionSummary } from '../model/account.js';
import type { AccountRecord } from '../model/records.js';
import { answeredCount, type Session } from '../model/session.js';
import { stageOf } from './background.js';

export function summariseSession(session: Session): SessionSummary {
  return {
    id: session.id,
    account: session.account,
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
  const withContact = sessions.filter((s) => s.contact).at(-1);
  return {
    name: last.account,
    slug,
    sessions: sessions.length,
    lastLoop: last.loop,
    lastContact: last.updated.slice(0, 10),
    contact: withContact?.contact ?? null,
    unfinished: sessions.filter((s) => s.status === 'in_progress').length,
    stage: stageOf(sessions, records),
  };
}
