// A session's text as journey writes it, made without zod or the `yaml` package: a run that records
// a session loads neither for its one write. A session outside the plain shape (an answer over two
// lines) is written by session-file.ts, which gives the same text for every session.
import type { Session } from '../model/session.js';
import { withHeader, writePlainYaml } from '../yaml/plain-write.js';

export const SESSION_HEADER =
  'A journey session (format 1). Written by journey after every answer: edit with care.';

/** The session's file text, or undefined when serializeSession (session-file.ts) must write it. */
export function plainSessionText(session: Session): string | undefined {
  const plain = writePlainYaml(session);
  return plain === undefined ? undefined : withHeader(SESSION_HEADER, plain);
}
