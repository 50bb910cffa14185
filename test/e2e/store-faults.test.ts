// Hostile entries in every folder journey reads, poisoned caches, permission faults and output
// targets, through the built binary: each bad entry is reported once on stderr with its path and
// what to do, every other account and session is handled as usual (listings exit 0, export 1 after
// writing the rest), and no command says "internal error" or hangs.
import { execFileSync, spawn } from 'node:child_process';
import { chmod, lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile } from '../cache-files.js';
import { BIN, FIXTURES, journey, type Run, tempHome } from './run.js';

const KNOWLEDGE = join(FIXTURES, 'answers/knowledge.yaml');
const OPTIONS_SHIFTED = join(FIXTURES, 'scenario/options-shifted.yaml');

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
});
afterEach(async () => {
  await cleanup();
});

// Root reads every file whatever its mode: permission faults run as nobody (who owns the data folder).
const ROOT = process.getuid?.() === 0;
const UNPRIVILEGED = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
let asNobody = false;

function run(args: string[], options: { input?: string } = {}): Promise<Run> {
  if (!asNobody) return journey(['--home', home, ...args], options);
  const [command, ...prefix] = UNPRIVILEGED as [string, ...string[]];
  return new Promise((done, fail) => {
    const child = spawn(command, [...prefix, process.execPath, BIN, '--home', home, ...args], {
      cwd: FIXTURES,
      env: { ...process.env, NO_COLOR: '1', JOURNEY_HOME: '', HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Two accounts: Acme (a customer with open flags) and Globex. */
async function twoAccounts(): Promise<void> {
  for (const args of [
    ['start', 'Acme', '--answers', KNOWLEDGE, '--contact', 'Dana Ruiz'],
    ['start', 'Acme', '--answers', OPTIONS_SHIFTED, '--contact', 'Dana Ruiz'],
    ['won', 'Acme', '--on', '2026-01-05', '--every', '30d'],
    ['start', 'Globex', '--answers', KNOWLEDGE],
  ]) {
    const r = await journey(['--home', home, ...args]);
    expect(r.code, r.stderr).toBe(0);
  }
}

const acme = () => join(home, 'accounts', 'acme');
const mkfifo = ([path]: string[]) => {
  execFileSync('mkfifo', [path as string]);
};
const aSession = async () => join(acme(), (await readdir(acme())).find((n) => n.endsWith('.yaml')) as string);

function healthy(r: Run): void {
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
}

/** The lines of stderr naming a path: each bad entry must be reported once. */
const warningsAbout = (r: Run, path: string) =>
  r.stderr.split('\n').filter((line) => line.startsWith('warning: ') && line.includes(path));

interface Hostile {
  what: string;
  /** The path reported, relative to the data folder. */
  path: string;
  plant: () => Promise<void>;
  says: RegExp;
  /** Whether the entry is in Acme's own folder (so Acme's commands report it too). */
  inAcme: boolean;
}

const HOSTILE: Hostile[] = [
  {
    what: 'a folder named like a session file',
    path: 'accounts/acme/x.yaml',
    plant: () => mkdir(join(acme(), 'x.yaml')),
    says: /is a folder, not a session file/,
    inAcme: true,
  },
  {
    what: 'a FIFO named like a session file',
    path: 'accounts/acme/x.yaml',
    plant: async () => mkfifo([join(acme(), 'x.yaml')]),
    says: /is a FIFO \(named pipe\), not a session file/,
    inAcme: true,
  },
  {
    what: 'a symbolic link to a session file outside the data folder',
    path: 'accounts/acme/x.yaml',
    plant: async () => {
      const outside = join(home, '..', `${home.split('/').pop()}-outside.yaml`);
      await writeFile(outside, await readFile(await aSession(), 'utf8'));
      await symlink(outside, join(acme(), 'x.yaml'));
    },
    says: /is a symbolic link, and journey never follows links inside its data folder/,
    inAcme: true,
  },
  {
    what: 'a session file over the cap',
    path: 'accounts/acme/x.yaml',
    plant: () => writeFile(join(acme(), 'x.yaml'), Buffer.alloc(8 * 1024 * 1024 + 1, 0x23)),
    says: /larger than any session file journey writes \(8 MiB\)/,
    inAcme: true,
  },
  {
    what: 'a conflicted copy of a session',
    path: 'accounts/acme/copy (conflicted copy).yaml',
    plant: async () =>
      writeFile(join(acme(), 'copy (conflicted copy).yaml'), await readFile(await aSession(), 'utf8')),
    says: /holds session \S+, which \S+ holds too/,
    inAcme: true,
  },
  {
    what: 'a folder named like a record',
    path: 'accounts/acme/records/x.yaml',
    plant: () => mkdir(join(acme(), 'records', 'x.yaml')),
    says: /is a folder, not a record/,
    inAcme: true,
  },
  {
    what: 'a record with a date that does not exist',
    path: 'accounts/acme/records/x.yaml',
    plant: () =>
      writeFile(
        join(acme(), 'records', 'x.yaml'),
        'format: 1\nkind: won\naccount: Acme\non: 2026-02-30\nevery: 30d\nat: 2026-01-05T10:00:00.000Z\n',
      ),
    says: /x\.yaml:4:5: error: not a valid record: 2026-02-30 is not a real date/,
    inAcme: true,
  },
  {
    what: 'a regular file in accounts/',
    path: 'accounts/notes.txt',
    plant: () => writeFile(join(home, 'accounts', 'notes.txt'), 'x'),
    says: /is a file, not an account folder; move it out of accounts\//,
    inAcme: false,
  },
  {
    what: 'a symbolic link in accounts/',
    path: 'accounts/elsewhere',
    plant: () => symlink(acme(), join(home, 'accounts', 'elsewhere')),
    says: /is a symbolic link/,
    inAcme: false,
  },
  {
    what: 'a FIFO in accounts/',
    path: 'accounts/pipe',
    plant: async () => mkfifo([join(home, 'accounts', 'pipe')]),
    says: /is a FIFO/,
    inAcme: false,
  },
];

/** Every command that reads the data folder, what it must show, and how it must end. */
const LISTINGS: { args: string[]; shows: RegExp; code: number; reports: (h: Hostile) => boolean }[] = [
  { args: ['accounts'], shows: /Acme[\s\S]*Globex|Globex[\s\S]*Acme/, code: 0, reports: () => true },
  {
    args: ['accounts', '--json'],
    shows: /"name": "Acme"[\s\S]*"name": "Globex"/,
    code: 0,
    reports: () => true,
  },
  {
    args: ['sessions', 'Acme'],
    shows: /knowledge[\s\S]*options/,
    code: 0,
    reports: (h) => h.inAcme && !h.path.includes('records'),
  },
  { args: ['flags', '--all'], shows: /Acme/, code: 0, reports: () => true },
  { args: ['due', '--within', '1y'], shows: /Acme/, code: 0, reports: () => true },
  { args: ['prep', 'Acme'], shows: /Acme/, code: 0, reports: (h) => h.inAcme },
  { args: ['prep', 'Globex'], shows: /Globex/, code: 0, reports: () => false },
  { args: ['export', 'Globex'], shows: /^---\naccount: Globex/, code: 0, reports: () => false },
];

describe('a hostile entry in the data folder', () => {
  it.each(HOSTILE)(
    '$what: reported once by every listing, everything else handled',
    async (hostile) => {
      await twoAccounts();
      await journey(['--home', home, 'accounts']); // warm caches: they must not hide it either
      await hostile.plant();
      const path = join(home, hostile.path);
      for (const listing of LISTINGS) {
        const r = await run(listing.args);
        const what = `${listing.args.join(' ')}: ${r.stderr}`;
        healthy(r);
        expect(r.code, what).toBe(listing.code);
        expect(r.stdout, what).toMatch(listing.shows);
        const warned = warningsAbout(r, path);
        if (listing.reports(hostile)) {
          expect(warned, what).toHaveLength(1);
          expect(warned[0], what).toMatch(hostile.says);
        } else {
          expect(warned, what).toEqual([]);
        }
      }
      // export --all: the partial failure (exit 1), every note written.
      const out = join(home, 'notes');
      const exported = await run(['export', '--all', '--out', out]);
      healthy(exported);
      expect(exported.code).toBe(1);
      expect(warningsAbout(exported, path)).toHaveLength(1);
      expect((await readdir(out)).filter((n) => n.endsWith('.md')).sort()).toEqual(['acme.md', 'globex.md']);
    },
    60_000,
  );
});

describe('a hostile entry in a bank folder', () => {
  const BANK_HOSTILE: [string, string, () => Promise<void>, RegExp][] = [
    [
      'a folder named x.yaml',
      'banks/x.yaml',
      () => mkdir(join(home, 'banks', 'x.yaml')),
      /is a folder, not a bank file/,
    ],
    ['a FIFO', 'banks/x.yaml', async () => mkfifo([join(home, 'banks', 'x.yaml')]), /is a FIFO/],
    [
      'a bank over the cap',
      'banks/x.yaml',
      () => writeFile(join(home, 'banks', 'x.yaml'), Buffer.alloc(1024 * 1024 + 1, 0x23)),
      /larger than 1 MiB/,
    ],
    [
      'a symbolic link',
      'banks/x.yaml',
      () => symlink(join(FIXTURES, 'banks/short.yaml'), join(home, 'banks', 'x.yaml')),
      /is a symbolic link/,
    ],
    [
      'a team folder config.yaml names that is not there',
      'team-banks',
      () => writeFile(join(home, 'config.yaml'), 'banks: [team-banks]\n'),
      /no such folder \(named under banks: in .*config\.yaml\); fix the path or remove the entry/,
    ],
  ];

  it.each(BANK_HOSTILE)(
    '%s: start warns once and records the session; listings are untouched',
    async (_, rel, plant, says) => {
      await twoAccounts();
      await mkdir(join(home, 'banks'), { recursive: true });
      await plant();
      const path = join(home, rel);
      const started = await run(['start', 'Globex', '--loop', 'knowledge', '--answers', KNOWLEDGE]);
      healthy(started);
      expect(started.code, started.stderr).toBe(0);
      expect(warningsAbout(started, path)).toEqual([expect.stringMatching(says)]);
      for (const args of [['accounts'], ['prep', 'Acme'], ['due'], ['bank', 'list']]) {
        const r = await run(args);
        healthy(r);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
    },
    30_000,
  );
});

describe('permission faults (as an unprivileged user)', () => {
  const setprivWorks = (() => {
    if (!ROOT) return true;
    try {
      execFileSync(UNPRIVILEGED[0] as string, [...UNPRIVILEGED.slice(1), 'true']);
      return true;
    } catch {
      return false;
    }
  })();

  beforeEach(() => {
    asNobody = ROOT;
  });
  afterEach(() => {
    asNobody = false;
  });

  const PERMISSION: [string, string, (path: string) => Promise<void>, string[][]][] = [
    [
      'an unreadable session file',
      'SESSION',
      (p) => chmod(p, 0),
      [['accounts'], ['flags', '--all'], ['due', '--within', '1y'], ['prep', 'Acme']],
    ],
    [
      'an unreadable account folder',
      'accounts/globex',
      (p) => chmod(p, 0),
      [['accounts'], ['flags', '--all'], ['due', '--within', '1y'], ['prep', 'Acme']],
    ],
    [
      'an unreadable records folder',
      'accounts/acme/records',
      (p) => chmod(p, 0),
      [['accounts'], ['flags', '--all'], ['prep', 'Acme']],
    ],
    [
      'an unreadable bank file',
      'banks/x.yaml',
      async (p) => {
        await mkdir(join(home, 'banks'), { recursive: true });
        await writeFile(p, await readFile(join(FIXTURES, 'banks/short.yaml')));
        await chmod(p, 0);
      },
      [
        ['start', 'Globex', '--loop', 'knowledge', '--answers', KNOWLEDGE],
        ['bank', 'list'],
      ],
    ],
  ];

  it.skipIf(!setprivWorks).each(PERMISSION)(
    '%s: reported once, everything else handled',
    async (_, rel, plant, commands) => {
      await twoAccounts();
      const path = rel === 'SESSION' ? await aSession() : join(home, rel);
      if (ROOT) execFileSync('chown', ['-R', '65534:65534', home]);
      await plant(path);
      for (const args of commands) {
        const r = await run(args);
        const what = `${args.join(' ')}: ${r.stderr}`;
        healthy(r);
        expect(r.code, what).toBe(0);
        const warned = warningsAbout(r, path);
        // prep of Acme reads neither Globex's folder nor other accounts.
        if (args[0] === 'prep' && rel === 'accounts/globex') expect(warned, what).toEqual([]);
        else expect(warned, what).toEqual([expect.stringMatching(/permission denied/)]);
      }
      await chmod(path, 0o755);
    },
    30_000,
  );

  it.skipIf(!setprivWorks)('an unreadable cache folder is no fault at all', async () => {
    await twoAccounts();
    await journey(['--home', home, 'accounts']);
    if (ROOT) execFileSync('chown', ['-R', '65534:65534', home]);
    await chmod(join(home, '.cache'), 0);
    const r = await run(['accounts']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/Acme[\s\S]*Globex|Globex[\s\S]*Acme/);
    await chmod(join(home, '.cache'), 0o755);
  });
});

describe('caches', () => {
  /** Every cached value replaced by one of the wrong shape; format number and stamps kept. */
  async function poisonAll(poisoned: (value: unknown) => unknown): Promise<number> {
    let count = 0;
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith('.json')) {
          const data = readCacheFile(path);
          for (const e of Object.values(data.entries) as { value: unknown }[]) {
            e.value = poisoned(e.value);
            count++;
          }
          writeCacheFile(path, data);
        }
      }
    };
    await walk(join(home, '.cache'));
    return count;
  }

  /** A value with its leaves (and, optionally, its lists) replaced: the same keys, the wrong shape. */
  function reshape(
    value: unknown,
    leaf: (v: unknown, depth: number) => unknown,
    list?: (v: unknown[]) => unknown,
    depth = 0,
  ): unknown {
    if (Array.isArray(value)) return list ? list(value) : value.map((v) => reshape(v, leaf, list, depth + 1));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, reshape(v, leaf, list, depth + 1)]),
      );
    }
    return leaf(value, depth);
  }

  const COMMANDS = [
    ['accounts'],
    ['accounts', '--json'],
    ['sessions', 'Acme'],
    ['prep', 'Acme'],
    ['prep', 'Acme', '--json'],
    ['flags', '--all', '--json'],
    ['due', '--within', '1y', '--json'],
    ['export', 'Acme', '--format', 'json'],
    ['bank', 'list', '--json'],
    ['resume', 'Acme', '--answers', KNOWLEDGE],
  ];

  it.each([
    ['every value emptied', () => ({})],
    ['every value a list', () => []],
    ['every value a number', () => 7],
    ['nested fields nulled', (v: unknown) => reshape(v, (leaf, depth) => (depth >= 2 ? null : leaf))],
    [
      'text where lists are',
      (v: unknown) =>
        reshape(
          v,
          (leaf) => leaf,
          () => 'x',
        ),
    ],
    [
      'numbers as text',
      (v: unknown) => reshape(v, (leaf) => (typeof leaf === 'number' ? String(leaf) : leaf)),
    ],
  ])(
    'a cache of the right format with %s: every command gives the answer it gives cold',
    async (_, poisoned) => {
      await twoAccounts();
      const cold: Run[] = [];
      for (const args of COMMANDS) cold.push(await run(args));
      await run(['export', 'Acme']); // every cache written
      expect(await poisonAll(poisoned)).toBeGreaterThan(0);
      for (const [i, args] of COMMANDS.entries()) {
        const warm = await run(args);
        healthy(warm);
        expect(warm.code, args.join(' ')).toBe(cold[i]?.code);
        expect(warm.stdout, args.join(' ')).toBe(cold[i]?.stdout);
      }
    },
    60_000,
  );

  it('an edit with its size and mtime put back is seen by every command (accounts and prep agree)', async () => {
    await twoAccounts();
    expect(JSON.parse((await run(['accounts', '--json'])).stdout)[0]?.contact ?? '').toMatch(/Dana Ruiz|^$/);
    await run(['prep', 'Acme', '--json']);
    const file = (await readdir(acme())).filter((n) => n.endsWith('.yaml')).map((n) => join(acme(), n));
    for (const path of file) {
      const text = await readFile(path, 'utf8');
      if (!text.includes('Dana Ruiz')) continue;
      const times = join(home, 'times');
      await writeFile(times, '');
      execFileSync('touch', ['-r', path, times]);
      await writeFile(path, text.replace('Dana Ruiz', 'Omar Khan'));
      execFileSync('touch', ['-r', times, path]);
    }
    const accounts = JSON.parse((await run(['accounts', '--json'])).stdout) as {
      name: string;
      contact: string;
    }[];
    expect(accounts.find((a) => a.name === 'Acme')?.contact).toBe('Omar Khan');
    const sessions = JSON.parse((await run(['sessions', 'Acme', '--json'])).stdout);
    expect(sessions.sessions.map((s: { contact: string | null }) => s.contact)).toContain('Omar Khan');
    const prep = await run(['prep', 'Acme', '--verbose']);
    expect(prep.stdout).toMatch(/Omar Khan/);
    expect(prep.stdout).not.toMatch(/Dana Ruiz/);
  });
});

describe('output targets', () => {
  beforeEach(async () => {
    await twoAccounts();
  });

  it('due --ics - prints the calendar on stdout', async () => {
    const r = await run(['due', '--ics', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^BEGIN:VCALENDAR\r\n[\s\S]*SUMMARY:Results check-in: Acme\r\n[\s\S]*END:VCALENDAR/,
    );
    expect(await readdir(FIXTURES)).not.toContain('-');
  });

  it('due --ics through a link writes the file it points to, and the link stays a link', async () => {
    const real = join(home, 'calendar.ics');
    await writeFile(real, 'old');
    await symlink(real, join(home, 'link.ics'));
    const r = await run(['due', '--ics', join(home, 'link.ics')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Wrote the check-in calendar to .*calendar\.ics\./);
    expect((await lstat(join(home, 'link.ics'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
    // An existing regular file is replaced (atomically: no temporary file is left).
    expect((await run(['due', '--ics', real])).code).toBe(0);
    expect((await readdir(home)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    [
      'a folder',
      () => mkdir(join(home, 'x')),
      'x',
      /x: is a folder, not a file; name a file in it for --ics/,
    ],
    ['a missing folder', async () => undefined, 'missing/x.ics', /no such folder .*missing; create it first/],
    [
      'a device',
      // A device of its own (root may make one): a writer that replaced it by a file would
      // otherwise replace the machine's /dev/null, as journey once did.
      async () => {
        if (ROOT) execFileSync('mknod', ['-m', '666', join(home, 'x'), 'c', '1', '3']);
        else await symlink('/dev/null', join(home, 'x'));
      },
      'x',
      /x: is (a device, not a file; .*or - to print to stdout|a link to \/dev\/null, which is a device)/,
    ],
    [
      'a link like /dev/stdout (to a pipe here)',
      () => symlink('/proc/self/fd/1', join(home, 'x')),
      'x',
      /x: is a link to \/proc\/self\/fd\/1, which does not exist \(or is not a file\)/,
    ],
  ])('due --ics naming %s: one clear line, exit 1, nothing written', async (_, plant, name, says) => {
    await plant();
    const path = join(home, name);
    const before = await lstat(path).catch(() => undefined);
    const r = await run(['due', '--ics', path]);
    healthy(r);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(says)]);
    const after = await lstat(path).catch(() => undefined);
    expect(after?.isSymbolicLink()).toBe(before?.isSymbolicLink());
    expect(after?.isFile()).toBe(before?.isFile());
  });

  it.each([
    [
      'an existing file',
      () => writeFile(join(home, 'x'), 'mine'),
      /x: is a file, not a folder; name a folder for --out/,
    ],
    [
      'a dangling link',
      () => symlink(join(home, 'nowhere'), join(home, 'x')),
      /x: is a link to .*nowhere, which is not a folder/,
    ],
  ])('export --out naming %s: one clear line, exit 1', async (_, plant, says) => {
    await plant();
    const r = await run(['export', '--all', '--out', join(home, 'x')]);
    healthy(r);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(says)]);
  });

  it('export --out - writes one account to stdout', async () => {
    const r = await run(['export', 'Globex', '--out', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\naccount: Globex/);
  });

  it('export never writes through a link out of --out', async () => {
    const out = join(home, 'notes');
    const outside = join(home, 'outside');
    await mkdir(out);
    await mkdir(outside);
    await writeFile(join(outside, 'victim.md'), 'keep me');
    await symlink(join(outside, 'victim.md'), join(out, 'acme.md'));
    const r = await run(['export', '--all', '--out', out, '--force']);
    healthy(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /failed acme\.md: .*acme\.md is a symbolic link; journey writes only inside the export folder/,
    );
    expect(await readFile(join(outside, 'victim.md'), 'utf8')).toBe('keep me');
    expect(await readFile(join(out, 'globex.md'), 'utf8')).toMatch(/^---\naccount: Globex/);
    await rm(join(out, 'acme.md'));
  });

  it('export into a folder whose manifest is a folder: one line naming it, not an internal error', async () => {
    const out = join(home, 'notes');
    await mkdir(join(out, '.journey-export.json'), { recursive: true });
    const r = await run(['export', '--all', '--out', out]);
    healthy(r);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/notes\/\.journey-export\.json: a folder is in the way where a file should be/),
    ]);
  });
});
