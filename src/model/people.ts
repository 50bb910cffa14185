// People in list answers ("who decides?"): the same person or role however it is written. An item is
// a name, a role, or both as "Name (Role)"; honorifics, case, punctuation and the bank's aliases
// (whole items, or single words such as Ops → Operations) do not make anyone new.
import { type Aliases, normaliseText } from './compare.js';
import { contentWords } from './similarity.js';

const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'sir', 'dame']);

/** An item's words normalised, honorifics dropped, single-word aliases applied, then the whole item's alias. */
export function canonicalPerson(text: string, aliases?: Aliases): string {
  const words = normaliseText(text).split(' ').filter(Boolean);
  while (words.length > 1 && HONORIFICS.has(words[0] as string)) words.shift();
  const joined = words.map((w) => aliases?.get(w) ?? w).join(' ');
  const aliased = aliases?.get(joined);
  if (aliased) return aliased;
  // Small words do not make another person: "Pro-Vice-Chancellor for International" is the same.
  const content = contentWords(joined);
  return content.length > 0 ? content.join(' ') : joined;
}

export interface PersonItem {
  /** The person's name, when written as "Name (Role)". */
  name?: string | undefined;
  /** The role in brackets, when there is one. */
  role?: string | undefined;
  /** The item as a whole, when it is one thing (a name or a role: the text cannot tell). */
  plain?: string | undefined;
}

export function readPerson(item: string, aliases?: Aliases): PersonItem {
  const bracket = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(item.trim());
  if (bracket?.[1] && bracket[2]) {
    return { name: canonicalPerson(bracket[1], aliases), role: canonicalPerson(bracket[2], aliases) };
  }
  return { plain: canonicalPerson(item, aliases) };
}

/** Everyone known so far: names, roles, and roles known without a name. */
export interface KnownPeople {
  names: Set<string>;
  roles: Set<string>;
  unnamedRoles: Set<string>;
}

export function knownPeople(items: readonly string[], aliases?: Aliases): KnownPeople {
  const known: KnownPeople = { names: new Set(), roles: new Set(), unnamedRoles: new Set() };
  for (const item of items) {
    const p = readPerson(item, aliases);
    if (p.plain) {
      known.names.add(p.plain);
      known.roles.add(p.plain);
      known.unnamedRoles.add(p.plain);
    }
    if (p.name) known.names.add(p.name);
    if (p.role) known.roles.add(p.role);
  }
  return known;
}

/**
 * Items naming someone not known before. A named person is known by name, or when their role was
 * known without a name (naming the holder of a known role is not news); a different person in a
 * role someone else held is new. A plain item is known as a name or a role.
 */
export function newPeople(items: readonly string[], known: KnownPeople, aliases?: Aliases): string[] {
  return items.filter((item) => {
    const p = readPerson(item, aliases);
    if (p.plain) return !known.names.has(p.plain) && !known.roles.has(p.plain);
    const byName = p.name !== undefined && known.names.has(p.name);
    const byRole = p.role !== undefined && known.unnamedRoles.has(p.role);
    return !byName && !byRole;
  });
}
