import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';

const KNOWLEDGE = join(FIXTURES, 'answers/knowledge.yaml');
const OPTIONS = join(FIXTURES, 'scenario/options-shifted.yaml');

let home: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ home, cleanup } = await tempHome());
  for (const name of ['Acme, Inc.', 'Globex']) {
    await journey(['--home', home, 'start', name, '--answers', KNOWLEDGE]);
    await journey(['--home', home, 'start', name, '--answers', OPTIONS]);
  }
});
afterAll(async () => {
  await cleanup();
});
const j = (...args: string[]) => journey(['--home', home, ...args], { cwd: home });

describe('journey export', () => {
  it('writes one account to stdout, pipe-friendly: no colour, no progress, nothing on stderr', async () => {
    const r = await j('export', 'acme inc');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('---\naccount: Acme, Inc.\n')).toBe(true);
    expect(r.stdout.includes('\u001b[')).toBe(false);
    expect(r.stderr).toBe('');
    expect((await j('export', 'acme inc')).stdout).toBe(r.stdout);
  });

  it('writes JSON that parses back to the sessions', async () => {
    const r = await j('export', 'Globex', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe(1);
    expect(doc.accounts[0].sessions.map((s: { loop: string }) => s.loop)).toEqual(['knowledge', 'options']);
  });

  it('needs --out for more than one file, and an account or --all', async () => {
    expect(await j('export', '--all')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/makes 2 files: write them into a folder with --out/),
    });
    expect(await j('export')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/name one or more accounts, or use --all/),
    });
    expect(await j('export', 'acme inc', '--since', 'March')).toMatchObject({ code: 2 });
  });

  it('names the nearest accounts for an unknown one, exit 1', async () => {
    const r = await j('export', 'Globx');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no account "Globx" in .*; did you mean "Globex"\?/);
  });

  it('--out: adds, leaves unchanged, skips hand-edited notes and files it did not write, and --force overwrites', async () => {
    const first = await j('export', '--all', '--out', 'notes');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/2 added, 0 updated, 0 unchanged, 0 skipped\./);
    expect((await readdir(join(home, 'notes'))).sort()).toEqual([
      '.journey-export.json',
      'acmeinc.md',
      'globex.md',
    ]);

    const again = await j('export', '--all', '--out', 'notes');
    expect(again.stdout).toMatch(/0 added, 0 updated, 2 unchanged, 0 skipped\./);

    const edited = join(home, 'notes/acmeinc.md');
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nMy own thoughts.\n`);
    await j('start', 'Acme, Inc.', '--loop', 'options', '--answers', OPTIONS);
    const skipped = await j('export', '--all', '--out', 'notes');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(
      /skipped acmeinc\.md: edited by hand since journey wrote it \(--force overwrites\)/,
    );
    expect(await readFile(edited, 'utf8')).toMatch(/My own thoughts\./);

    const forced = await j('export', '--all', '--out', 'notes', '--force');
    expect(forced.stdout).toMatch(/0 added, 1 updated, 1 unchanged, 0 skipped\./);
    expect(await readFile(edited, 'utf8')).not.toMatch(/My own thoughts\./);
  });

  it('never overwrites a file it did not write', async () => {
    await j('export', 'Globex', '--out', 'theirs', '--quiet');
    await writeFile(join(home, 'theirs/.journey-export.json'), '{"format":1,"files":{}}');
    await writeFile(join(home, 'theirs/globex.md'), 'Somebody else’s note\n');
    const r = await j('export', 'Globex', '--out', 'theirs');
    expect(r.stdout).toMatch(/skipped globex\.md: journey did not write it/);
    expect(await readFile(join(home, 'theirs/globex.md'), 'utf8')).toBe('Somebody else’s note\n');
  });

  it('writes per-session notes that link back, and --quiet prints nothing', async () => {
    const r = await j('export', 'Globex', '--per', 'session', '--out', 'per', '--quiet');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const files = await readdir(join(home, 'per/globex'));
    expect(files).toHaveLength(2);
    expect(await readFile(join(home, 'per/globex', files[0] ?? ''), 'utf8')).toContain('](../globex.md)');
  });

  it('exits 1 when a file cannot be written, writing the rest', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(home, 'blocked/globex.md'), { recursive: true });
    const r = await j('export', '--all', '--out', 'blocked');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed globex\.md: /);
    expect(r.stdout).toMatch(/1 added, 0 updated, 0 unchanged, 0 skipped, 1 failed\./);
    expect(await readFile(join(home, 'blocked/acmeinc.md'), 'utf8')).toMatch(/^---\naccount: Acme, Inc\./);
  });
});
