// Whose notes each name in an export folder is, in an export --all. Two account folders whose sessions
// name the same account (a folder copied by hand) make notes of the same names: each export would
// overwrite the other's, and the notes would flip between them from one export to the next.
//
// Where the account has its own folder (the one journey keeps its sessions in: named as its notes are,
// or the folder of an older release for a name with marks), only that folder's notes are written, and
// a copy is refused before it writes anything, whichever comes first in folder order. Without one,
// the first folder in folder order has the names. A folder left out is said so on every run.
import { join } from 'node:path';
import { legacyAccountSlug } from '../store/slug.js';

/** The account a file of an export is about: `acme.md`, `acme.json` and everything in `acme/`. */
export function noteOwner(path: string): string {
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  if (first.endsWith('.md')) return first.slice(0, -3);
  return first.endsWith('.json') ? first.slice(0, -5) : first;
}

/** What a folder's notes may do: be written (after `displaced` folders lose them), or not at all. */
export type Claim = { ok: true; displaced: string[] } | { ok: false; problem: string };

export class NoteOwners {
  /** Note name (noteOwner) → the place in folder order of the folder that has it. */
  readonly #owners = new Map<string, number>();
  /** Folder name → its place in folder order. */
  readonly #places: Map<string, number>;

  constructor(
    private readonly root: string,
    private readonly slugs: readonly string[],
  ) {
    this.#places = new Map(slugs.map((slug, place) => [slug, place]));
  }

  /** The place of a folder in folder order. */
  placeOf(slug: string): number | undefined {
    return this.#places.get(slug);
  }

  /**
   * For a folder the last export wrote: whether it keeps its notes without being read, when none of
   * their names is another folder's (its own, or one that has it already) and `unchanged` finds them
   * as written; they are then its own.
   */
  keep(place: number, paths: readonly string[], unchanged: () => boolean): boolean {
    for (const path of paths) {
      const name = noteOwner(path);
      const other = this.#owners.get(name) ?? this.#places.get(name);
      if (other !== undefined && other !== place) return false;
    }
    if (!unchanged()) return false;
    // A name that is the folder's own is its own already (#places says so): only other names are
    // noted, so an unchanged export of a large folder holds no second map of every account.
    for (const path of paths) {
      const name = noteOwner(path);
      if (this.#places.get(name) !== place) this.#owners.set(name, place);
    }
    return true;
  }

  /**
   * For a folder about to be written, in folder order, whose sessions are of the account `account`:
   * its notes are its own unless the account has another folder of its own, or, without one, a
   * folder before it has one of their names. A folder after it that kept a name (unread, its notes
   * as last left) loses it, and is said to here; its notes are overwritten.
   */
  claim(place: number, account: string, paths: readonly string[]): Claim {
    const names = new Set(paths.map(noteOwner));
    const own = this.#ownFolder(account, names);
    if (own !== undefined && own !== place) {
      const [name = ''] = names;
      return { ok: false, problem: this.#clash(place, own, name) };
    }
    const displaced: string[] = [];
    for (const name of names) {
      const owner = this.#owners.get(name);
      if (owner === undefined || owner === place) continue;
      if (own === undefined && owner < place) return { ok: false, problem: this.#clash(place, owner, name) };
      displaced.push(this.#clash(owner, place, name));
    }
    for (const name of names) this.#owners.set(name, place);
    return { ok: true, displaced };
  }

  /** The place of the account's own folder, named as its notes are, or as an older release named it. */
  #ownFolder(account: string, names: ReadonlySet<string>): number | undefined {
    for (const name of names) {
      const place = this.#places.get(name);
      if (place !== undefined) return place;
    }
    return this.#places.get(legacyAccountSlug(account));
  }

  /** The one-line problem of the folder at `left`, which holds the account the one at `kept` exports. */
  #clash(left: number, kept: number, name: string): string {
    const folder = join(this.root, this.slugs[left] ?? '');
    const first = join(this.root, this.slugs[kept] ?? '');
    return `${folder}: holds sessions of the same account as ${first}, whose notes (${name}) it would overwrite; not exported: move the sessions only it holds into ${first}, then remove it`;
  }
}
