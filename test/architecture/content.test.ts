// Content is data, code knows roles: no source file names a question or rule id of the default
// banks, so a trainer's bank that overrides one works exactly the same.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/model/roles.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface RawQuestion {
  id: string;
  follow_ups?: RawQuestion[];
}

function idsOf(file: string): string[] {
  const bank = load(readFileSync(file, 'utf8')) as { questions: RawQuestion[]; rules?: { id: string }[] };
  const walk = (qs: RawQuestion[]): string[] => qs.flatMap((q) => [q.id, ...walk(q.follow_ups ?? [])]);
  return [...walk(bank.questions), ...(bank.rules ?? []).map((r) => r.id)];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const banks = readdirSync(join(ROOT, 'question-banks')).filter((n) => n.endsWith('.yaml'));
// A role is named after what the product does with a question; a default bank may use it as an id too.
const ids = new Set(
  banks
    .flatMap((n) => idsOf(join(ROOT, 'question-banks', n)))
    .filter((id) => !(ROLES as readonly string[]).includes(id)),
);

describe('code knows roles, not the default banks', () => {
  it('reads some ids from the default banks', () => {
    expect(ids.size).toBeGreaterThan(30);
  });

  it('names no default question or rule id in src/ (find the question by its role instead)', () => {
    const found: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /(['"`])([a-z][a-z0-9_]*)\1|\b(?:answers|previous)\.([a-z][a-z0-9_]*)|\(\s*"([a-z][a-z0-9_]*)"/g,
      )) {
        const id = m[2] ?? m[3] ?? m[4];
        if (id && ids.has(id)) found.push(`${relative(ROOT, file)}: ${id}`);
      }
    }
    expect(found).toEqual([]);
  });
});
