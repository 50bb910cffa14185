// Fault isolation in the data folder, at the store: every entry is read on its own, anything that is
// not a readable session file is one problem line naming it, and every other session still loads.
// Caches are checked in full when loaded, and a file edited with its mtime put back is read again.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
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
import type { Session } from '../../src/model/session.js';
import { loadAllAccounts } from '../../src/store/load-account.js';
import { readRecords, writeFlagResolution, writeRecord } from '../../src/store/records.js';
import { serializeSession } from '../../src/store/session-file.js';
import { readSummaries } from '../../src/store/session-index.js';
import { createSessionFile, readAccount } from '../../src/store/sessions.js';
import { readCacheFile, writeCacheFile } from '../cache-files.js';
import { sessionFixture } from '../helpers.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'journey-faults-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const acme = (extra: Partial<Session> = {}) => sessionFixture('aaa1111', 'knowledge', '01', extra);
const globex = () => sessionFixture('bbb2222', 'knowledge', '02', { account: 'Globex' });
const acmeDir = () => join(home, 'accounts', 'acmeinc');

async function twoAccounts(): Promise<void> {
  await createSessionFile(home, acme());
  await createSessionFile(home, globex());
}

/** Each hostile entry, planted in Acme's folder: what the problem line must say about it. */
const HOSTILE: [string, () => void, RegExp][] = [
  [
    'a folder named like a session file',
    () => mkdirSync(join(acmeDir(), 'x.yaml')),
    /x\.yaml: is a folder, not a session file; /,
  ],
  [
    'a FIFO',
    () => execFileSync('mkfifo', [join(acmeDir(), 'x.yaml')]),
    /x\.yaml: is a FIFO \(named pipe\), not a session file; /,
  ],
  [
    'a symbolic link to a session file elsewhere',
    () => {
      writeFileSync(
        join(home, 'outside.yaml'),
        serializeSession(acme({ id: '20260303T100000Z-knowledge-zzz9999' })),
      );
      symlinkSync(join(home, 'outside.yaml'), join(acmeDir(), 'x.yaml'));
    },
    /x\.yaml: is a symbolic link, and journey never follows links inside its data folder; /,
  ],
  [
    'a dangling link',
    () => symlinkSync('/nowhere/at/all', join(acmeDir(), 'x.yaml')),
    /x\.yaml: is a symbolic link/,
  ],
  [
    'a file over the 8 MiB cap',
    () => writeFileSync(join(acmeDir(), 'x.yaml'), Buffer.alloc(8 * 1024 * 1024 + 1, 0x61)),
    /x\.yaml: is 8\.0 MiB, larger than any session file journey writes \(8 MiB\); move it out/,
  ],
  [
    'a copy of a session (a sync tool\'s "conflicted copy")',
    () => writeFileSync(join(acmeDir(), 'x.yaml'), serializeSession(acme())),
    /x\.yaml: holds session 20260301T100000Z-knowledge-aaa1111, which 20260301T100000Z-knowledge-aaa1111\.yaml holds too .*conflicted copy/,
  ],
];

describe('one bad entry in an account folder', () => {
  it.each(HOSTILE)('%s: is reported once, and every session is still read', async (_, plant, says) => {
    await twoAccounts();
    await readSummaries(home); // warm caches first: a cache must not hide the entry either
    plant();
    for (const folders of [await readSummaries(home), await readSummaries(home)]) {
      const problems = folders.flatMap((f) => f.problems);
      expect(problems).toEqual([expect.stringMatching(says)]);
      expect(folders.flatMap((f) => f.sessions.map((s) => s.account)).sort()).toEqual([
        'Acme, Inc.',
        'Globex',
      ]);
    }
    const all = await loadAllAccounts(home);
    expect(all.flatMap((a) => a.problems)).toEqual([expect.stringMatching(says)]);
    expect(all.map((a) => [a.name, a.sessions.length])).toEqual([
      ['Acme, Inc.', 1],
      ['Globex', 1],
    ]);
    const one = await readAccount(home, 'acme inc');
    expect(one.sessions.map((s) => s.id)).toEqual([acme().id]);
    expect(one.problems).toEqual([expect.stringMatching(says)]);
  });

  it('a file named after its id wins over its copy, whichever sorts first', async () => {
    await createSessionFile(home, acme());
    writeFileSync(join(acmeDir(), '0-copy.yaml'), serializeSession(acme({ contact: 'From the copy' })));
    const [folder] = await readSummaries(home);
    expect(folder?.sessions).toHaveLength(1);
    expect(folder?.sessions[0]?.contact).toBeNull();
    const { files } = await readAccount(home, 'Acme, Inc.');
    expect(files.get(acme().id)).toBe(join(acmeDir(), `${acme().id}.yaml`));
  });
});

describe('entries of accounts/ that are not account folders', () => {
  it.each([
    [
      'a regular file',
      () => writeFileSync(join(home, 'accounts', 'notes.txt'), 'x'),
      /notes\.txt: is a file, not an account folder; move it out of accounts\//,
    ],
    [
      'a link to a folder',
      () => symlinkSync(home, join(home, 'accounts', 'elsewhere')),
      /elsewhere: is a symbolic link/,
    ],
    ['a FIFO', () => execFileSync('mkfifo', [join(home, 'accounts', 'pipe')]), /pipe: is a FIFO/],
  ])('%s: is reported once, and every account is still listed', async (_, plant, says) => {
    await twoAccounts();
    plant();
    writeFileSync(join(home, 'accounts', '.DS_Store'), 'hidden files are not accounts');
    const folders = await readSummaries(home);
    expect(folders.flatMap((f) => f.problems)).toEqual([expect.stringMatching(says)]);
    expect(folders.flatMap((f) => f.sessions).map((s) => s.account)).toEqual(['Acme, Inc.', 'Globex']);
    const all = await loadAllAccounts(home);
    expect(all.flatMap((a) => a.problems)).toEqual([expect.stringMatching(says)]);
    expect(all.filter((a) => a.sessions.length > 0).map((a) => a.name)).toEqual(['Acme, Inc.', 'Globex']);
  });

  it('an account path that is a regular file: a clear problem, and start says what to do', async () => {
    mkdirSync(join(home, 'accounts'));
    writeFileSync(acmeDir(), 'not a folder');
    const one = await readAccount(home, 'Acme, Inc.');
    expect(one.problems).toEqual([
      expect.stringMatching(/acmeinc: is a file, not an account folder; move it out of accounts\//),
    ]);
    await expect(createSessionFile(home, acme())).rejects.toThrow(
      /acmeinc: is a file, not an account folder; move it away so journey can keep "Acme, Inc\." there/,
    );
  });
});

describe('records', () => {
  it('reads each record on its own: a bad one is reported, the others count', async () => {
    await createSessionFile(home, acme());
    await writeRecord(
      home,
      {
        format: 1,
        kind: 'won',
        account: 'Acme, Inc.',
        on: '2026-03-02',
        every: '30d',
        at: '2026-03-02T10:00:00.000Z',
      },
      new Date(),
    );
    const records = join(acmeDir(), 'records');
    mkdirSync(join(records, 'dir.yaml'));
    execFileSync('mkfifo', [join(records, 'fifo.yaml')]);
    writeFileSync(join(records, 'big.yaml'), Buffer.alloc(65 * 1024, 0x61));
    writeFileSync(
      join(records, 'bad-date.yaml'),
      'format: 1\nkind: won\naccount: Acme, Inc.\non: 2026-02-30\nevery: 30d\nat: 2026-03-02T10:00:00.000Z\n',
    );
    writeFileSync(
      join(records, 'year-zero.yaml'),
      'format: 1\nkind: lost\naccount: Acme, Inc.\non: 0000-01-01\nat: 2026-03-02T10:00:00.000Z\n',
    );
    const read = await readRecords(home, 'Acme, Inc.');
    expect(read.records.map((r) => r.kind)).toEqual(['won']);
    expect(read.problems.sort()).toEqual([
      expect.stringMatching(/bad-date\.yaml:4:5: error: not a valid record: 2026-02-30 is not a real date/),
      expect.stringMatching(/big\.yaml: is 65 KiB, larger than any record journey writes \(64 KiB\)/),
      expect.stringMatching(/dir\.yaml: is a folder, not a record/),
      expect.stringMatching(/fifo\.yaml: is a FIFO/),
      expect.stringMatching(
        /year-zero\.yaml:4:5: error: not a valid record: 0000-01-01 is not (a real date|between 1900 and 2199)/,
      ),
    ]);
  });

  it('a records folder that is a link is reported, not followed', async () => {
    await createSessionFile(home, acme());
    mkdirSync(join(home, 'elsewhere'));
    symlinkSync(join(home, 'elsewhere'), join(acmeDir(), 'records'));
    const read = await readRecords(home, 'Acme, Inc.');
    expect(read).toEqual({ records: [], problems: [expect.stringMatching(/records: is a symbolic link/)] });
  });

  it('writes one resolution per flag, whoever comes second is told', async () => {
    await createSessionFile(home, acme());
    const record = {
      format: 1,
      kind: 'flag_resolved',
      account: 'Acme, Inc.',
      flag: 'aaa1111-1',
      at: new Date().toISOString(),
    } as const;
    const [a, b] = await Promise.all([writeFlagResolution(home, record), writeFlagResolution(home, record)]);
    expect([a.written, b.written].sort()).toEqual([false, true]);
    expect((await readRecords(home, 'Acme, Inc.')).records).toHaveLength(1);
  });

  it('refuses to write a record larger than a record may be, writing nothing', async () => {
    await createSessionFile(home, acme());
    const record = {
      format: 1,
      kind: 'lost',
      account: 'Acme, Inc.',
      on: '2026-03-02',
      reason: 'x'.repeat(70_000),
      at: new Date().toISOString(),
    } as const;
    await expect(writeRecord(home, record, new Date())).rejects.toThrow(
      /the record would be 69 KiB, more than a record may hold \(64 KiB\); nothing was written/,
    );
    expect((await readRecords(home, 'Acme, Inc.')).records).toEqual([]);
  });
});

describe('the size of what journey writes', () => {
  it('refuses a session over what the reader reads back, and reads back whatever it wrote (property over sizes)', async () => {
    const entry = { question: 'q', ask: 'Q?', type: 'text' as const, at: '2026-03-01T10:00:00.000Z' };
    for (const mib of [0.5, 1.5, 3, 9]) {
      const answer = 'x'.repeat(20_000);
      const count = Math.ceil((mib * 1024 * 1024) / answer.length);
      const big = acme({
        entries: Array.from({ length: count }, (_, i) => ({ ...entry, question: `q${i}`, answer })),
      });
      const written = await createSessionFile(home, big).then(
        () => true,
        (e: Error) => {
          expect(e.message).toMatch(
            /the session with this answer would be .* MiB, more than a session file may hold \((1|8) MiB\); nothing was written/,
          );
          return false;
        },
      );
      if (mib > 8) expect(written).toBe(false);
      const read = await readAccount(home, 'Acme, Inc.');
      if (written) {
        expect(read.problems).toEqual([]);
        expect(read.sessions[0]?.entries).toHaveLength(count);
      }
      rmSync(acmeDir(), { recursive: true, force: true });
    }
  });
});

describe('caches', () => {
  /** Replaces every cached value in a cache file by `poison`, keeping its format number and stamps. */
  function poison(name: string, poisoned: (value: unknown) => unknown): void {
    const file = join(home, '.cache', name);
    const data = readCacheFile(file);
    for (const entry of Object.values(data.entries) as { value: unknown }[])
      entry.value = poisoned(entry.value);
    writeCacheFile(file, data);
  }

  it.each([
    [
      'a summary without its bank',
      (v: unknown) => ({ summary: { ...(v as { summary: object }).summary, bank: null } }),
    ],
    [
      'a summary with a count as text',
      (v: unknown) => ({ summary: { ...(v as { summary: object }).summary, answered: '3' } }),
    ],
    [
      'a summary with an unknown loop',
      (v: unknown) => ({ summary: { ...(v as { summary: object }).summary, loop: 'pricing' } }),
    ],
    ['a problem that is not text', () => ({ problem: 42 })],
    ['a value with extra keys', (v: unknown) => ({ ...(v as object), problem: 'x' })],
  ])('a listing cache of the right format but %s is rebuilt, never trusted', async (_, poisoned) => {
    await twoAccounts();
    const cold = await readSummaries(home);
    poison('sessions-index.json', poisoned);
    expect(await readSummaries(home)).toEqual(cold);
  });

  it.each([
    ['names that climb out of the folder', () => ({ names: ['../../../etc/passwd.yaml'], records: false })],
    ['names that are not text', () => ({ names: [7], records: false })],
    ['no records flag', () => ({ names: [] })],
  ])('a folder listing cache with %s is rebuilt', async (_, poisoned) => {
    await twoAccounts();
    const cold = await readSummaries(home);
    poison('folders.json', poisoned);
    expect(await readSummaries(home)).toEqual(cold);
  });

  it.each([
    [
      'entries that are not a list',
      (v: unknown) => ({ session: { ...(v as { session: object }).session, entries: 'none' } }),
    ],
    [
      'an entry of the wrong shape',
      (v: unknown) => ({ session: { ...(v as { session: object }).session, entries: [{}] } }),
    ],
    ['no bank', (v: unknown) => ({ session: { ...(v as { session: object }).session, bank: undefined } })],
    [
      'a flag without evidence',
      (v: unknown) => ({ session: { ...(v as { session: object }).session, flags: [{ id: 'a-1' }] } }),
    ],
  ])('a session cache of the right format but %s is rebuilt', async (_, poisoned) => {
    await twoAccounts();
    const cold = await loadAllAccounts(home);
    poison('accounts/acmeinc.json', poisoned);
    expect(await loadAllAccounts(home)).toEqual(cold);
  });

  it('reads a file edited with its size and mtime put back (the ctime moves)', async () => {
    await createSessionFile(home, acme({ contact: 'Dana Ruiz' }));
    const file = join(acmeDir(), `${acme().id}.yaml`);
    expect((await readSummaries(home))[0]?.sessions[0]?.contact).toBe('Dana Ruiz');
    expect((await readAccount(home, 'Acme, Inc.')).sessions[0]?.contact).toBe('Dana Ruiz');
    const before = statSync(file);
    const times = join(home, 'times');
    writeFileSync(times, '');
    execFileSync('touch', ['-r', file, times]);
    // Same length, same mtime (to the nanosecond): only the ctime, which nobody can set, tells.
    writeFileSync(file, readFileSync(file, 'utf8').replace('Dana Ruiz', 'Omar Khan'));
    execFileSync('touch', ['-r', times, file]);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect((await readSummaries(home))[0]?.sessions[0]?.contact).toBe('Omar Khan');
    expect((await readAccount(home, 'Acme, Inc.')).sessions[0]?.contact).toBe('Omar Khan');
  });
});

describe('permissions (as root, whose reads are never refused, skipped here; the end-to-end suite runs them as nobody)', () => {
  it.skipIf(process.getuid?.() === 0)(
    'an unreadable session file is reported and the others are read',
    async () => {
      await twoAccounts();
      const file = join(acmeDir(), `${acme().id}.yaml`);
      chmodSync(file, 0);
      const folders = await readSummaries(home);
      expect(folders.flatMap((f) => f.problems)).toEqual([
        expect.stringMatching(/cannot be read \(permission denied\)/),
      ]);
      expect(folders.flatMap((f) => f.sessions).map((s) => s.account)).toEqual(['Globex']);
    },
  );
});
