// Output targets: `-` is stdout, a file is replaced atomically, a link is written through to its
// file, and a folder, a device, a dangling link or a missing parent is a one-line error.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { writeExport } from '../../src/store/export-dir.js';
import { outputFile, outputFolder, writeOutputFile } from '../../src/store/output-target.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journey-out-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message.split('\n')).toHaveLength(1);
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('outputFile (--ics)', () => {
  it('takes - for stdout, a new file in a folder, and an existing file', () => {
    expect(outputFile('-', dir, '--ics')).toEqual({ kind: 'stdout' });
    expect(outputFile('new.ics', dir, '--ics')).toEqual({ kind: 'file', path: join(dir, 'new.ics') });
    writeFileSync(join(dir, 'old.ics'), 'old');
    expect(outputFile('old.ics', dir, '--ics')).toEqual({ kind: 'file', path: join(dir, 'old.ics') });
  });

  it('writes through a link (and a chain of links) to its file, which it replaces atomically, keeping its mode', async () => {
    writeFileSync(join(dir, 'real.ics'), 'old');
    chmodSync(join(dir, 'real.ics'), 0o600);
    symlinkSync(join(dir, 'real.ics'), join(dir, 'link.ics'));
    symlinkSync(join(dir, 'link.ics'), join(dir, 'link2.ics'));
    const target = outputFile('link2.ics', dir, '--ics');
    expect(target).toEqual({ kind: 'file', path: join(dir, 'real.ics') });
    if (target.kind === 'file') await writeOutputFile(target.path, 'new');
    expect(lstatSync(join(dir, 'link.ics')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'link2.ics')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'link2.ics'), 'utf8')).toBe('new');
    expect(statSync(join(dir, 'real.ics')).mode & 0o777).toBe(0o600);
  });

  it.each([
    [
      'a folder',
      () => mkdirSync(join(dir, 'x')),
      'x',
      /x: is a folder, not a file; name a file in it for --ics/,
    ],
    [
      'a missing parent folder',
      () => undefined,
      'missing/x.ics',
      /missing\/x\.ics: no such folder .*missing; create it first/,
    ],
    [
      'a file as parent',
      () => writeFileSync(join(dir, 'f'), ''),
      'f/x.ics',
      /f is a file, not a folder|is not a folder/,
    ],
    [
      'a dangling link',
      () => symlinkSync('/nowhere/x.ics', join(dir, 'x')),
      'x',
      /x: is a link to \/nowhere\/x\.ics, which does not exist/,
    ],
    [
      'a FIFO',
      () => execFileSync('mkfifo', [join(dir, 'x')]),
      'x',
      /x: is a FIFO \(named pipe\), not a file; .*or - to print to stdout/,
    ],
    ['a device', () => undefined, '/dev/null', /\/dev\/null: is a device, not a file/],
    [
      'a link to a folder',
      () => symlinkSync(dir, join(dir, 'x')),
      'x',
      /x: is a link to .*, which is a folder, not a file/,
    ],
  ])('refuses %s in one line', (_, plant, name, says) => {
    plant();
    expect(refused(() => outputFile(name, dir, '--ics'))).toMatch(says);
  });

  it('says why a write failed, in one line', async () => {
    mkdirSync(join(dir, 'ro'));
    await expect(writeOutputFile(join(dir, 'ro', 'missing', 'x.ics'), 'x')).rejects.toThrow(
      /x\.ics: cannot write there \(ENOENT\)/,
    );
  });
});

describe('outputFolder (--out)', () => {
  it('takes - for stdout, makes a missing folder, and uses a link to a folder as that folder', async () => {
    expect(await outputFolder('-', dir, '--out')).toBeUndefined();
    expect(await outputFolder('a/b', dir, '--out')).toBe(join(dir, 'a/b'));
    expect(statSync(join(dir, 'a/b')).isDirectory()).toBe(true);
    symlinkSync(join(dir, 'a'), join(dir, 'l'));
    expect(await outputFolder('l', dir, '--out')).toBe(join(dir, 'a'));
  });

  it.each([
    [
      'an existing file',
      () => writeFileSync(join(dir, 'x'), ''),
      /x: is a file, not a folder; name a folder for --out/,
    ],
    [
      'a dangling link',
      () => symlinkSync('/nowhere', join(dir, 'x')),
      /x: is a link to \/nowhere, which is not a folder/,
    ],
    ['a file on the way', () => writeFileSync(join(dir, 'y'), ''), /y is a file, not a folder/],
  ])('refuses %s in one line', async (name, plant, says) => {
    plant();
    const out = name === 'a file on the way' ? 'y/x' : 'x';
    await expect(outputFolder(out, dir, '--out')).rejects.toSatisfy(
      (e) => e instanceof UserError && says.test(e.message) && !e.message.includes('\n'),
    );
  });
});

describe('writeExport never writes through a link', () => {
  it('fails the note behind a link (to a file or a folder outside) and writes the others', async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.md'), 'keep me');
    const out = join(dir, 'notes');
    mkdirSync(out);
    symlinkSync(join(outside, 'victim.md'), join(out, 'a.md'));
    symlinkSync(outside, join(out, 'b'));
    const report = await writeExport(
      out,
      [
        { path: 'a.md', text: 'A' },
        { path: 'b/s.md', text: 'B' },
        { path: 'c.md', text: 'C' },
      ],
      true,
    );
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['failed', 'failed', 'added']);
    expect(report.outcomes[0]?.error).toMatch(
      /a\.md is a symbolic link; journey writes only inside the export folder/,
    );
    expect(readFileSync(join(outside, 'victim.md'), 'utf8')).toBe('keep me');
    expect(() => statSync(join(outside, 's.md'))).toThrow();
    expect(readFileSync(join(out, 'c.md'), 'utf8')).toBe('C');
  });
});
