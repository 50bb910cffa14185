// A session started with a bank file is resumed with that file: the resume hint names it, and resume
// without it says how, instead of only "no bank with id".
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';

describe('resuming a session whose bank is a file', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('says to give the bank file again', async () => {
    const bank = join(FIXTURES, 'banks', 'short.yaml');
    const answers = join(home, 'a.yaml');
    await writeFile(
      answers,
      'trigger: The roaster changed hands\ntried: false\nurgency: 3\nproblem_statement: Orders are typed twice\n',
    );
    const started = await journey(
      ['--home', home, 'start', 'Café Noir', '--bank', bank, '--answers', answers],
      { cwd: home },
    );
    if (started.code !== 0) throw new Error(started.stderr);
    // Make it unfinished, as a Ctrl-C would have left it.
    const dir = join(home, 'accounts', (await readdir(join(home, 'accounts')))[0] ?? '');
    const file = join(dir, (await readdir(dir)).find((f) => f.endsWith('.yaml')) ?? '');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^status: complete$/m, 'status: in_progress'),
    );
    const r = await journey(['--home', home, 'resume', 'Café Noir'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /which is not installed: resume it with the bank file it was started with, journey resume 'Café Noir' --bank <file>/,
    );
  });
});

describe('resuming a session with a built-in bank', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('builds its banks from the banks checked before, as start does, and keeps them checked', async () => {
    const answers = join(FIXTURES, 'answers', 'knowledge.yaml');
    const started = await journey(
      ['--home', home, 'start', 'Café Noir', '--loop', 'knowledge', '--answers', answers],
      { cwd: home },
    );
    if (started.code !== 0) throw new Error(started.stderr);
    const cache = join(home, '.cache', 'checked-banks.json');
    await stat(cache);
    const dir = join(home, 'accounts', (await readdir(join(home, 'accounts')))[0] ?? '');
    const file = join(dir, (await readdir(dir)).find((f) => f.endsWith('.yaml')) ?? '');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^status: complete$/m, 'status: in_progress'),
    );
    await rm(cache);
    const r = await journey(['--home', home, 'resume', 'Café Noir', '--answers', answers], { cwd: home });
    expect(r.code, r.stderr).toBe(0);
    expect((await stat(cache)).isFile()).toBe(true);
    expect(await readFile(file, 'utf8')).toMatch(/^status: complete$/m);
  });
});
