// Whose notes each name in an export folder is, in an export --all. Two account folders whose sessions
// name the same account (a folder copied by hand) make notes of the same names: each export would
// overwrite the other's, and the notes would flip between them from one export to the next. The
// account's own folder (the one journey makes for its name, named as its notes are) keeps the names,
// or else the first such folder in folder order; the other is not exported, and is said so on every run.
import { join } from 'node:path';

/** The account a file of an export is about: `acme.md`, `acme.json` and everything in `acme/`. */
export function noteOwner(path: string): string {
  return (path.split('/')[0] ?? '').replace(/\.(md|json)$/, '');
}

/** What a folder's notes may do: be written (after `displaced` folders lose them), or not at all. */
export type Claim = { ok: true; displaced: string[] } | { ok: false; problem: string };

export class NoteOwners {
  /** Note name (noteOwner) → the place in folder order of the folder that has it. */
  readonly #owners = new Map<string, number>();

  constructor(
    private readonly root: string,
    private readonly slugs: readonly string[],
  ) {}

  /**
   * For a folder the last export wrote: whether it keeps its notes without being read, when none of
   * their names is another folder's yet and `unchanged` finds them as written; they are then its own.
   */
  keep(place: number, paths: readonly string[], unchanged: () => boolean): boolean {
    const names = new Set(paths.map(noteOwner));
    for (const name of names) if (this.#owners.has(name)) return false;
    if (!unchanged()) return false;
    for (const name of names) this.#owners.set(name, place);
    return true;
  }

  /**
   * For a folder about to be written, in folder order: its notes are its own unless a folder that
   * ranks before it has one of their names. A folder ranking after it that kept a name (unread, its
   * notes as last left) loses it, and is said to here; its notes are overwritten.
   */
  claim(place: number, paths: readonly string[]): Claim {
    const names = new Set(paths.map(noteOwner));
    const displaced: string[] = [];
    for (const name of names) {
      const owner = this.#owners.get(name);
      if (owner === undefined || owner === place) continue;
      if (this.#rank(owner, name) < this.#rank(place, name))
        return { ok: false, problem: this.#clash(place, owner, name) };
      displaced.push(this.#clash(owner, place, name));
    }
    for (const name of names) this.#owners.set(name, place);
    return { ok: true, displaced };
  }

  /** Which folder keeps a name: the one named so (the account's own folder), then folder order. */
  #rank(place: number, name: string): number {
    return this.slugs[place] === name ? -1 : place;
  }

  /** The one-line problem of the folder at `later`, which holds the account the one at `earlier` exports. */
  #clash(later: number, earlier: number, name: string): string {
    const folder = join(this.root, this.slugs[later] ?? '');
    const first = join(this.root, this.slugs[earlier] ?? '');
    return `${folder}: holds sessions of the same account as ${first}, whose notes (${name}) it would overwrite; not exported: move the sessions only it holds into ${first}, then remove it`;
  }
}
