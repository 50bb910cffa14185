// Reading one data file (store/data-files.ts): each file's text is exactly its bytes, whatever was
// read before it through the buffer kept between files, and a file past its kind's cap is refused;
// a file opened once for its stamp and text has the stamp a look at its path gives.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryAt, openDataFile, readDataFile } from '../../src/store/data-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journey-data-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KIND = { noun: 'session file', maxBytes: 256 * 1024 };

function written(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readDataFile', () => {
  it('gives each file its own text, whether longer or shorter than the one before', () => {
    const texts = [
      'a: 1\n',
      `long: ${'é€x'.repeat(40_000)}\n`, // past the 64 KiB kept between files
      `b: ${'y'.repeat(60_000)}\n`,
      'c: ü\n',
      '',
    ];
    for (const [i, text] of texts.entries()) {
      const path = written(`${i}.yaml`, text);
      const read = readDataFile(path, KIND);
      expect(read.ok && read.text).toBe(text);
      expect(read.ok && read.text).toBe(readFileSync(path, 'utf8'));
    }
  });

  it('refuses a file past the cap of its kind, and says its size', () => {
    const path = written('big.yaml', 'x'.repeat(KIND.maxBytes + 1));
    const read = readDataFile(path, KIND);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatch(/big\.yaml: is 257 KiB, larger than any session file/);
  });
});

describe('openDataFile', () => {
  it('gives a file its stamp as a look at its path gives it, and its text', () => {
    const path = written('a.yaml', 'a: 1\n');
    expect(openDataFile(path, KIND)).toEqual({ ...entryAt(path), text: 'a: 1\n' });
  });

  it('gives no text for what is not a file within the cap, and nothing for a link', () => {
    const big = written('big.yaml', 'x'.repeat(KIND.maxBytes + 1));
    expect(openDataFile(big, KIND)).toEqual(entryAt(big));
    mkdirSync(join(dir, 'folder.yaml'));
    expect(openDataFile(join(dir, 'folder.yaml'), KIND)).toEqual(entryAt(join(dir, 'folder.yaml')));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(openDataFile(join(dir, 'pipe.yaml'), KIND)?.kind).toBe('fifo');
    symlinkSync(big, join(dir, 'link.yaml'));
    expect(openDataFile(join(dir, 'link.yaml'), KIND)).toBeUndefined();
    expect(openDataFile(join(dir, 'gone.yaml'), KIND)).toBeUndefined();
  });
});
