// The session file format on disk: YAML text in, schema-checked sessions out. Loaded only when a
// file must actually be read or written (YAML and zod are the slow part of start-up).

import { SESSION_FORMAT } from '../model/formats.js';
import { unknownKeys } from '../model/known-keys.js';
import type { Session } from '../model/session.js';
import { SessionSchema } from '../model/session-schema.js';
import { quickSessionShape } from '../model/session-shape.js';
import { readPlainYaml } from '../yaml/plain.js';
import { formatProblem, locate } from '../yaml/positions.js';
import { readYaml } from '../yaml/source.js';
import { toYaml } from '../yaml/write.js';
import { SESSION_FILE } from './limits.js';
import { newerFormat } from './newer-files.js';
import { SESSION_HEADER } from './session-text.js';

export type SessionRead =
  | {
      ok: true;
      session: Session;
      file: string;
      /** Keys a newer journey wrote that this release does not know (dotted paths); kept on rewrite. */
      unknown?: string[];
    }
  | { ok: false; file: string; problem: string };

/** Any session's text; journey writes one of the plain shape with plainSessionText (session-text.ts). */
export function serializeSession(session: Session): string {
  return toYaml(session, SESSION_HEADER);
}

/** Reads one session file's text; a file that does not parse is reported, never repaired. */
export function parseSession(text: string, file: string): SessionRead {
  // The shape journey writes is read without a general parser; a file it does not fit, or one the
  // schema refuses, goes the careful way below, which also says where a problem is.
  const plain = Buffer.byteLength(text) <= SESSION_FILE.maxBytes ? readPlainYaml(text) : undefined;
  if (plain && !newerFormat(file, plain, SESSION_FORMAT)) {
    // The shape journey writes, checked without zod: the same session, and no key it does not know.
    const quick = quickSessionShape(plain);
    if (quick) return { ok: true, session: quick, file };
    const parsed = SessionSchema.safeParse(plain);
    if (parsed.success) return sessionRead(parsed.data, file);
  }
  // Sessions may be larger than a bank or an answers file: they copy every question asked.
  const yaml = readYaml(text, file, { maxBytes: SESSION_FILE.maxBytes });
  if (!yaml.ok) {
    const first = yaml.problems[0];
    const problem = first ? formatProblem(first) : `${file}: unreadable`;
    return { ok: false, file, problem: `${problem}; fix it by hand or move it out of the data folder` };
  }
  const newer = newerFormat(file, yaml.value, SESSION_FORMAT);
  if (newer) return { ok: false, file, problem: newer };
  const parsed = SessionSchema.safeParse(yaml.value);
  if (parsed.success) return sessionRead(parsed.data, file);
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []) as (string | number)[];
  const { line, col } = locate(yaml.source, path);
  const where = path.length > 0 ? `"${path.join('.')}" ` : '';
  const problem = `${file}:${line}:${col}: error: not a valid session file: ${where}${issue?.message ?? 'invalid'}; fix it by hand or move it out of the data folder`;
  return { ok: false, file, problem };
}

function sessionRead(session: Session, file: string): SessionRead {
  const unknown = unknownKeys(SessionSchema, session);
  return { ok: true, session, file, ...(unknown.length > 0 ? { unknown } : {}) };
}
