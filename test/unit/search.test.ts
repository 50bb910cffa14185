// The search matcher: words compared without case or accents, every word within one answer or note,
// spans that point at the original text; and which sessions' answers, revisits and notes it finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entryText,
  foldText,
  matchText,
  queryWords,
  searchSession,
  searchSessions,
} from '../../src/journey/search.js';
import type { Session } from '../../src/model/session.js';

const AT = '2026-03-01T10:00:00.000Z';

function session(overrides: Partial<Session> = {}): Session {
  return {
    format: 1,
    id: '20260301T100000Z-knowledge-abc1234',
    account: 'Café Noir',
    loop: 'knowledge',
    bank: { id: 'knowledge-discovery', version: 1, hash: 'sha256:x', title: 'Knowledge' },
    status: 'complete',
    started: AT,
    updated: AT,
    entries: [],
    notes: [],
    flags: [],
    tips: [],
    shifts: [],
    revisits: [],
    judgements: [],
    warnings: [],
    ...overrides,
  } as Session;
}

describe('foldText and queryWords', () => {
  it.each([
    ['Café', 'cafe'],
    ['CAFÉ NOIR', 'cafe noir'],
    ['Société Générale', 'societe generale'],
    ['ﬁnance', 'finance'],
    ['ＳＯＣ２', 'soc2'],
    ['Ångström', 'angstrom'],
  ])('%s folds to %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('splits, folds and de-duplicates the words of a query', () => {
    expect(queryWords(['SOC 2', 'soc', '  ', 'Café'])).toEqual(['soc', '2', 'cafe']);
    expect(queryWords(['   '])).toEqual([]);
  });
});

describe('matchText', () => {
  it('needs every word, anywhere in the text, in any order', () => {
    expect(matchText('They need SOC 2 before signing', queryWords(['soc', '2']))).toBeDefined();
    expect(matchText('They need SOC 2 before signing', queryWords(['signing', 'soc']))).toBeDefined();
    expect(matchText('They need SOC 2 before signing', queryWords(['soc', 'iso']))).toBeUndefined();
    expect(matchText('anything', [])).toBeUndefined();
  });

  it('gives the spans of the original text, accents and case kept', () => {
    const text = 'Le CAFÉ noir, le café crème';
    const spans = matchText(text, queryWords(['cafe']));
    expect(spans?.map((s) => text.slice(s.start, s.end))).toEqual(['CAFÉ', 'café']);
  });

  it('spans a decomposed accent with its letter', () => {
    const text = 'Cafe\u0301 Noir';
    const spans = matchText(text, queryWords(['café']));
    expect(spans?.map((s) => text.slice(s.start, s.end))).toEqual(['Cafe\u0301']);
  });

  it.each([
    ['ᾀ', 'ἈΙ'],
    ['ἈΙ', 'ᾀ'],
    ['Straße', 'STRASSE'],
    ['𝐀lpha', 'alpha'],
  ])('finds %s when %s is typed (a full case fold: a capital of two letters)', (text, typed) => {
    expect(matchText(text, queryWords([typed]))).toBeDefined();
  });

  it('merges overlapping spans', () => {
    expect(matchText('abcdef', ['abc', 'cde'])).toEqual([{ start: 0, end: 5 }]);
  });

  it('finds any text inside a longer one, whatever its case (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (a, w, b) => {
          const words = queryWords([w]);
          fc.pre(words.length > 0);
          for (const text of [a + w + b, a + w.toUpperCase() + b, a + w.toLowerCase() + b]) {
            expect(matchText(text, queryWords([w.toUpperCase()]))).toBeDefined();
            expect(matchText(text, words)).toBeDefined();
          }
        },
      ),
    );
  });

  it('ignores accents both ways (property)', () => {
    const accented = fc.constantFrom('é', 'è', 'ê', 'ë', 'à', 'ç', 'ñ', 'ö', 'Å', 'Ü', 'e\u0301');
    const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 3 }), accented), { minLength: 1 }),
        (parts) => {
          const text = parts.join('');
          fc.pre(queryWords([text]).length > 0);
          expect(matchText(text, queryWords([plain(text)]))).toBeDefined();
          expect(matchText(plain(text), queryWords([text]))).toBeDefined();
        },
      ),
    );
  });

  it('folding is idempotent and spans always lie inside the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', minLength: 1 }), (text, w) => {
        expect(foldText(foldText(text))).toBe(foldText(text));
        for (const span of matchText(text, queryWords([w])) ?? []) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(span.start).toBeLessThan(span.end);
        }
      }),
    );
  });
});

describe('searchSession', () => {
  const s = session({
    deal: 'EU rollout',
    entries: [
      { question: 'trigger', ask: 'What happened?', type: 'text', answer: 'The SOC 2 audit failed', at: AT },
      {
        question: 'frequency',
        ask: 'How often?',
        type: 'choice',
        labels: { weekly: 'Every week' },
        answer: 'weekly',
        at: AT,
      },
      { question: 'size', ask: 'Team size?', type: 'number', unit: 'people', answer: 40, at: AT },
      { question: 'skipped', ask: 'Skipped?', type: 'text', skipped: true, at: AT },
    ],
    revisits: [
      {
        flag: 'abc-1',
        bank: { id: 'knowledge-discovery', version: 1, hash: 'sha256:x', title: 'Knowledge' },
        entries: [
          {
            question: 'impact',
            ask: 'What does it cost?',
            type: 'text',
            answer: 'A lost SOC 2 deal',
            at: AT,
          },
        ],
        at: AT,
      },
    ],
    notes: [
      { text: 'Dana said soc 2 twice', question: 'trigger', at: AT },
      { text: 'Café afterwards', at: AT },
    ],
  });

  it('finds answers, revisited answers and notes, with the question asked', () => {
    const hits = searchSession(s, queryWords(['soc', '2']));
    expect(hits.map((h) => [h.kind, h.question, h.ask, h.text])).toEqual([
      ['answer', 'trigger', 'What happened?', 'The SOC 2 audit failed'],
      ['answer', 'impact', 'What does it cost?', 'A lost SOC 2 deal'],
      ['note', 'trigger', 'What happened?', 'Dana said soc 2 twice'],
    ]);
    expect(hits[0]).toMatchObject({
      account: 'Café Noir',
      deal: 'EU rollout',
      session: s.id,
      date: '2026-03-01',
      loop: 'knowledge',
    });
  });

  it('searches choice labels and units, not ids; a note outside any question has no ask', () => {
    expect(searchSession(s, queryWords(['every week'])).map((h) => h.question)).toEqual(['frequency']);
    expect(searchSession(s, queryWords(['weekly']))).toEqual([]);
    expect(searchSession(s, queryWords(['40 people'])).map((h) => h.question)).toEqual(['size']);
    expect(searchSession(s, queryWords(['cafe']))).toMatchObject([
      { kind: 'note', question: null, ask: null },
    ]);
  });

  it('all words must be within one answer or note', () => {
    expect(searchSession(s, queryWords(['audit', 'twice']))).toEqual([]);
  });

  it('filters by loop and by date', () => {
    const words = queryWords(['audit']);
    expect(searchSession(s, words, { loop: 'options' })).toEqual([]);
    expect(searchSession(s, words, { loop: 'knowledge' })).toHaveLength(1);
    expect(searchSession(s, words, { since: '2026-03-02' })).toEqual([]);
    expect(searchSession(s, words, { since: '2026-03-01' })).toHaveLength(1);
  });

  it('lists the newest session first', () => {
    const older = session({
      id: '20260101T100000Z-knowledge-old1234',
      started: '2026-01-01T10:00:00.000Z',
      entries: s.entries,
    });
    const hits = searchSessions([older, s], queryWords(['audit']));
    expect(hits.map((h) => h.date)).toEqual(['2026-03-01', '2026-01-01']);
  });

  it('entryText shows a list answer by its labels', () => {
    expect(
      entryText({
        question: 'q',
        ask: 'Q?',
        type: 'multi',
        labels: { a: 'Alpha' },
        answer: ['a', 'b'],
        at: AT,
      }),
    ).toBe('Alpha, b');
  });
});
