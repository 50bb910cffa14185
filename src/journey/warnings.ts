// Warnings a session records when its bank misbehaves (a condition that fails at run time): shown to
// the rep once and kept in the session file, never swallowed.
import type { Session } from '../model/session.js';

export function addWarning(
  session: Session,
  text: string,
  now: Date,
  sink?: { warnings: string[] },
): Session {
  if (session.warnings.some((w) => w.text === text)) return session;
  sink?.warnings.push(text);
  return { ...session, warnings: [...session.warnings, { text, at: now.toISOString() }] };
}
