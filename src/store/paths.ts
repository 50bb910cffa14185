// Where each record lives inside the data folder, and the guard that keeps every path inside it.
import { isAbsolute, join, relative } from 'node:path';
import { accountSlug, legacyAccountSlug } from './slug.js';

export function accountsDir(home: string): string {
  return join(home, 'accounts');
}

export function accountDir(home: string, name: string): string {
  return inside(home, join(accountsDir(home), accountSlug(name)));
}

/** The folder journey used to make for this name, when it differs from accountDir (names with marks). */
export function legacyAccountDir(home: string, name: string): string | undefined {
  const legacy = legacyAccountSlug(name);
  return legacy === accountSlug(name) ? undefined : inside(home, join(accountsDir(home), legacy));
}

export function sessionPath(home: string, name: string, sessionId: string): string {
  return sessionPathIn(accountDir(home, name), sessionId);
}

/** A session's file in an account folder. */
export function sessionPathIn(dir: string, sessionId: string): string {
  if (!/^[0-9A-Za-z-]+$/.test(sessionId)) throw new Error(`bad session id: ${sessionId}`);
  return join(dir, `${sessionId}.yaml`);
}

/** Refuses any path that would land outside the data folder. */
export function inside(home: string, path: string): string {
  const rel = relative(home, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`refusing to touch ${path}: it is outside the data folder ${home}`);
  }
  return path;
}
