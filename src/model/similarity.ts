// How alike two answers are in what they say: their content words (normalised, without stop words,
// stemmed) compared as sets. Tells a reworded answer from one that says something else.
import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stop-words.js';

// Maps, not object literals: a word such as "constructor" must not find Object.prototype.
const UNITS = new Map(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);

const MULTIPLIERS = new Map([
  ['hundred', 100],
  ['thousand', 1_000],
  ['million', 1_000_000],
  ['billion', 1_000_000_000],
]);

/** "40k", "1.5m". */
const SUFFIXED = /^(\d+(?:\.\d+)?)(k|m)$/;
const SUFFIXES = new Map([
  ['k', 1_000],
  ['m', 1_000_000],
]);

const NEGATIONS = new Set(['no', 'not', 'nobody', 'none', 'never', 'without', 'nothing']);

/** Whole phrases that say the same as one word (or none) once case is gone. */
const PHRASES: [RegExp, string][] = [
  [/\bno[\s-]+one\b/g, 'nobody'],
  [/\bcan(?:no|')t\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/n't\b/g, ' not'],
  // Contractions and possessives: "the team's", "reps'", "we're".
  [/'(?:s|re|ve|ll|d|m)\b/g, ''],
  [/'/g, ''],
  // 40,000 and 40_000 are one number; 15% is 15 percent.
  [/(?<=\d)[,_](?=\d{3}\b)/g, ''],
  [/(?<=\d)\s*%/g, ' percent'],
  [/\bper cent\b/g, 'percent'],
];

/** A word, a number with a decimal point, or words joined by hyphens. */
const TOKEN = /\p{N}+(?:\.\p{N}+)+|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

function rawWords(text: string): string[] {
  let t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010\u2011]/g, '-');
  for (const [pattern, replacement] of PHRASES) t = t.replace(pattern, replacement);
  return t.match(TOKEN) ?? [];
}

/**
 * A hyphenated word is one word when it is also written closed up ("hand-off" and "handoff"), or
 * when nothing says otherwise; it is its parts when the words it is compared with do not close it up
 * ("first-year" against "year one").
 */
function splitHyphens(words: readonly string[], vocabulary: ReadonlySet<string> | undefined): string[] {
  return words.flatMap((word) => {
    if (!word.includes('-')) return [word];
    const parts = word.split('-');
    if (parts.every((p) => UNITS.has(p) || /^\d+$/.test(p))) return parts;
    const joined = parts.join('');
    return !vocabulary || vocabulary.has(joined) ? [joined] : parts;
  });
}

/** Number words become digits: "forty thousand" and "40k" are 40000, "eight" is 8. */
function numbersAsDigits(words: readonly string[]): string[] {
  const out: string[] = [];
  let value: number | undefined;
  const flush = () => {
    if (value !== undefined) out.push(String(value));
    value = undefined;
  };
  for (const word of words) {
    const unit = UNITS.get(word) ?? (/^\d+(?:\.\d+)?$/.test(word) ? Number(word) : undefined);
    const suffixed = SUFFIXED.exec(word);
    const multiplier = MULTIPLIERS.get(word);
    if (suffixed) {
      flush();
      out.push(String(Number(suffixed[1]) * (SUFFIXES.get(suffixed[2] ?? '') ?? 1)));
    } else if (unit !== undefined) {
      // "forty five" adds up; "2 3" are two numbers.
      if (value !== undefined && value >= 20 && value % 10 === 0 && unit < 10) value += unit;
      else {
        flush();
        value = unit;
      }
    } else if (value !== undefined && multiplier !== undefined) {
      value *= multiplier;
    } else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out;
}

/**
 * The content words of a text, as stems: NFKC, lowercase, "no one" = "nobody", "can't" = "can not",
 * apostrophes and punctuation gone, hyphenated words joined or split (see splitHyphens), number
 * words as digits, stop words dropped, each word stemmed (Porter). `vocabulary` is every
 * unhyphenated word of the texts this one is compared with.
 */
export function contentWords(text: string, vocabulary?: ReadonlySet<string>): string[] {
  return stems(rawWords(text), vocabulary);
}

function stems(raw: readonly string[], vocabulary: ReadonlySet<string> | undefined): string[] {
  const out = new Set<string>();
  for (const word of numbersAsDigits(splitHyphens(raw, vocabulary))) {
    if (STOP_WORDS.has(word)) continue;
    // "nobody owns it" and "it has no owner" both deny something: one word for every negation.
    if (NEGATIONS.has(word)) out.add('not');
    else out.add(/^\d/.test(word) ? word : stemmer(word));
  }
  return [...out];
}

/**
 * How alike two texts are, 0 (nothing in common) to 1 (the same content words): the Dice
 * coefficient of their content-word sets, 2|A∩B| / (|A| + |B|).
 *
 * Dice and Jaccard (|A∩B| / |A∪B|) order pairs the same way (D = 2J / (1 + J)), so each separates
 * the scenario corpus equally well at matching thresholds; Dice is chosen for its scale. There the
 * boundary sits mid-range (healthy rewordings score 0.57 and up, moved answers 0 to 0.67: Jaccard
 * 0.40 and up, 0 to 0.50), and one word in a short answer weighs less: "Nobody owns the handoff"
 * against "Finance owns the handoff" is Dice 0.67, Jaccard 0.5. See DEFAULT_SHIFT_SIMILARITY.
 */
export function textSimilarity(a: string, b: string): number {
  const rawA = rawWords(a);
  const rawB = rawWords(b);
  const vocabulary = new Set([...rawA, ...rawB].filter((w) => !w.includes('-')));
  const wordsA = new Set(stems(rawA, vocabulary));
  const wordsB = new Set(stems(rawB, vocabulary));
  if (wordsA.size === 0 && wordsB.size === 0) return 1;
  let shared = 0;
  for (const word of wordsA) if (wordsB.has(word)) shared++;
  return (2 * shared) / (wordsA.size + wordsB.size);
}
