// Files a newer journey wrote (a teammate's clone of a shared data folder, on a later release). One
// of a newer format, or a record of a kind this release does not know, is skipped with a problem that
// says to upgrade, like any file that cannot be read. One of this format with keys this release does
// not know is read as usual, and noted here as it is read (from the file or from a cache), so a
// command says so once per run, however many files and accounts it read.
import { resolve } from 'node:path';

const noted = new Map<string, readonly string[]>();
let told = false;

/** Notes a file read with keys this release does not know (dotted paths: `mood`, `entries.2.tone`). */
export function noteUnknownKeys(file: string, keys: readonly string[] | undefined): void {
  if (keys === undefined || keys.length === 0) return;
  const path = resolve(file);
  if (!noted.has(path)) noted.set(path, keys);
}

const MAX_KEYS_SHOWN = 3;

/**
 * The one warning of this run about such files, naming how many and one of them with its keys;
 * undefined when there were none, or it was already taken.
 */
export function takeUnknownKeysWarning(): string | undefined {
  if (told || noted.size === 0) return undefined;
  told = true;
  const [first] = [...noted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!first) return undefined;
  const [file, keys] = first;
  const shown = keys
    .slice(0, MAX_KEYS_SHOWN)
    .map((k) => `"${k}"`)
    .join(', ');
  const more = keys.length > MAX_KEYS_SHOWN ? ` and ${keys.length - MAX_KEYS_SHOWN} more` : '';
  const example = `${file}: ${shown}${more}`;
  return noted.size === 1
    ? `1 file was written by a newer journey and has keys this release does not know (${example}); it is read without them: upgrade journey to use them`
    : `${noted.size} files were written by a newer journey and have keys this release does not know (${example}); they are read without them: upgrade journey to use them`;
}

const configNotes = new Set<string>();

/** Notes a config.yaml key this release does not know (a newer journey's setting, or a typo): said once. */
export function noteConfigKeys(warning: string): void {
  configNotes.add(warning);
}

/** The config.yaml warnings of this run not yet said. */
export function takeConfigWarnings(): string[] {
  const taken = [...configNotes];
  configNotes.clear();
  return taken;
}

/** Forgets what was noted (tests run many commands in one process). */
export function resetUnknownKeys(): void {
  noted.clear();
  configNotes.clear();
  told = false;
}

/** Why a file a newer journey wrote in a format this release cannot read is skipped; undefined: it is not one. */
export function newerFormat(file: string, value: unknown, current: number): string | undefined {
  const format =
    typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  if (typeof format !== 'number' || !(format > current)) return undefined;
  return `${file}: written by a newer journey (format ${format}): upgrade journey to read it`;
}

/** Why a record of this format but of a kind this release does not know is skipped; undefined: it is not one. */
export function unknownKind(file: string, value: unknown, kinds: readonly string[]): string | undefined {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || kinds.includes(kind)) return undefined;
  return `${file}: a kind of record this journey does not know (${JSON.stringify(kind)}): upgrade journey to read it`;
}

/** How many files have been noted so far: a reader can tell whether what it just read noted any. */
export function unknownKeysNoted(): number {
  return noted.size;
}

/** The files noted from the `from`-th on, with their keys: what a worker thread hands its parent to note. */
export function unknownKeysFrom(from: number): [string, readonly string[]][] {
  return [...noted.entries()].slice(from);
}
