// Which accounts a typed name means: the same name spelled without its accents, case or
// punctuation ("cafe noir" → "Café Noir"), the start of a name ("acme" → "Acme, Inc."), whole
// words of it ("globex" → "Globex Corp"), or, in a script written without spaces between words
// (Chinese, Japanese, Thai…), any part of it ("トヨタ" → "株式会社トヨタ"); and, when nothing matches, the names near it by edit
// distance, for "did you mean" and for `start`'s "already exists" check. Pure: the names are
// handed in, most recently active first, and that order is kept.
import { distance } from 'fastest-levenshtein';

export type NameMatch =
  /** One account is meant. */
  | { kind: 'one'; name: string }
  /** Several are; the caller asks which, or says so. */
  | { kind: 'several'; names: string[] }
  | { kind: 'none' };

/**
 * Text as names are compared: compatibility forms unified, case folded, and the accents of Latin,
 * Greek and Cyrillic letters dropped ("Café" → "cafe"). Marks of other scripts (a Devanagari vowel
 * sign, a Thai tone mark) are letters of the name and stay.
 */
export function foldName(text: string): string {
  let folded = text
    .normalize('NFKD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, '$1');
  for (let round = 0; round < 4; round++) {
    const next = folded.toUpperCase().toLowerCase().normalize('NFKD');
    if (next === folded) break;
    folded = next;
  }
  return folded
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, '$1')
    .normalize('NFKC');
}

/** The words of a name as compared: folded, split at anything that is not a letter, digit or mark. */
export function nameWords(text: string): string[] {
  return foldName(text)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w !== '');
}

interface Shape {
  words: string[];
  joined: string;
}

const shape = (text: string): Shape => {
  const words = nameWords(text);
  return { words, joined: words.join('') };
};

/** `part`'s words appear in `whole`, one after another and each whole ("corp" in "Globex Corp"). */
function hasWords(whole: readonly string[], part: readonly string[]): boolean {
  if (part.length === 0 || part.length > whole.length) return false;
  for (let i = 0; i + part.length <= whole.length; i++) {
    if (part.every((w, j) => whole[i + j] === w)) return true;
  }
  return false;
}

/**
 * Scripts written without spaces between words: a word of them cannot be told from the name around
 * it, so any part of a name is a "word" of it. Hangul is spaced, but its compounds are written whole
 * ("삼성전자"), so it counts too.
 */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** `typed` (its folded letters) is written in an unspaced script and appears anywhere in the name. */
function inUnspaced(name: Shape, typed: Shape): boolean {
  return UNSPACED.test(typed.joined) && name.joined.includes(typed.joined);
}

/**
 * Whether `typed` means `name`: the same letters, the start of it, its whole words, or a part of it
 * in an unspaced script (see matchName). For completions, which list each candidate on its own.
 */
export function meansName(typed: string, name: string): boolean {
  const t = shape(typed);
  if (t.joined === '') return false;
  const n = shape(name);
  return n.joined.startsWith(t.joined) || hasWords(n.words, t.words) || inUnspaced(n, t);
}

/**
 * The accounts `typed` means among `names` (most recently active first). The same letters, whatever
 * the case, accents and punctuation, win over everything else; then the names it starts, or whose
 * whole words it is, or (in a script without spaces, as Japanese or Thai) of which it is a part. A name that matches only this way is never the exact account key: the caller
 * tries that first.
 */
export function matchName(typed: string, names: readonly string[]): NameMatch {
  const t = shape(typed);
  if (t.joined === '') return { kind: 'none' };
  const shapes = names.map((name) => ({ name, ...shape(name) }));
  const same = shapes.filter((s) => s.joined === t.joined);
  const found =
    same.length > 0
      ? same
      : shapes.filter((s) => s.joined.startsWith(t.joined) || hasWords(s.words, t.words) || inUnspaced(s, t));
  const unique = [...new Set(found.map((s) => s.name))];
  if (unique.length === 0) return { kind: 'none' };
  if (unique.length === 1) return { kind: 'one', name: unique[0] as string };
  return { kind: 'several', names: unique };
}

/** Every name `typed` matches (same letters, start, whole words, or unspaced part), in the order given. */
export function namesMatching(typed: string, names: readonly string[]): string[] {
  const found = matchName(typed, names);
  return found.kind === 'one' ? [found.name] : found.kind === 'several' ? found.names : [];
}

/**
 * How far `typed` is from a name, by Levenshtein distance over the folded letters: from the whole
 * name, from its start as long as what was typed, or from one of its words; with `inside`, 0 when
 * the name contains it anywhere ("tech" in "Initech").
 */
function nameDistance(t: Shape, n: Shape, inside: boolean): number {
  if (inside && n.joined.includes(t.joined)) return 0;
  let best = Math.min(distance(t.joined, n.joined), distance(t.joined, n.joined.slice(0, t.joined.length)));
  for (const word of n.words) best = Math.min(best, distance(t.joined, word));
  return best;
}

/**
 * Up to three names near `typed`, nearest first: the "did you mean" of an unknown account. Loose on
 * purpose; it only suggests.
 */
export function nearNames(typed: string, names: readonly string[]): string[] {
  const t = shape(typed);
  if (t.joined === '') return [];
  const limit = t.joined.length <= 3 ? 1 : Math.max(2, Math.floor(t.joined.length / 3));
  return byDistance(t, names, limit, true).slice(0, 3);
}

/**
 * Names so close to `typed` that a new account under it is more likely a typo of one of them
 * ("acme inx" beside "Acme, Inc."): what `start` asks about before making a second account. Strict:
 * one edit for a short name, two for a long one, none under four letters.
 */
export function closeNames(typed: string, names: readonly string[]): string[] {
  const t = shape(typed);
  const limit = t.joined.length < 4 ? 0 : t.joined.length < 8 ? 1 : 2;
  const matched = namesMatching(typed, names);
  const near = limit === 0 ? [] : byDistance(t, names, limit, false).filter((n) => !matched.includes(n));
  return [...matched, ...near];
}

function byDistance(t: Shape, names: readonly string[], limit: number, inside: boolean): string[] {
  return names
    .map((name, order) => ({ name, order, d: nameDistance(t, shape(name), inside) }))
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .map((s) => s.name)
    .filter((name, i, all) => all.indexOf(name) === i);
}
