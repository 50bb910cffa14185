import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderFiles } from '../../src/export/files.js';
import { ExportSchema } from '../../src/export/json.js';
import { accountMarkdown, sessionMarkdown } from '../../src/export/markdown.js';
import { accountNote } from '../../src/export/note.js';
import type { Entry, Session } from '../../src/model/session.js';
import { sessionFixture } from '../helpers.js';

const GOLDEN = join(import.meta.dirname, '../fixtures/golden');

function entry(question: string, ask: string, answer: Entry['answer'], extra: Partial<Entry> = {}): Entry {
  return { question, ask, type: 'text', answer, at: '2026-03-01T10:05:00.000Z', ...extra };
}

const session = sessionFixture;

const sessions: Session[] = [
  session('k1', 'knowledge', '01', {
    contact: 'Dana Ruiz',
    entries: [
      entry('trigger', 'What triggered this now?', 'We lost two renewals'),
      entry('stakeholders', 'Who else has a stake?', ['VP Customer Success', 'RevOps'], { type: 'list' }),
      entry('monthly_cost', 'What does it cost each month?', 45000, { type: 'number', unit: 'USD' }),
      entry('problem_statement', 'Restate the problem.', 'Onboarding takes eight weeks.', {
        type: 'long',
        role: 'problem_statement',
      }),
    ],
    notes: [{ text: 'The CFO joined for ten minutes.', at: '2026-03-01T10:20:00.000Z' }],
  }),
  session('o1', 'options', '08', {
    entries: [
      entry('vendors', 'Which vendors?', ['Globex'], { type: 'list' }),
      entry('budget', 'Budget?', undefined, { skipped: true }),
    ],
    flags: [
      {
        id: 'o1-1',
        rule: 'new_stakeholder',
        message: 'Someone new has a say in the decision.',
        evidence: [
          {
            question: 'decision_people',
            ask: 'Who signs off?',
            before: ['VP Customer Success'],
            after: ['VP Customer Success', 'CFO'],
          },
        ],
        revisit: ['stakeholders', 'problem_statement'],
        decision: 'deferred',
        at: '2026-03-08T10:10:00.000Z',
      },
    ],
    tips: [
      {
        rule: 'single_vendor',
        text: 'Encourage them to talk to other vendors.',
        at: '2026-03-08T10:05:00.000Z',
      },
    ],
  }),
];

const note = accountNote({ name: 'Acme, Inc.', slug: 'acmeinc', sessions, records: [] });

function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

function markdownProblems(text: string): string {
  return lint({ strings: { note: text }, config: { default: true, MD013: false } }).toString();
}

const headings = (text: string) => text.split('\n').filter((l) => /^#{1,6} /.test(l));
/** The frontmatter as note tools find it: from the first line to the next line that is exactly ---. */
const frontmatterOf = (text: string) => {
  const lines = text.split('\n');
  const end = lines.indexOf('---', 1);
  expect(lines[0]).toBe('---');
  return parse(lines.slice(1, end).join('\n'));
};

describe('the markdown note', () => {
  const text = accountMarkdown(note, { diagram: true });

  it('matches the golden account note (UPDATE_GOLDEN=1 to refresh after a deliberate change)', () => {
    golden('acme-account.md', text);
  });

  it('matches the golden session note, which links back to the account note', () => {
    const sessionText = sessionMarkdown(note, sessions[0] as Session, '../acmeinc.md');
    golden('acme-session.md', sessionText);
    expect(sessionText).toContain('](../acmeinc.md)');
  });

  it('passes markdownlint (all default rules but line length)', () => {
    expect(markdownProblems(text)).toBe('');
  });

  it('has frontmatter that parses back to typed values', () => {
    expect(frontmatterOf(text)).toEqual({
      account: 'Acme, Inc.',
      loop: 'options',
      stage: 'prospect',
      loops: ['knowledge', 'options'],
      sessions: 2,
      open_flags: 1,
      first_contact: '2026-03-01',
      last_contact: '2026-03-08',
      tags: ['journey', 'journey/options'],
    });
  });

  it('is deterministic: the same data gives byte-identical notes', () => {
    const again = accountMarkdown(
      accountNote({ name: 'Acme, Inc.', slug: 'acmeinc', sessions, records: [] }),
      { diagram: true },
    );
    expect(again).toBe(text);
  });

  it('keeps sessions on or after --since', () => {
    const since = accountNote({
      name: 'Acme, Inc.',
      slug: 'acmeinc',
      sessions,
      records: [],
      since: '2026-03-05',
    });
    expect(since.sessions.map((s) => s.loop)).toEqual(['options']);
  });
});

describe('answer text can never break the note (property)', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1 }),
    fc.constantFrom(
      '# Heading',
      '---',
      '===',
      '> quote',
      '- item',
      '1. one',
      '    code',
      '```',
      '<b>x</b>',
      '| a | b |',
      'https://x.io',
      'a@b.co',
      '\r\n\r\n',
      '\u0000\u0007',
      '[l](u)',
      '**b**',
      '&amp;',
    ),
    fc
      .array(fc.constantFrom('# H', '---', '- i', '> q', '1) o', '', '`x`', '<i>', '|', 'text'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((l) => l.join('\n')),
  );

  it('keeps the heading structure and the frontmatter keys, and stays markdownlint-clean', () => {
    const base = accountMarkdown(note, { diagram: false });
    const baseHeadings = headings(base).length;
    const baseKeys = Object.keys(frontmatterOf(base));
    fc.assert(
      fc.property(hostile, hostile, hostile, (answer, noteText, name) => {
        const first = sessions[0] as Session;
        const evil: Session = {
          ...first,
          account: name.trim() || 'x',
          contact: name,
          entries: [
            entry('trigger', answer, answer),
            entry('problem_statement', 'Restate.', answer, { role: 'problem_statement' }),
          ],
          notes: [{ text: noteText, at: '2026-03-01T10:20:00.000Z' }],
        };
        const text = accountMarkdown(
          accountNote({
            name: name.trim() || 'x',
            slug: 'x',
            sessions: [evil, sessions[1] as Session],
            records: [],
          }),
          {
            diagram: false,
          },
        );
        expect(headings(text).length).toBe(baseHeadings);
        expect(Object.keys(frontmatterOf(text))).toEqual(baseKeys);
        expect(markdownProblems(text)).toBe('');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the JSON export', () => {
  it('round-trips: export, parse, and the sessions come back exactly', () => {
    const [file] = renderFiles([note], { format: 'json', per: 'account', diagram: false, stamp: undefined });
    const doc = ExportSchema.parse(JSON.parse(file?.text ?? ''));
    expect(doc.format).toBe(1);
    expect(doc.accounts[0]?.sessions).toEqual(sessions);
  });

  it('makes one file per session with --per session', () => {
    const files = renderFiles([note], { format: 'md', per: 'session', diagram: false, stamp: undefined });
    expect(files.map((f) => f.path)).toEqual([
      'acmeinc.md',
      `acmeinc/${sessions[0]?.id}.md`,
      `acmeinc/${sessions[1]?.id}.md`,
    ]);
    expect(files[0]?.text).toContain(`](acmeinc/${sessions[0]?.id}.md)`);
  });
});
