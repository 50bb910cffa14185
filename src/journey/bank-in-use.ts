// Which bank a loop uses for an account: the one its sessions in that loop last used, while it is
// still installed, else the first one installed for the loop. One rule for prep, start and loop-backs.
import type { Loop } from '../model/loop.js';
import type { Session } from '../model/session.js';

export function bankInUse<B extends { id: string; loop: Loop }>(
  sessions: readonly Pick<Session, 'loop' | 'bank'>[],
  loop: Loop,
  banks: readonly B[],
): B | undefined {
  const last = sessions.filter((s) => s.loop === loop).at(-1)?.bank.id;
  const inLoop = banks.filter((b) => b.loop === loop);
  return inLoop.find((b) => b.id === last) ?? inLoop[0];
}
