// Whose notes a name of an export folder is (app/export-owners.ts): whatever the folders, which of them
// the last export's memo kept, and in whatever order the memo sifted them, every note name ends with
// the one folder that ranks first for it (the account's own folder, else folder order), and every other
// folder that wanted it is said to be left out exactly once, with a folder of the same account.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NoteOwners, noteOwner } from '../../src/app/export-owners.js';

const ROOT = '/data/accounts';

describe('noteOwner', () => {
  it('names the account of each file an export makes', () => {
    expect(noteOwner('acmeinc.md')).toBe('acmeinc');
    expect(noteOwner('acmeinc.json')).toBe('acmeinc');
    expect(noteOwner('acmeinc/20260310T100000Z-knowledge-a1.md')).toBe('acmeinc');
    expect(noteOwner('acmeinc/deal-eu-rollout.json')).toBe('acmeinc');
    expect(noteOwner('tokyo--0123456789ab.md')).toBe('tokyo--0123456789ab');
  });
});

describe('NoteOwners', () => {
  const NAMES = ['acme', 'zed', 'globex'];
  // Folder names: some named as a note is (an account's own folder), some not (copies).
  const folders = fc
    .uniqueArray(fc.constantFrom('acme', 'zed', 'globex', 'acme-copy', 'aaa', 'old-zed', 'x1', 'x2'), {
      minLength: 1,
      maxLength: 8,
    })
    .map((slugs) => slugs.sort());

  it('leaves each name with the folder ranking first for it, and says each other folder once', () => {
    fc.assert(
      fc.property(
        folders.chain((slugs) =>
          fc.record({
            slugs: fc.constant(slugs),
            wants: fc.array(fc.constantFrom(...NAMES), { minLength: slugs.length, maxLength: slugs.length }),
            kept: fc.array(fc.boolean(), { minLength: slugs.length, maxLength: slugs.length }),
            sifted: fc.shuffledSubarray(
              slugs.map((_, place) => place),
              { minLength: slugs.length },
            ),
          }),
        ),
        ({ slugs, wants, kept, sifted }) => {
          const owners = new NoteOwners(ROOT, slugs);
          const todo = new Set<number>(slugs.map((_, place) => place));
          // The memo's sifting, shard by shard: any order.
          for (const place of sifted) {
            if (kept[place] && owners.keep(place, [`${wants[place]}.md`], () => true)) todo.delete(place);
          }
          const said: string[] = [];
          const lastWriter = new Map<string, number>();
          for (const place of [...todo].sort((a, b) => a - b)) {
            const claim = owners.claim(place, [`${wants[place]}.md`, `${wants[place]}/s1.md`]);
            said.push(...(claim.ok ? claim.displaced : [claim.problem]));
            if (claim.ok) lastWriter.set(wants[place] as string, place);
          }
          for (const name of new Set(wants)) {
            const wanting = slugs.map((_, p) => p).filter((p) => wants[p] === name);
            const rank = (p: number) => (slugs[p] === name ? -1 : p);
            const first = wanting.reduce((a, b) => (rank(a) <= rank(b) ? a : b));
            // The notes on disk are the first folder's: written last this run, or kept from the last.
            const writer = lastWriter.get(name);
            if (writer !== undefined) expect(writer).toBe(first);
            else expect(kept[first]).toBe(true);
            for (const other of wanting.filter((p) => p !== first)) {
              const about = said.filter((line) => line.startsWith(`${ROOT}/${slugs[other]}: `));
              expect(about).toHaveLength(1);
              // Named with a folder of the same account (the first, unless a third came between).
              const as = about[0]?.match(/same account as (.*), whose notes \((.*)\)/);
              expect(as?.[2]).toBe(name);
              expect(wanting.map((p) => `${ROOT}/${slugs[p]}`)).toContain(as?.[1]);
            }
          }
          expect(said).toHaveLength(wants.length - new Set(wants).size);
        },
      ),
    );
  });

  it('keeps nothing for a folder whose notes are not as written', () => {
    const owners = new NoteOwners(ROOT, ['acme', 'acme-copy']);
    expect(owners.keep(1, ['acme.md'], () => false)).toBe(false);
    expect(owners.claim(0, ['acme.md'])).toEqual({ ok: true, displaced: [] });
  });
});
