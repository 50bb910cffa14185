// Finding an answer by the role its question plays, never by a bank's question id. Sessions recorded
// since roles were kept carry the role on each entry; for older ones, the banks say which question
// held the role (a role index built from their outlines).
import type { Role } from '../model/roles.js';
import type { Entry, Session } from '../model/session.js';

/** Bank id → role → the id of the question that holds it. */
export type RoleIndex = ReadonlyMap<string, Partial<Record<Role, string>>>;

export function entryWithRole(
  session: Pick<Session, 'entries' | 'bank'>,
  role: Role,
  index?: RoleIndex,
): Entry | undefined {
  const legacy = index?.get(session.bank.id)?.[role];
  return session.entries.find((e) => e.role === role || (e.role === undefined && e.question === legacy));
}
