// A new session: one conversation with an account, in one loop, through one bank.
import type { QuestionBank } from '../bank/bank.js';
import { SESSION_FORMAT } from '../model/formats.js';
import type { Session } from '../model/session.js';

export interface NewSession {
  id: string;
  account: string;
  bank: Pick<QuestionBank, 'id' | 'version' | 'hash' | 'title' | 'loop'>;
  contact?: string | undefined;
  /** The deal within the account (none: its first deal). */
  deal?: string | undefined;
  /** Who runs it. */
  rep?: string | undefined;
  now: Date;
}

export function newSession({ id, account, bank, contact, deal, rep, now }: NewSession): Session {
  const at = now.toISOString();
  return {
    format: SESSION_FORMAT,
    id,
    account,
    ...(deal ? { deal } : {}),
    loop: bank.loop,
    bank: { id: bank.id, version: bank.version, hash: bank.hash, title: bank.title },
    ...(contact ? { contact } : {}),
    ...(rep ? { rep } : {}),
    status: 'in_progress',
    started: at,
    updated: at,
    entries: [],
    notes: [],
    flags: [],
    tips: [],
    shifts: [],
    revisits: [],
    resolved: [],
    judgements: [],
    warnings: [],
  };
}

/** A session id sorts by time: `20261128T051957Z-knowledge-k3j2h1`. */
export function sessionId(loop: string, now: Date, suffix: string): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${loop}-${suffix}`;
}
