// An account as the rep sees it in a list: where the conversation stands, from its sessions.
import type { Loop } from './loop.js';
import { answeredCount, type Session } from './session.js';

export interface AccountSummary {
  name: string;
  slug: string;
  sessions: number;
  lastLoop: Loop | null;
  /** The date (YYYY-MM-DD) of the latest session. */
  lastContact: string | null;
  /** Who was on the latest call that named a contact. */
  contact: string | null;
  unfinished: number;
}

export function summariseAccount(slug: string, sessions: readonly Session[]): AccountSummary | undefined {
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
  };
}

export interface SessionLine {
  id: string;
  date: string;
  loop: Loop;
  bank: string;
  bankVersion: number;
  status: Session['status'];
  answered: number;
  contact: string | null;
}

export function sessionLine(session: Session): SessionLine {
  return {
    id: session.id,
    date: session.started.slice(0, 10),
    loop: session.loop,
    bank: session.bank.id,
    bankVersion: session.bank.version,
    status: session.status,
    answered: answeredCount(session),
    contact: session.contact ?? null,
  };
}
