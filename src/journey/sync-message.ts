// What a set of changed files in a team data folder amounts to, in the product's words: "2 sessions
// (Acme, Inc.), 1 won (Globex)". Names a sync's commit and tells the rep what arrived.

export interface ChangedFile {
  /** Relative to the data folder, with forward slashes. */
  path: string;
  status: 'added' | 'changed' | 'deleted';
}

type What =
  | 'session'
  | 'discarded session'
  | 'won'
  | 'lost'
  | 'resolved flag'
  | 'opened deal'
  | 'loop-back from merged history'
  | 'bank file'
  | 'team settings'
  | 'other file';

const ORDER: readonly What[] = [
  'session',
  'discarded session',
  'won',
  'lost',
  'resolved flag',
  'opened deal',
  'loop-back from merged history',
  'bank file',
  'team settings',
  'other file',
];

const PLURAL: Record<What, string> = {
  session: 'sessions',
  'discarded session': 'discarded sessions',
  won: 'won',
  lost: 'lost',
  'resolved flag': 'resolved flags',
  'opened deal': 'opened deals',
  'loop-back from merged history': 'loop-backs from merged history',
  'bank file': 'bank files',
  'team settings': 'team settings',
  'other file': 'other files',
};

const RECORD_KINDS: Record<string, What> = {
  won: 'won',
  lost: 'lost',
  flagresolved: 'resolved flag',
  dealopened: 'opened deal',
  flagraised: 'loop-back from merged history',
};

const SESSION_FILE = /^accounts\/([^/]+)\/[0-9]{8}T[0-9]{6}Z-[a-z]+-[a-z0-9]+\.yaml$/;
const RECORD_FILE =
  /^accounts\/([^/]+)\/records\/(?:[0-9]{8}T[0-9]{6}Z-([a-z]+)-[a-z0-9]+|(flag-resolved)-.+)\.yaml$/;

/** What one changed file is, and the account folder it belongs to. */
export function whatChanged(file: ChangedFile): { what: What; folder?: string } | undefined {
  const session = SESSION_FILE.exec(file.path);
  if (session)
    return { what: file.status === 'deleted' ? 'discarded session' : 'session', folder: session[1] };
  if (file.status === 'deleted') return { what: 'other file' };
  const record = RECORD_FILE.exec(file.path);
  if (record) {
    const kind = record[3] ? 'flagresolved' : (record[2] ?? '');
    return { what: RECORD_KINDS[kind] ?? 'other file', folder: record[1] };
  }
  if (file.path.startsWith('banks/')) return { what: 'bank file' };
  if (file.path === 'config.yaml') return { what: 'team settings' };
  if (file.path === '.gitignore' || file.path === '.gitattributes') return undefined;
  return { what: 'other file' };
}

const MAX_NAMES = 3;

/**
 * "2 sessions (Acme, Inc.), 1 won (Globex)": each kind of change with how many and for which
 * accounts (their display names, else their folders), or "" when nothing of journey's changed.
 */
export function describeChanges(files: readonly ChangedFile[], names: ReadonlyMap<string, string>): string {
  const groups = new Map<What, { count: number; accounts: string[] }>();
  for (const file of files) {
    const found = whatChanged(file);
    if (!found) continue;
    const group = groups.get(found.what) ?? { count: 0, accounts: [] };
    group.count++;
    const name = found.folder ? (names.get(found.folder) ?? found.folder) : undefined;
    if (name && !group.accounts.includes(name)) group.accounts.push(name);
    groups.set(found.what, group);
  }
  return ORDER.flatMap((what) => {
    const group = groups.get(what);
    if (!group) return [];
    if (what === 'team settings') return ['the team settings (config.yaml)'];
    const noun = group.count === 1 ? what : PLURAL[what];
    return [`${group.count} ${noun}${accountsPart(group.accounts)}`];
  }).join(', ');
}

function accountsPart(accounts: readonly string[]): string {
  if (accounts.length === 0) return '';
  const shown = accounts.slice(0, MAX_NAMES).join('; ');
  const more = accounts.length - MAX_NAMES;
  return more > 0 ? ` (${shown} and ${more} more)` : ` (${shown})`;
}

/** The commit message of a sync: who, and what they recorded. */
export function syncCommitMessage(rep: string, described: string): string {
  return `${rep}: ${described || 'changes to the data folder'}`;
}
