// Whose notes a name of an export folder is (app/export-owners.ts): whatever the folders, which of them
// the last export's memo kept, and in whatever order the memo sifted them, every note name ends with
// one folder (the account's own folder, else the first in folder order), no other folder writes it,
// and every other folder that wanted it is said to be left out exactly once, naming that folder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NoteOwners, noteOwner } from '../../src/app/export-owners.js';
import { accountSlug, legacyAccountSlug } from '../../src/store/slug.js';

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
    .uniqueArray(
      fc.constantFrom<string>('acme', 'zed', 'globex', 'acme-copy', 'aaa', 'old-zed', 'x1', 'x2'),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((slugs) => slugs.sort());

  it("leaves each name with the account's own folder, else the first, and says each other folder once", () => {
    fc.assert(
      fc.property(
        folders.chain((slugs) =>
          fc.record({
            slugs: fc.constant(slugs),
            // A folder named as a note is that account's own: its sessions are of that account.
            wants: fc
              .array(fc.constantFrom(...NAMES), { minLength: slugs.length, maxLength: slugs.length })
              .map((names) =>
                names.map((name, place) => (NAMES.includes(slugs[place] ?? '') ? slugs[place] : name)),
              ),
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
          const writers = new Map<string, number[]>();
          for (const place of [...todo].sort((a, b) => a - b)) {
            const name = wants[place] as string;
            const claim = owners.claim(place, name, [`${name}.md`, `${name}/s1.md`]);
            said.push(...(claim.ok ? claim.displaced : [claim.problem]));
            if (claim.ok) writers.set(name, [...(writers.get(name) ?? []), place]);
          }
          for (const name of new Set(wants as string[])) {
            const wanting = slugs.map((_, p) => p).filter((p) => wants[p] === name);
            const own = slugs.indexOf(name);
            const first = own >= 0 ? own : Math.min(...wanting);
            // The notes on disk are that folder's: written by it alone this run, or kept from the last.
            const written = writers.get(name);
            if (written) expect(written).toEqual([first]);
            else expect(kept[first]).toBe(true);
            for (const other of wanting.filter((p) => p !== first)) {
              const about = said.filter((line) => line.startsWith(`${ROOT}/${slugs[other]}: `));
              expect(about).toHaveLength(1);
              expect(about[0]).toContain(`same account as ${ROOT}/${slugs[first]}, whose notes (${name})`);
            }
          }
          expect(said).toHaveLength(wants.length - new Set(wants).size);
        },
      ),
    );
  });

  it("refuses a copy before it writes, when the account's own folder comes later or is an older release's", () => {
    const owners = new NoteOwners(ROOT, ['aaa-copy', 'acme']);
    expect(owners.claim(0, 'Acme', ['acme.md'])).toEqual({
      ok: false,
      problem: expect.stringContaining(
        `${ROOT}/aaa-copy: holds sessions of the same account as ${ROOT}/acme,`,
      ),
    });
    expect(owners.claim(1, 'Acme', ['acme.md'])).toEqual({ ok: true, displaced: [] });
    // "Čapek" made a folder without its mark once: that folder is the account's own still.
    const legacy = new NoteOwners(ROOT, ['aaa-copy', legacyAccountSlug('Čapek')]);
    const note = `${accountSlug('Čapek')}.md`;
    expect(legacy.claim(0, 'Čapek', [note]).ok).toBe(false);
    expect(legacy.claim(1, 'Čapek', [note]).ok).toBe(true);
  });

  it('keeps nothing for a folder whose notes are not as written', () => {
    const owners = new NoteOwners(ROOT, ['acme', 'acme-copy']);
    expect(owners.keep(1, ['acme.md'], () => false)).toBe(false);
    expect(owners.claim(0, 'Acme', ['acme.md'])).toEqual({ ok: true, displaced: [] });
  });
});
