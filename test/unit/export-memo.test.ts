// The export memo (store/export-memo.ts), in shards of about 32 accounts: an export --all with nothing
// changed reads no account and writes nothing (no note, no manifest, no memo shard); a changed account
// is read again and only its shard is written; shards of another count and the one-file memo of
// earlier releases are removed; a corrupt or hand-edited shard is never trusted; only the memos of the
// export folders used last are kept. "Read" is seen from
// outside: reading an account writes its session cache (.cache/accounts/<slug>.json), so once that
// folder is removed it stays absent while no account is read.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ExportOptions, exportNotes } from '../../src/commands/export.js';
import type { Session } from '../../src/model/session.js';
import { manifestReads } from '../../src/store/export-manifest.js';
import { KEPT_MEMOS } from '../../src/store/export-memo.js';
import { accountDir, sessionPathIn } from '../../src/store/paths.js';
import { serializeSession } from '../../src/store/session-file.js';
import { accountSlug } from '../../src/store/slug.js';
import { output } from '../../src/ui/output.js';
import { readCacheFile, writeCacheFile } from '../cache-files.js';
import { sessionFixture } from '../helpers.js';

/** More than one shard's worth (about 32 accounts a shard), fewer than start worker threads. */
const ACCOUNTS = 40;

function writeSession(home: string, n: number, s: number): void {
  const name = `Account ${n}`;
  const dir = accountDir(home, name);
  mkdirSync(dir, { recursive: true });
  const session: Session = sessionFixture(`n${n}s${s}`, 'knowledge', String(10 + s), {
    account: name,
    entries: [
      { question: 'q', ask: 'Ask?', type: 'text', answer: `answer ${n}`, at: '2026-03-01T10:05:00.000Z' },
    ],
  });
  writeFileSync(sessionPathIn(dir, session.id), serializeSession(session));
}

let home: string;
let out: string;
let report: string[];
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-export-memo-'));
  out = join(home, 'notes');
  for (let n = 0; n < ACCOUNTS; n++) writeSession(home, n, 0);
  report = [];
  vi.spyOn(output, 'out').mockImplementation((line) => void report.push(line));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const exportAll = (more: Partial<ExportOptions> = {}) =>
  exportNotes({
    home,
    cwd: home,
    accounts: [],
    all: true,
    format: 'md',
    out,
    per: 'account',
    force: false,
    quiet: false,
    diagram: false,
    stamp: false,
    ...more,
  });

const said = () => report.at(-1) ?? '';
const cache = (...parts: string[]) => join(home, '.cache', ...parts);

/** The accounts read since the session caches were last removed, by folder name. */
function read(): string[] {
  const dir = cache('accounts');
  return existsSync(dir) ? readdirSync(dir).map((f) => f.replace(/\.json$/, '')) : [];
}

/** What a memo keeps of the export folder's manifest as its last whole export left it. */
const AS_LEFT = 'manifest-as-left.json';

/** Every memo shard, relative to .cache/exports, with the stamp of its file (changes when rewritten). */
function shards(): Map<string, string> {
  const root = cache('exports');
  const found = new Map<string, string>();
  if (!existsSync(root)) return found;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === AS_LEFT) continue;
    const path = join(entry.parentPath, entry.name);
    const s = statSync(path);
    found.set(relative(root, path), `${s.ino}:${s.mtimeMs}:${s.ctimeMs}`);
  }
  return found;
}

/** Every file of the export folder (the manifest included) with its stamp. */
function notes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of readdirSync(out)) {
    const s = statSync(join(out, name));
    found.set(name, `${s.ino}:${s.mtimeMs}:${s.ctimeMs}`);
  }
  return found;
}

describe('the export memo, in shards', () => {
  it('a second export with nothing changed reads no account and writes nothing', async () => {
    await exportAll();
    expect(said()).toMatch(`${ACCOUNTS} added, 0 updated, 0 unchanged, 0 skipped.`);
    const memo = shards();
    // Two shards of this export folder and options, and nothing else.
    expect([...memo.keys()].map((s) => s.split('/').slice(1).join('/')).sort()).toEqual([
      '2/0.json',
      '2/1.json',
    ]);
    const written = notes();
    rmSync(cache('accounts'), { recursive: true, force: true });

    await exportAll();
    expect(said()).toMatch(`0 added, 0 updated, ${ACCOUNTS} unchanged, 0 skipped.`);
    expect(read()).toEqual([]);
    expect(shards()).toEqual(memo);
    expect(notes()).toEqual(written);
  });

  it('a changed account is read again, and only its shard is written', async () => {
    await exportAll();
    const memo = shards();
    rmSync(cache('accounts'), { recursive: true, force: true });
    writeSession(home, 7, 1);

    await exportAll();
    expect(said()).toMatch('0 added, 1 updated, 39 unchanged, 0 skipped.');
    expect(read()).toEqual([accountSlug('Account 7')]);
    const now = shards();
    const rewritten = [...now].filter(([path, stamp]) => memo.get(path) !== stamp);
    expect(rewritten).toHaveLength(1);

    rmSync(cache('accounts'), { recursive: true, force: true });
    await exportAll();
    expect(read()).toEqual([]);
    expect(shards()).toEqual(now);
  });

  it('removes shards of another count and the one-file memo of earlier releases', async () => {
    await exportAll();
    const [first] = [...shards().keys()];
    const key = first?.split('/')[0] ?? '';
    mkdirSync(cache('exports', key, '8'), { recursive: true });
    writeFileSync(cache('exports', key, '8', '0.json'), '{}');
    writeFileSync(cache('exports.json'), '{}');
    rmSync(cache('accounts'), { recursive: true, force: true });

    await exportAll();
    expect(said()).toMatch(`0 added, 0 updated, ${ACCOUNTS} unchanged, 0 skipped.`);
    expect(read()).toEqual([]);
    expect(existsSync(cache('exports', key, '8'))).toBe(false);
    expect(existsSync(cache('exports.json'))).toBe(false);
  });

  it('never trusts a corrupt or hand-edited shard: its accounts are read again and it is rebuilt', async () => {
    await exportAll();
    const [corrupt, edited] = [...shards().keys()].sort();
    if (!corrupt || !edited) throw new Error('two shards expected');
    writeFileSync(cache('exports', corrupt), readFileSync(cache('exports', corrupt), 'utf8').slice(0, 40));
    const data = readCacheFile(cache('exports', edited));
    const entries = data.entries as Record<string, { value: { fingerprint: string } }>;
    const [slug] = Object.keys(entries);
    const entry = slug === undefined ? undefined : entries[slug];
    if (!slug || !entry) throw new Error('an entry expected');
    entry.value.fingerprint = 'hand-edited';
    writeCacheFile(cache('exports', edited), data);
    rmSync(cache('accounts'), { recursive: true, force: true });

    await exportAll();
    expect(said()).toMatch(`0 added, 0 updated, ${ACCOUNTS} unchanged, 0 skipped.`);
    const inCorrupt = ACCOUNTS - Object.keys(data.entries).length;
    expect(read()).toContain(slug);
    expect(read()).toHaveLength(inCorrupt + 1);
    // Both rebuilt: the next export reads nothing.
    expect(() => readCacheFile(cache('exports', corrupt))).not.toThrow();
    rmSync(cache('accounts'), { recursive: true, force: true });
    await exportAll();
    expect(read()).toEqual([]);
  });

  it('keeps a memo per export folder and options', async () => {
    await exportAll();
    await exportAll({ per: 'session', out: join(home, 'sessions') });
    rmSync(cache('accounts'), { recursive: true, force: true });
    await exportAll();
    await exportAll({ per: 'session', out: join(home, 'sessions') });
    expect(said()).toMatch(/ 0 added, 0 updated, \d+ unchanged, 0 skipped\./);
    expect(read()).toEqual([]);
    // A different option is another memo: everything is read for it.
    await exportAll({ diagram: true });
    expect(read()).toHaveLength(ACCOUNTS);
  });

  it('does not read the manifest when it is as the last whole export left it', async () => {
    await exportAll();
    manifestReads.count = 0;
    await exportAll();
    expect(said()).toMatch(`0 added, 0 updated, ${ACCOUNTS} unchanged, 0 skipped.`);
    expect(manifestReads.count).toBe(0);
  });

  it('reads a manifest changed since, and names again a note it lost that is as journey writes it', async () => {
    await exportAll();
    const path = join(out, '.journey-export.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, string> };
    const [dropped] = Object.keys(manifest.files).sort();
    if (!dropped) throw new Error('a note expected');
    delete manifest.files[dropped];
    writeFileSync(path, JSON.stringify(manifest));
    manifestReads.count = 0;
    await exportAll();
    expect(manifestReads.count).toBe(1);
    // Its account is made again: the note is as journey writes it, so it is journey's once more.
    expect(said()).toMatch(`0 added, 0 updated, ${ACCOUNTS} unchanged, 0 skipped.`);
    const again = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(again.files)).toContain(dropped);
  });

  it('reads the manifest after an export with other options into the same folder', async () => {
    await exportAll();
    await exportAll({ format: 'json' });
    manifestReads.count = 0;
    await exportAll();
    expect(manifestReads.count).toBe(1);
    expect(said()).toMatch(`0 added, 0 updated, ${ACCOUNTS} unchanged, 0 skipped.`);
    manifestReads.count = 0;
    await exportAll();
    expect(manifestReads.count).toBe(0);
  });

  it('never drops the memo in use, whatever times the others carry (a clock set back)', async () => {
    await exportAll();
    const [mine] = readdirSync(cache('exports'));
    const ahead = Date.now() / 1000 + 400 * 24 * 3600;
    for (let i = 0; i < KEPT_MEMOS; i++) {
      mkdirSync(cache('exports', `ahead${i}`, '1'), { recursive: true });
      utimesSync(cache('exports', `ahead${i}`), ahead, ahead);
    }
    rmSync(cache('accounts'), { recursive: true, force: true });
    await exportAll();
    expect(read()).toEqual([]);
    expect(readdirSync(cache('exports'))).toContain(mine);
    expect(readdirSync(cache('exports'))).toHaveLength(KEPT_MEMOS);
  });

  it('keeps the memos of the export folders used last, and drops the oldest', async () => {
    await exportAll();
    const memos = () => readdirSync(cache('exports')).sort();
    const [mine] = memos();
    const past = Date.now() / 1000 - 10_000;
    utimesSync(cache('exports', mine as string), past, past);
    // Folders exported into since, all of them more recently than `out`.
    for (let i = 0; i < KEPT_MEMOS; i++) {
      mkdirSync(cache('exports', `other${i}`, '1'), { recursive: true });
      utimesSync(cache('exports', `other${i}`), past + 100 + i, past + 100 + i);
    }
    await exportAll({ out: join(home, 'this-week') });
    const kept = memos();
    expect(kept).toHaveLength(KEPT_MEMOS);
    expect(kept).not.toContain(mine);
    expect(kept).not.toContain('other0');
    // The folder whose memo went is exported in full again, its notes as before, and remembered.
    rmSync(cache('accounts'), { recursive: true, force: true });
    await exportAll();
    expect(read()).toHaveLength(ACCOUNTS);
    expect(said()).toMatch(/ 0 added, 0 updated, \d+ unchanged, 0 skipped\./);
    expect(memos()).toContain(mine);
    rmSync(cache('accounts'), { recursive: true, force: true });
    await exportAll();
    expect(read()).toEqual([]);
  });
});
