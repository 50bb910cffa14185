// Which bank a loop uses for an account: the one its sessions in that loop last used, while it is
// still installed, else the first one installed for the loop. One rule for prep, start and loop-backs.
import type { Loop } from '../model/loop.js';
import type { Session } from '../model/session.js';

export function bankInUse<B extends { id: string; loop: Loop }>(
  sessions: readonly Pick<Session, 'loop' | 'bank'>[],
  loop: Loop,
  banks: readonly B[],
): B | undefined {
  return bankById(lastBankOf(sessions, loop), loop, banks);
}

/** The bank the latest session in a loop used (null: no session in that loop). */
export function lastBankOf(sessions: readonly Pick<Session, 'loop' | 'bank'>[], loop: Loop): string | null {
  return sessions.filter((s) => s.loop === loop).at(-1)?.bank.id ?? null;
}

/** bankInUse from the bank the loop's latest session used, when that is all that is kept of them. */
export function bankById<B extends { id: string; loop: Loop }>(
  last: string | null,
  loop: Loop,
  banks: readonly B[],
): B | undefined {
  const inLoop = banks.filter((b) => b.loop === loop);
  return inLoop.find((b) => b.id === last) ?? inLoop[0];
}
