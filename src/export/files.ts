// Which files an export makes, and how its outcome reads.
import type { ExportFile } from '../model/export-files.js';
import { exportText } from './json.js';
import { accountMarkdown, dealMarkdown, sessionMarkdown } from './markdown.js';
import type { AccountNote, DealNote } from './note.js';

export interface FileOptions {
  format: 'md' | 'json';
  per: 'account' | 'session' | 'deal';
  diagram: boolean;
  /** The export time to record in each file, when asked for (--stamp). */
  stamp: Date | undefined;
}

export function renderFiles(notes: readonly AccountNote[], options: FileOptions): ExportFile[] {
  const { stamp } = options;
  const exported = (note: AccountNote) => ({
    name: note.name,
    slug: note.slug,
    sessions: note.sessions,
    records: note.records,
  });
  if (options.per === 'deal') {
    return notes.flatMap((n) =>
      n.deals.map((d) =>
        options.format === 'json'
          ? {
              path: dealPath(n, d, 'json'),
              text: exportText([{ ...exported(n), sessions: d.sessions, records: d.records }], stamp),
            }
          : { path: dealPath(n, d, 'md'), text: dealMarkdown(n, d, { diagram: options.diagram }) },
      ),
    );
  }
  if (options.format === 'json') {
    if (options.per === 'account') {
      return notes.map((n) => ({ path: `${n.slug}.json`, text: exportText([exported(n)], stamp) }));
    }
    return notes.flatMap((n) =>
      n.sessions.map((s) => ({
        path: `${n.slug}/${s.id}.json`,
        text: exportText([{ ...exported(n), sessions: [s] }], stamp),
      })),
    );
  }
  if (options.per === 'account') {
    return notes.map((n) => ({
      path: `${n.slug}.md`,
      text: accountMarkdown(n, { diagram: options.diagram }),
    }));
  }
  return notes.flatMap((n) => [
    {
      path: `${n.slug}.md`,
      text: accountMarkdown(n, { diagram: options.diagram, sessionLinks: (s) => `${n.slug}/${s.id}.md` }),
    },
    ...n.sessions.map((s) => ({
      path: `${n.slug}/${s.id}.md`,
      text: sessionMarkdown(n, s, `../${n.slug}.md`),
    })),
  ]);
}

/** A deal's own file, in its account's folder: `acmeinc/deal-eu-rollout.md`. */
function dealPath(note: AccountNote, deal: DealNote, ext: 'md' | 'json'): string {
  return `${note.slug}/deal-${dealSlug(deal.name)}.${ext}`;
}

/**
 * A deal name as a file name: lower case letters, digits and dashes. A name that loses letters on
 * the way (another script) gets a short hash of itself, so two such deals never share a file.
 */
export function dealSlug(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = plain
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const lossy = /[^\x20-\x7e]/.test(plain) || slug === '';
  return lossy ? `${slug ? `${slug}-` : ''}${fnv1a(name.normalize('NFC'))}` : slug;
}

/** FNV-1a, 32 bits, as 8 hex digits: stable across runs and machines. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
