// An account in the product's words: where it stands (its stage), the facts conditions may read,
// and the summaries listings keep of its sessions.
import type { Loop } from './loop.js';
import type { AccountRecord } from './records.js';
import type { Session } from './session.js';

export type Stage = 'prospect' | 'customer' | 'lost';

/** An account's recorded history: its sessions (oldest first) and its records. */
export interface Account {
  /** The name as its sessions recorded it, else as typed. */
  name: string;
  sessions: Session[];
  records: AccountRecord[];
}

/** What a condition may know about the account beyond this session. */
export interface AccountFacts {
  /** Loops of earlier sessions, oldest first. */
  loops: Loop[];
  /** Number of earlier sessions. */
  sessions: number;
  /** Whole days since the latest earlier session; -1 when there is none. */
  days_since_last_contact: number;
  stage: Stage;
}

export const EMPTY_ACCOUNT: AccountFacts = {
  loops: [],
  sessions: 0,
  days_since_last_contact: -1,
  stage: 'prospect',
};

/** The few facts about a session that lists need; small enough to cache for thousands of sessions. */
export interface SessionSummary {
  id: string;
  account: string;
  /** The deal it is about; null: the account's first deal. */
  deal: string | null;
  loop: Loop;
  status: Session['status'];
  started: string;
  updated: string;
  contact: string | null;
  answered: number;
  bank: { id: string; version: number; hash: string };
}

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
  /** The account's stage: a customer when any deal is won, lost when every deal is lost. */
  stage: Stage;
  /** Its deals, in the order they started (one, the first deal, for most accounts). */
  deals: DealSummary[];
}

export interface DealSummary {
  /** As first written; the first deal of an account is called "first deal". */
  name: string;
  stage: Stage;
  sessions: number;
  lastLoop: Loop | null;
  lastContact: string | null;
}
