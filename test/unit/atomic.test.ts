import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/store/atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journey-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the whole text and leaves no temporary file behind', async () => {
    const text = 'é'.repeat(300_000);
    await writeFileAtomic(join(dir, 'a.yaml'), text);
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['a.yaml']);
  });

  it('replaces an existing file', async () => {
    await writeFile(join(dir, 'a.yaml'), 'old');
    await writeFileAtomic(join(dir, 'a.yaml'), 'new');
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe('new');
  });

  it('in exclusive mode refuses to replace a file, keeping the old one and no temporary', async () => {
    await writeFile(join(dir, 'a.yaml'), 'first');
    await expect(writeFileAtomic(join(dir, 'a.yaml'), 'second', { exclusive: true })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['a.yaml']);
  });

  it('fails cleanly when the folder is missing', async () => {
    await expect(writeFileAtomic(join(dir, 'nope', 'a.yaml'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('lets parallel exclusive writers of one name produce exactly one winner', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        writeFileAtomic(join(dir, 'same.yaml'), `writer ${i}`, { exclusive: true }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['same.yaml']);
  });
});
