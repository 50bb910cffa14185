// Reading one data file (store/data-files.ts): each file's text is exactly its bytes, whatever was
// read before it through the buffer kept between files, and a file past its kind's cap is refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDataFile } from '../../src/store/data-files.js';

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
