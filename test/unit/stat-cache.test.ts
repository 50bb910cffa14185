// StatCache: a value is reused only while its file's stamp (size, mtime, ctime, inode) is unchanged, anything doubtful
// in the cache file is thrown away, and a data folder that cannot be written to never fails a command.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileStamp, StatCache } from '../../src/store/stat-cache.js';
import { readCacheFile, writeCacheFile } from '../cache-files.js';

interface Summary {
  answers: number;
  loop: string;
}

const isSummary = (value: unknown): value is Summary =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Summary).answers === 'number' &&
  typeof (value as Summary).loop === 'string';

const STAMP: FileStamp = {
  size: 120,
  mtimeMs: 1_772_359_200_123.456,
  ctimeMs: 1_772_359_200_456.789,
  ino: 4242,
};
const SUMMARY: Summary = { answers: 3, loop: 'knowledge' };

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-stat-cache-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const load = (name = 'sessions.json') => StatCache.load(home, name, isSummary);
const cacheFile = (name = 'sessions.json') => join(home, '.cache', name);
const readCache = (name = 'sessions.json') => readCacheFile(cacheFile(name));

/** A cache file on disk holding these entries, as a previous run left it. */
async function saved(entries: Record<string, [FileStamp, Summary]>, name = 'sessions.json'): Promise<void> {
  const cache = load(name);
  for (const [key, [stamp, value]] of Object.entries(entries)) cache.set(key, stamp, value);
  await cache.save();
}

/** Replaces the cache file's entries by hand, keeping the format number the code wrote. */
function rewrite(entries: Record<string, unknown>, format?: unknown): void {
  writeCacheFile(cacheFile(), { format: format === undefined ? readCache().format : format, entries });
}

describe('StatCache.get', () => {
  it('returns the saved value when size and mtime match, across loads', async () => {
    await saved({ 'acme/a.yaml': [STAMP, SUMMARY] });
    expect(load().get('acme/a.yaml', { ...STAMP })).toEqual(SUMMARY);
  });

  it('keeps a real file mtime (a fraction of a millisecond) exactly, so an unchanged file still hits', async () => {
    const file = join(home, 'session.yaml');
    writeFileSync(file, 'answers: []\n');
    const { size, mtimeMs, ctimeMs, ino } = statSync(file);
    await saved({ 'session.yaml': [{ size, mtimeMs, ctimeMs, ino }, SUMMARY] });
    const again = statSync(file);
    const stamp = { size: again.size, mtimeMs: again.mtimeMs, ctimeMs: again.ctimeMs, ino: again.ino };
    expect(load().get('session.yaml', stamp)).toEqual(SUMMARY);
  });

  it.each([
    ['a changed size', { ...STAMP, size: STAMP.size + 1 }],
    ['a smaller size', { ...STAMP, size: 0 }],
    ['a changed mtime', { ...STAMP, mtimeMs: STAMP.mtimeMs + 1 }],
    ['an mtime a fraction later', { ...STAMP, mtimeMs: STAMP.mtimeMs + 0.001 }],
    ['an older mtime', { ...STAMP, mtimeMs: STAMP.mtimeMs - 1000 }],
    ['a changed ctime (an edit with the mtime put back)', { ...STAMP, ctimeMs: STAMP.ctimeMs + 1 }],
    ['another inode (the file replaced by a rename)', { ...STAMP, ino: STAMP.ino + 1 }],
  ])('misses on %s', async (_, stamp) => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    expect(load().get('a.yaml', stamp)).toBeUndefined();
  });

  it('misses a file never cached, and another key with the same stamp', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    const cache = load();
    expect(cache.get('b.yaml', STAMP)).toBeUndefined();
    expect(cache.get('A.yaml', STAMP)).toBeUndefined();
  });

  it('keeps caches of different names apart', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] }, 'banks.json');
    expect(load('sessions.json').get('a.yaml', STAMP)).toBeUndefined();
    expect(load('banks.json').get('a.yaml', STAMP)).toEqual(SUMMARY);
  });
});

describe('StatCache.load throws away what it cannot trust', () => {
  it.each([
    ['a value of the wrong shape', { ...STAMP, value: { answers: '3', loop: 'knowledge' } }],
    ['a null value', { ...STAMP, value: null }],
    ['no value', { ...STAMP }],
    ['no size', { mtimeMs: STAMP.mtimeMs, value: SUMMARY }],
    ['a size as text', { ...STAMP, size: '120', value: SUMMARY }],
    ['no mtime', { size: STAMP.size, value: SUMMARY }],
    ['an mtime as text', { ...STAMP, mtimeMs: String(STAMP.mtimeMs), value: SUMMARY }],
    [
      'no ctime (a stamp of the format before)',
      { size: STAMP.size, mtimeMs: STAMP.mtimeMs, ino: STAMP.ino, value: SUMMARY },
    ],
    ['no inode', { size: STAMP.size, mtimeMs: STAMP.mtimeMs, ctimeMs: STAMP.ctimeMs, value: SUMMARY }],
    ['an entry that is not an object', 42],
    ['a null entry', null],
  ])('drops an entry with %s and keeps the good ones', async (_, bad) => {
    await saved({ 'good.yaml': [STAMP, SUMMARY] });
    rewrite({ 'good.yaml': { ...STAMP, value: SUMMARY }, 'bad.yaml': bad });
    const cache = load();
    expect(cache.get('bad.yaml', STAMP)).toBeUndefined();
    expect(cache.get('good.yaml', STAMP)).toEqual(SUMMARY);
  });

  it.each([
    ['the next format number', (n: number) => n + 1],
    ['the previous format number', (n: number) => n - 1],
    ['the format number as text', (n: number) => String(n)],
    ['no format number', () => null],
  ])('starts empty on %s', async (_, format) => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    const written = readCache().format;
    expect(typeof written).toBe('number');
    rewrite(readCache().entries, format(written as number));
    expect(load().get('a.yaml', STAMP)).toBeUndefined();
  });

  it.each([
    ['a format line cut short', (format: unknown) => `{"format": ${format}`],
    ['an empty file', () => ''],
    ['a format line alone, with no line end', (format: unknown) => `{"format":${format}}`],
    ['JSON null', () => 'null\n'],
    ['a JSON list', () => '[1, 2]\n'],
    [
      'the whole cache as one JSON object (the format before lines)',
      (format: unknown) =>
        `${JSON.stringify({ format, entries: { 'a.yaml': { ...STAMP, value: SUMMARY } } })}\n`,
    ],
  ])('starts empty on %s, and the next save replaces it', async (_, text) => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    writeFileSync(cacheFile(), text(readCache().format));
    const cache = load();
    expect(cache.get('a.yaml', STAMP)).toBeUndefined();
    cache.set('a.yaml', STAMP, SUMMARY);
    await cache.save();
    expect(load().get('a.yaml', STAMP)).toEqual(SUMMARY);
  });

  it.each([
    ['an entry cut short', (good: string) => `${good}"b.yaml"\t{"size":120,"mtimeMs"`],
    [
      'a line with no tab',
      (good: string) => `${good}"b.yaml" ${JSON.stringify({ ...STAMP, value: SUMMARY })}\n`,
    ],
    [
      'a key that is not JSON',
      (good: string) => `${good}b.yaml\t${JSON.stringify({ ...STAMP, value: SUMMARY })}\n`,
    ],
    [
      'a key that is not text',
      (good: string) => `${good}7\t${JSON.stringify({ ...STAMP, value: SUMMARY })}\n`,
    ],
    ['an empty line', (good: string) => `${good}\n`],
  ])('drops %s and keeps the lines around it', async (_, spoil) => {
    await saved({ 'a.yaml': [STAMP, SUMMARY], 'c.yaml': [STAMP, SUMMARY] });
    const [header, a, c] = readFileSync(cacheFile(), 'utf8').split('\n');
    writeFileSync(cacheFile(), `${spoil(`${header}\n${a}\n`)}\n${c}\n`);
    const cache = load();
    expect(cache.get('b.yaml', STAMP)).toBeUndefined();
    expect(cache.get('a.yaml', STAMP)).toEqual(SUMMARY);
    expect(cache.get('c.yaml', STAMP)).toEqual(SUMMARY);
  });

  it('starts empty when there is no cache yet', () => {
    expect(load().get('a.yaml', STAMP)).toBeUndefined();
  });
});

describe('StatCache.save', () => {
  it('writes nothing, not even the folder, when nothing was set or dropped', async () => {
    const cache = load();
    cache.get('a.yaml', STAMP);
    await cache.save();
    expect(existsSync(join(home, '.cache'))).toBe(false);
  });

  it('does not rewrite the file when every entry was read back unchanged', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY], 'b.yaml': [STAMP, SUMMARY] });
    const cache = load();
    expect(cache.get('a.yaml', STAMP)).toEqual(SUMMARY);
    expect(cache.get('b.yaml', STAMP)).toEqual(SUMMARY);
    // A marker only a write would remove.
    const marker = `${readFileSync(cacheFile(), 'utf8')}\n`;
    writeFileSync(cacheFile(), marker);
    await cache.save();
    expect(readFileSync(cacheFile(), 'utf8')).toBe(marker);
  });

  it('writes when a value was set, replacing a stale one', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    const cache = load();
    const changed = { ...STAMP, size: 200 };
    expect(cache.get('a.yaml', changed)).toBeUndefined();
    cache.set('a.yaml', changed, { answers: 5, loop: 'options' });
    await cache.save();
    const again = load();
    expect(again.get('a.yaml', changed)).toEqual({ answers: 5, loop: 'options' });
    expect(again.get('a.yaml', STAMP)).toBeUndefined();
  });

  it('without keepUnseen drops the entries not looked at (files that are gone)', async () => {
    await saved({ 'kept.yaml': [STAMP, SUMMARY], 'gone.yaml': [STAMP, SUMMARY] });
    const cache = load();
    cache.get('kept.yaml', STAMP);
    await cache.save();
    expect(Object.keys(readCache().entries)).toEqual(['kept.yaml']);
    const again = load();
    expect(again.get('gone.yaml', STAMP)).toBeUndefined();
    expect(again.get('kept.yaml', STAMP)).toEqual(SUMMARY);
  });

  it('without keepUnseen drops an entry whose file changed and was not set again', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    const cache = load();
    expect(cache.get('a.yaml', { ...STAMP, size: 1 })).toBeUndefined();
    await cache.save();
    expect(readCache().entries).toEqual({});
  });

  it('with keepUnseen keeps the entries not looked at, next to new ones', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY], 'b.yaml': [STAMP, SUMMARY] });
    const cache = load();
    cache.set('c.yaml', STAMP, { answers: 1, loop: 'results' });
    await cache.save({ keepUnseen: true });
    const again = load();
    expect(again.get('a.yaml', STAMP)).toEqual(SUMMARY);
    expect(again.get('b.yaml', STAMP)).toEqual(SUMMARY);
    expect(again.get('c.yaml', STAMP)).toEqual({ answers: 1, loop: 'results' });
  });

  it('with keepUnseen drops a line not looked at that is not a good entry', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    const bad = '"zz.yaml"\t{not json}\n';
    writeFileSync(cacheFile(), `${readFileSync(cacheFile(), 'utf8')}${bad}`);
    const cache = load();
    cache.set('c.yaml', STAMP, SUMMARY);
    await cache.save({ keepUnseen: true });
    expect(Object.keys(readCache().entries).sort()).toEqual(['a.yaml', 'c.yaml']);
  });

  it('with keepUnseen and nothing new does not rewrite the file', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY], 'b.yaml': [STAMP, SUMMARY] });
    const cache = load();
    cache.get('a.yaml', STAMP);
    const marker = `${readFileSync(cacheFile(), 'utf8')}\n`;
    writeFileSync(cacheFile(), marker);
    await cache.save({ keepUnseen: true });
    expect(readFileSync(cacheFile(), 'utf8')).toBe(marker);
  });

  it('writes a .gitignore that keeps the whole .cache folder out of git', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    expect(readFileSync(join(home, '.cache', '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('puts a nested cache in its subfolder, with the .gitignore at the top of .cache', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] }, 'accounts/acme.json');
    expect(existsSync(cacheFile('accounts/acme.json'))).toBe(true);
    expect(readFileSync(join(home, '.cache', '.gitignore'), 'utf8')).toBe('*\n');
    expect(existsSync(join(home, '.cache', 'accounts', '.gitignore'))).toBe(false);
    expect(load('accounts/acme.json').get('a.yaml', STAMP)).toEqual(SUMMARY);
  });

  it('leaves a .gitignore the user wrote alone', async () => {
    mkdirSync(join(home, '.cache'));
    writeFileSync(join(home, '.cache', '.gitignore'), '# mine\n*.json\n');
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    expect(readFileSync(join(home, '.cache', '.gitignore'), 'utf8')).toBe('# mine\n*.json\n');
    expect(load().get('a.yaml', STAMP)).toEqual(SUMMARY);
  });

  it('leaves no temporary files behind', async () => {
    await saved({ 'a.yaml': [STAMP, SUMMARY] });
    const cache = load();
    cache.set('b.yaml', STAMP, SUMMARY);
    await cache.save();
    expect(readdirSync(join(home, '.cache')).sort()).toEqual(['.gitignore', 'sessions.json']);
  });
});

describe('a data folder that cannot be written to still works', () => {
  it('does not throw when the home is under a regular file (mkdir fails)', async () => {
    const file = join(home, 'not-a-folder');
    writeFileSync(file, 'x');
    const blocked = join(file, 'home');
    const cache = StatCache.load(blocked, 'sessions.json', isSummary);
    expect(cache.get('a.yaml', STAMP)).toBeUndefined();
    cache.set('a.yaml', STAMP, SUMMARY);
    await expect(cache.save()).resolves.toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('does not throw when .cache is a file', async () => {
    writeFileSync(join(home, '.cache'), 'x');
    const cache = load();
    cache.set('a.yaml', STAMP, SUMMARY);
    await expect(cache.save()).resolves.toBeUndefined();
    expect(readFileSync(join(home, '.cache'), 'utf8')).toBe('x');
  });

  it('does not throw when the cache file is a folder, and reads it as empty', async () => {
    mkdirSync(cacheFile(), { recursive: true });
    const cache = load();
    expect(cache.get('a.yaml', STAMP)).toBeUndefined();
    cache.set('a.yaml', STAMP, SUMMARY);
    await expect(cache.save()).resolves.toBeUndefined();
  });
});

describe('any key and value', () => {
  const pairs = fc.uniqueArray(
    fc.tuple(
      fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'a\tb', 'a\nb', '"', '\\', '')),
      fc.record({ answers: fc.integer(), loop: fc.string({ unit: 'binary' }) }),
    ),
    { selector: ([key]) => key, maxLength: 12 },
  );

  it('gives back every value saved, under its key, and no other', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async (saved) => {
        rmSync(join(home, '.cache'), { recursive: true, force: true });
        const cache = load();
        for (const [key, value] of saved) cache.set(key, STAMP, value);
        await cache.save();
        const again = load();
        for (const [key, value] of saved) expect(again.get(key, STAMP)).toEqual(value);
        expect(again.get('never saved', STAMP)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the entries not looked at as they were written, next to a new one', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async (saved) => {
        rmSync(join(home, '.cache'), { recursive: true, force: true });
        const first = load();
        for (const [key, value] of saved) first.set(`old ${key}`, STAMP, value);
        await first.save();
        const written = saved.length > 0 ? readFileSync(cacheFile(), 'utf8').split('\n').slice(1, -1) : [];
        const cache = load();
        cache.set('new', STAMP, SUMMARY);
        await cache.save({ keepUnseen: true });
        const lines = readFileSync(cacheFile(), 'utf8').split('\n');
        for (const line of written) expect(lines).toContain(line);
        const { entries } = readCacheFile(cacheFile());
        expect(Object.keys(entries).sort()).toEqual([...saved.map(([key]) => `old ${key}`), 'new'].sort());
        for (const [key, value] of saved) expect(load().get(`old ${key}`, STAMP)).toEqual(value);
      }),
      { numRuns: 40 },
    );
  });
});
