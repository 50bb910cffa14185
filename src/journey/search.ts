// Search across sessions: which answers (every entry, revisits included) and notes hold every word
// of a query, compared without case or accents, and where in the text each word was found. Pure: the
// command hands in the sessions it read.
import { formatAnswer } from '../model/answer.js';
import type { Loop } from '../model/loop.js';
import type { Entry, Session } from '../model/session.js';

/** One character of folded text points back at the original code unit span it came from. */
interface Folded {
  text: string;
  /** For each code unit of `text`: [start, end) in the original. */
  from: number[];
  to: number[];
}

/**
 * Text as compared: decomposed, accents (combining marks) dropped, case folded (upper, then lower),
 * compatibility forms unified (ﬁ → fi, full-width → ASCII). "Café" and "CAFE" fold to the same "cafe".
 */
export function foldText(text: string): string {
  return fold(text).text;
}

function fold(text: string): Folded {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const char of text) {
    const end = at + char.length;
    // Upper then lower case: a full case fold, so a letter whose capital is two letters (ß → SS,
    // ᾀ → ἈΙ, its iota subscript a capital iota) folds to the same text whichever case was typed.
    const folded = char.normalize('NFKD').toUpperCase().toLowerCase().normalize('NFKD');
    const kept = folded.replace(/\p{M}+/gu, '');
    // A combining accent belongs to the letter before it: a span that ends at the letter takes it too.
    if (kept === '' && to.length > 0) to[to.length - 1] = end;
    for (let i = 0; i < kept.length; i++) {
      from.push(at);
      to.push(end);
    }
    out.push(kept);
    at = end;
  }
  return { text: out.join(''), from, to };
}

/** The words of a query, folded; blanks and repeats dropped. */
export function queryWords(words: readonly string[]): string[] {
  const all = words.flatMap((w) => foldText(w).split(/\s+/u)).filter((w) => w.length > 0);
  return [...new Set(all)];
}

/** A span of the original text: [start, end) in code units. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Where every word occurs in `text` (each occurrence, merged where they overlap, in order), or
 * undefined unless every word occurs at least once. No words: no match.
 */
export function matchText(text: string, words: readonly string[]): Span[] | undefined {
  if (words.length === 0) return undefined;
  const folded = fold(text);
  const spans: Span[] = [];
  for (const word of words) {
    let found = false;
    let i = folded.text.indexOf(word);
    while (i >= 0) {
      found = true;
      spans.push({ start: folded.from[i] ?? 0, end: folded.to[i + word.length - 1] ?? text.length });
      i = folded.text.indexOf(word, i + Math.max(1, word.length));
    }
    if (!found) return undefined;
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export interface SearchFilters {
  /** Only sessions of this loop. */
  loop?: Loop | undefined;
  /** Only sessions started on or after this date (YYYY-MM-DD). */
  since?: string | undefined;
}

/** One answer or note that holds every word. */
export interface SearchHit {
  account: string;
  /** The deal the session is about (null: the account's first deal). */
  deal: string | null;
  session: string;
  /** The session's date (YYYY-MM-DD). */
  date: string;
  loop: Loop;
  kind: 'answer' | 'note';
  /** The question's id (a note's question, when it was made at one; else null). */
  question: string | null;
  /** The question as it was asked (null for a note made outside any question). */
  ask: string | null;
  /** The whole answer or note, as text. */
  text: string;
  /** Where the words are in `text`. */
  spans: Span[];
}

/** An answer as text: labels the session recorded stand in for choice ids, units are kept. */
export function entryText(entry: Entry): string | undefined {
  if (entry.answer === undefined) return undefined;
  const choices = Object.entries(entry.labels ?? {}).map(([id, label]) => ({ id, label }));
  return formatAnswer({ type: entry.type, unit: entry.unit, choices }, entry.answer);
}

/** The hits in one session, in the order the session recorded them (answers, then revisits, then notes). */
export function searchSession(
  session: Session,
  words: readonly string[],
  filters: SearchFilters = {},
): SearchHit[] {
  const date = session.started.slice(0, 10);
  if (filters.loop && session.loop !== filters.loop) return [];
  if (filters.since && date < filters.since) return [];
  const base = {
    account: session.account,
    deal: session.deal ?? null,
    session: session.id,
    date,
    loop: session.loop,
  };
  const entries = [...session.entries, ...session.revisits.flatMap((r) => r.entries)];
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const text = entryText(entry);
    const spans = text === undefined ? undefined : matchText(text, words);
    if (text !== undefined && spans)
      hits.push({ ...base, kind: 'answer', question: entry.question, ask: entry.ask, text, spans });
  }
  for (const note of session.notes) {
    const spans = matchText(note.text, words);
    if (!spans) continue;
    const ask = note.question ? entries.find((e) => e.question === note.question)?.ask : undefined;
    hits.push({
      ...base,
      kind: 'note',
      question: note.question ?? null,
      ask: ask ?? null,
      text: note.text,
      spans,
    });
  }
  return hits;
}

/** Hits across sessions: by account (in the order given), newest session first within each. */
export function searchSessions(
  sessions: readonly Session[],
  words: readonly string[],
  filters: SearchFilters = {},
): SearchHit[] {
  const newestFirst = [...sessions].sort((a, b) =>
    a.started === b.started ? (a.id < b.id ? 1 : -1) : a.started < b.started ? 1 : -1,
  );
  return newestFirst.flatMap((s) => searchSession(s, words, filters));
}
