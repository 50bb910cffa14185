// How a merge flag names the calls it read ("Dana's call on 3 Nov and Lee's call on 5 Nov") and the
// id every clone derives for it.
import type { Session } from '../model/session.js';
import { hash53 } from '../model/text-hash.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Nov", with the year when it is not the other call's. */
function dayOf(started: string, other?: string): string {
  const [y, m, d] = started.slice(0, 10).split('-');
  const day = `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}`;
  return other !== undefined && other.slice(0, 4) !== y ? `${day} ${y}` : day;
}

export function callName(session: Session, other?: Session): string {
  const on = `call on ${dayOf(session.started, other?.started)}`;
  return session.rep ? `${session.rep}'s ${on}` : `the ${on}`;
}

export function callPair(earlier: Session | undefined, session: Session): string {
  if (!earlier) return `an earlier call and ${callName(session)}`;
  if (earlier.rep && earlier.rep === session.rep) {
    return `${earlier.rep}'s calls on ${dayOf(earlier.started, session.started)} and ${dayOf(session.started, earlier.started)}`;
  }
  return `${callName(earlier, session)} and ${callName(session, earlier)}`;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A merge flag's id, from the session it names and what raised it (a rule, a shifted question, the
 * Knowledge problem): every clone that reviews the same history derives the same one. "m", eleven
 * base-36 digits of a 53-bit hash, "-1": never a session's own flag id (seven-character suffixes).
 */
export function mergeFlagId(session: string, cause: string): string {
  return `m${hash53(`${session}\n${cause}`).toString(36).padStart(11, '0')}-1`;
}
