// export --all reads and renders a few accounts ahead of the one it writes, and lands notes in
// batches: for any data folder, the notes are those each account makes exported by name, the
// warnings come in folder order, and a second export finds every note unchanged.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ExportOptions, exportNotes } from '../../src/commands/export.js';
import type { Session } from '../../src/model/session.js';
import { accountDir, sessionPathIn } from '../../src/store/paths.js';
import { serializeSession } from '../../src/store/session-file.js';
import { output } from '../../src/ui/output.js';
import { sessionFixture } from '../helpers.js';

interface AccountPlan {
  sessions: { answer: string; deal: boolean }[];
  broken: boolean;
}

const answer = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('plain words', '*bold* www.x.y', '- item\n2) two', '==a== %%b%% $c$', 'é 漢 👩\u200D💻'),
);
const account: fc.Arbitrary<AccountPlan> = fc.record({
  sessions: fc.array(fc.record({ answer, deal: fc.boolean() }), { maxLength: 4 }),
  broken: fc.boolean(),
});

/** Writes the accounts; their names, and the broken files in the order of their account folders. */
function writeHome(home: string, plans: readonly AccountPlan[]): { names: string[]; broken: string[] } {
  const names: string[] = [];
  const broken: { folder: string; path: string }[] = [];
  plans.forEach((plan, n) => {
    const name = `Account ${n}`;
    const dir = accountDir(home, name);
    mkdirSync(dir, { recursive: true });
    plan.sessions.forEach((s, i) => {
      const session: Session = sessionFixture(`n${n}i${i}`, 'knowledge', String(10 + i), {
        account: name,
        entries: [
          { question: 'q', ask: 'Ask?', type: 'text', answer: s.answer, at: '2026-03-01T10:05:00.000Z' },
        ],
        ...(s.deal ? { deal: 'Second deal' } : {}),
      });
      writeFileSync(sessionPathIn(dir, session.id), serializeSession(session));
    });
    if (plan.sessions.length > 0) names.push(name);
    if (plan.broken) {
      const path = join(dir, '20260301T100000Z-knowledge-zzzzzzz.yaml');
      writeFileSync(path, 'format: 1\nid: [unclosed\n');
      broken.push({ folder: dir, path });
    }
  });
  broken.sort((a, b) => (a.folder < b.folder ? -1 : 1));
  return { names, broken: broken.map((b) => b.path) };
}

function filesIn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.journey-export')) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), readFileSync(path, 'utf8'));
  }
  return out;
}

const options = (home: string, out: string, more: Partial<ExportOptions>): ExportOptions => ({
  home,
  cwd: home,
  accounts: [],
  all: false,
  format: 'md',
  out,
  per: 'account',
  force: false,
  quiet: true,
  diagram: false,
  stamp: false,
  ...more,
});

/** Whether the export exited 1, the documented partial failure (a file that could not be read). */
const failed = (run: Promise<void>) =>
  run.then(
    () => false,
    (error: unknown) => {
      expect((error as Error).constructor.name).toBe('ReportedFailure');
      return true;
    },
  );

let scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  scratch = [];
  vi.restoreAllMocks();
});

describe('export --all, a few accounts ahead', () => {
  it('writes what each account makes by name, warns in folder order, and finds it all unchanged again', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(account, { minLength: 1, maxLength: 9 }),
        fc.constantFrom<ExportOptions['per']>('account', 'session', 'deal'),
        async (plans, per) => {
          const home = mkdtempSync(join(tmpdir(), 'journey-export-all-'));
          scratch.push(home);
          const { names, broken } = writeHome(home, plans);
          const warned: string[] = [];
          vi.spyOn(output, 'err').mockImplementation((line) => void warned.push(line));
          const run = (more: Partial<ExportOptions>) =>
            failed(exportNotes(options(home, join(home, more.all ? 'all' : 'named'), { per, ...more })));
          expect(await run({ all: true })).toBe(broken.length > 0);
          expect(warned).toEqual(broken.map((path) => expect.stringContaining(path)));
          if (names.length > 0) await run({ accounts: names });
          const all = filesIn(join(home, 'all'));
          expect(all).toEqual(names.length > 0 ? filesIn(join(home, 'named')) : new Map());

          const report = vi.spyOn(output, 'out').mockImplementation(() => undefined);
          expect(await run({ all: true, quiet: false })).toBe(broken.length > 0);
          const files = all.size;
          expect(report).toHaveBeenLastCalledWith(
            expect.stringContaining(`0 added, 0 updated, ${files} unchanged, 0 skipped.`),
          );
          expect(filesIn(join(home, 'all'))).toEqual(all);
        },
      ),
      { numRuns: 25 },
    );
  });
});
