// Fault injection: hostile entries in every folder journey reads, poisoned caches, and permission
// faults (checked as an unprivileged user: root reads everything). One bad entry is reported once,
// with its path; every other account, session and bank is handled; no command prints an internal
// error or a stack trace.
import { execFileSync, spawn } from 'node:child_process';
import { chmod, chown, mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CacheFile, readCacheFile, writeCacheFile } from '../cache-files.js';
import { BIN, journey, type Run, tempHome } from '../e2e/run.js';
import { record, tally } from './tally.js';

const KNOWLEDGE = `trigger: We lost two renewals
problem_in_their_words: Onboarding takes eight weeks
problem_statement: Onboarding takes eight weeks and costs us renewals
`;

const NOBODY = 65534;
const root = process.getuid?.() === 0;

/** Runs journey as an unprivileged user when the tests run as root (so permissions mean something). */
function journeyAs(args: string[], unprivileged: boolean): Promise<Run> {
  if (!unprivileged || !root) return journey(args);
  return new Promise((done, fail) => {
    const child = spawn(
      'setpriv',
      [
        '--reuid',
        String(NOBODY),
        '--regid',
        String(NOBODY),
        '--clear-groups',
        process.execPath,
        BIN,
        ...args,
      ],
      {
        env: { ...process.env, NO_COLOR: '1', JOURNEY_HOME: '', HOME: '/tmp' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const clean = (run: Run) =>
  !/internal error|\n\s+at .*[(:]\d|TypeError|EISDIR|undefined/.test(run.stdout + run.stderr);

const LISTINGS: string[][] = [
  ['accounts'],
  ['accounts', '--json'],
  ['flags', '--all'],
  ['due'],
  ['sessions', 'Globex'],
  ['prep', 'Globex'],
];

interface Hostile {
  name: string;
  /** Makes the data folder hostile; returns the path a warning should name (if any). */
  make(home: string): Promise<string | undefined>;
  /** Only meaningful as an unprivileged user. */
  permission?: boolean;
}

async function acmeSessionFile(home: string): Promise<string> {
  const dir = join(home, 'accounts/acmeinc');
  const [name] = (await readdir(dir)).filter((n) => n.endsWith('.yaml'));
  return join(dir, name as string);
}

const HOSTILE: Hostile[] = [
  {
    name: 'a folder named like a session file',
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc/20260101T000000Z-knowledge-zzzzzzz.yaml');
      await mkdir(p);
      return p;
    },
  },
  {
    name: 'a FIFO named like a session file',
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc/20260101T000000Z-knowledge-fifo001.yaml');
      execFileSync('mkfifo', [p]);
      return p;
    },
  },
  {
    name: 'a socket named like a session file',
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc/20260101T000000Z-knowledge-sock001.yaml');
      execFileSync('python3', [
        '-c',
        `import socket; s=socket.socket(socket.AF_UNIX); s.bind(${JSON.stringify(p)})`,
      ]);
      return p;
    },
  },
  {
    name: 'a symlink to a file outside the data folder',
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc/20260101T000000Z-knowledge-link001.yaml');
      await symlink('/etc/hostname', p);
      return p;
    },
  },
  {
    name: 'a symlinked account folder',
    make: async (home) => {
      const p = join(home, 'accounts/elsewhere');
      await symlink('/etc', p);
      return p;
    },
  },
  {
    name: 'a session file over the size cap',
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc/20260101T000000Z-knowledge-huge001.yaml');
      await writeFile(p, `# ${'x'.repeat(16 * 1024 * 1024)}\n`);
      return p;
    },
  },
  {
    name: "a sync tool's conflicted copy of a session",
    make: async (home) => {
      const file = await acmeSessionFile(home);
      const p = file.replace(/\.yaml$/, ' (conflicted copy).yaml');
      await writeFile(p, await readFile(file));
      return p;
    },
  },
  {
    name: 'a session file that is not YAML',
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc/20260101T000000Z-knowledge-junk001.yaml');
      await writeFile(p, 'format: [1\n');
      return p;
    },
  },
  {
    name: 'an account path that is a regular file',
    make: async (home) => {
      const p = join(home, 'accounts/initech');
      await writeFile(p, 'not a folder');
      return p;
    },
  },
  {
    name: 'a folder named like a record in records/',
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc/records/20260101T000000Z-won-zzzzzzz.yaml');
      await mkdir(p, { recursive: true });
      return p;
    },
  },
  {
    name: 'an unreadable session file',
    permission: true,
    make: async (home) => {
      const p = await acmeSessionFile(home);
      await chmod(p, 0o000);
      return p;
    },
  },
  {
    name: 'an unreadable account folder',
    permission: true,
    make: async (home) => {
      const p = join(home, 'accounts/acmeinc');
      await chmod(p, 0o000);
      return p;
    },
  },
];

const BANK_HOSTILE: Hostile[] = [
  {
    name: 'a bank file over the size cap',
    make: async (home) => {
      const p = join(home, 'banks/huge.yaml');
      await writeFile(p, `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
      return p;
    },
  },
  {
    name: 'a folder named like a bank',
    make: async (home) => {
      const p = join(home, 'banks/x.yaml');
      await mkdir(p, { recursive: true });
      return p;
    },
  },
  {
    name: 'a FIFO named like a bank',
    make: async (home) => {
      const p = join(home, 'banks/fifo.yaml');
      execFileSync('mkfifo', [p]);
      return p;
    },
  },
  {
    name: 'a symlinked bank',
    make: async (home) => {
      const p = join(home, 'banks/link.yaml');
      await symlink('/etc/hostname', p);
      return p;
    },
  },
  {
    name: 'a bank with schema errors',
    make: async (home) => {
      const p = join(home, 'banks/broken.yaml');
      await writeFile(p, 'id: broken\nversion: 1\nloop: knowledge\ntitle: B\nquestions: []\n');
      return p;
    },
  },
  {
    name: 'a config.yaml naming a banks folder that does not exist',
    make: async (home) => {
      await writeFile(join(home, 'config.yaml'), 'banks: [team-banks-missing]\n');
      return 'team-banks-missing';
    },
  },
  {
    name: 'an unreadable bank file',
    permission: true,
    make: async (home) => {
      const p = join(home, 'banks/secret.yaml');
      await writeFile(p, 'id: secret\n');
      await chmod(p, 0o000);
      return p;
    },
  },
];

/** A data folder with two good accounts (Acme, Globex); owned by nobody when checks run unprivileged. */
async function dataFolder(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const made = await tempHome();
  const answers = join(made.home, 'k.yaml');
  await writeFile(answers, KNOWLEDGE);
  for (const name of ['Acme, Inc.', 'Globex']) {
    const r = await journey(['--home', made.home, 'start', name, '--answers', answers]);
    expect(r.code).toBe(0);
  }
  await mkdir(join(made.home, 'banks'), { recursive: true });
  return made;
}

async function ownByNobody(path: string): Promise<void> {
  if (!root) return;
  execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, path]);
  await chown(path, NOBODY, NOBODY);
}

afterAll(() => tally.print());

describe('hostile entries in the data folder', () => {
  it.each(HOSTILE.map((h) => [h.name, h] as const))(
    '%s: reported once, everything else listed',
    async (_, hostile) => {
      const { home, cleanup } = await dataFolder();
      try {
        const unprivileged = hostile.permission === true;
        if (unprivileged) await ownByNobody(home);
        const path = await hostile.make(home);
        const category = unprivileged ? 'permission faults' : 'hostile files in folders';
        for (const args of LISTINGS) {
          const run = await journeyAs(['--home', home, ...args], unprivileged);
          const mentions = path ? run.stderr.split(path).length - 1 : 1;
          // Listings that name accounts still name the good one.
          const named = args[0] === 'accounts' || args[0] === 'prep' ? run.stdout.includes('Globex') : true;
          const ok = run.code === 0 && clean(run) && named && mentions <= 1;
          record(
            category,
            ok,
            `${hostile.name}: ${args.join(' ')} → exit ${run.code}: ${run.stderr.split('\n')[0]}`,
          );
        }
        const out = join(home, 'notes');
        if (unprivileged) await ownByNobody(home);
        const exported = await journeyAs(['--home', home, 'export', '--all', '--out', out], unprivileged);
        const globex = await readFile(join(out, 'globex.md'), 'utf8').catch(() => '');
        record(
          category,
          (exported.code === 0 || exported.code === 1) && clean(exported) && globex.includes('Globex'),
          `${hostile.name}: export --all → exit ${exported.code}: ${exported.stderr.split('\n')[0]}`,
        );
        expect(tally.failures(category).filter((f) => f.startsWith(hostile.name))).toEqual([]);
      } finally {
        await chmod(join(home, 'accounts/acmeinc'), 0o755).catch(() => undefined);
        await cleanup();
      }
    },
    60_000,
  );
});

describe('hostile entries in bank folders', () => {
  it.each(BANK_HOSTILE.map((h) => [h.name, h] as const))(
    '%s: reported, start still works',
    async (_, hostile) => {
      const { home, cleanup } = await dataFolder();
      try {
        const unprivileged = hostile.permission === true;
        if (unprivileged) await ownByNobody(home);
        await hostile.make(home);
        const category = unprivileged ? 'permission faults' : 'hostile files in folders';
        const answers = join(home, 'k.yaml');
        const started = await journeyAs(
          ['--home', home, 'start', 'Umbrella', '--answers', answers],
          unprivileged,
        );
        record(
          category,
          started.code === 0 && clean(started),
          `${hostile.name}: start → exit ${started.code}: ${started.stderr.split('\n')[0]}`,
        );
        const listed = await journeyAs(['--home', home, 'bank', 'list'], unprivileged);
        record(
          category,
          listed.code === 0 && clean(listed) && /knowledge-discovery/.test(listed.stdout),
          `${hostile.name}: bank list → exit ${listed.code}`,
        );
        expect(tally.failures(category).filter((f) => f.startsWith(hostile.name))).toEqual([]);
      } finally {
        await cleanup();
      }
    },
    60_000,
  );
});

describe('poisoned and stale caches', () => {
  /** Every cache file rewritten with the right format number and entries of the wrong shape. */
  async function poison(home: string): Promise<number> {
    const dir = join(home, '.cache');
    const files: string[] = [];
    const walk = async (d: string) => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(d, e.name));
        else if (e.name.endsWith('.json')) files.push(join(d, e.name));
      }
    };
    await walk(dir);
    for (const file of files) {
      // The caches of stamped files are a line per entry; the banks checked in full, one JSON map.
      const text = await readFile(file, 'utf8');
      const whole = text.trimEnd().includes('\n') ? undefined : (JSON.parse(text) as CacheFile);
      const data = whole ?? readCacheFile(file);
      for (const key of Object.keys(data.entries)) {
        data.entries[key] = {
          ...(data.entries[key] as object),
          value: { summary: { id: 42 }, session: 'x', questions: 7 },
        };
      }
      if (whole) await writeFile(file, JSON.stringify(data));
      else writeCacheFile(file, data);
    }
    return files.length;
  }

  it('entries of the wrong shape under the right format number are ignored, never an internal error', async () => {
    const { home, cleanup } = await dataFolder();
    try {
      for (const args of LISTINGS) await journey(['--home', home, ...args]);
      const poisoned = await poison(home);
      expect(poisoned).toBeGreaterThan(0);
      for (const args of [...LISTINGS, ['export', '--all', '--out', join(home, 'notes')]]) {
        const run = await journey(['--home', home, ...args]);
        record(
          'poisoned caches',
          run.code === 0 &&
            clean(run) &&
            (args[0] === 'accounts' || args[0] === 'prep' ? run.stdout.includes('Globex') : true),
          `${args.join(' ')} → exit ${run.code}: ${run.stderr.split('\n')[0]}`,
        );
      }
      expect(tally.failures('poisoned caches')).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('a session edited with its mtime restored is read afresh (prep and accounts agree)', async () => {
    const { home, cleanup } = await dataFolder();
    try {
      await journey(['--home', home, 'accounts']);
      await journey(['--home', home, 'prep', 'Globex']);
      const dir = join(home, 'accounts/globex');
      const [name] = (await readdir(dir)).filter((n) => n.endsWith('.yaml'));
      const file = join(dir, name as string);
      const before = await stat(file);
      const text = await readFile(file, 'utf8');
      // Same length, so only the content, ctime and inode-change time differ.
      await writeFile(file, text.replace('account: Globex', 'account: GLOBEX'));
      await utimes(file, before.atime, before.mtime);
      const accounts = await journey(['--home', home, 'accounts', '--json']);
      const prep = JSON.parse((await journey(['--home', home, 'prep', 'Globex', '--json'])).stdout);
      const names = JSON.parse(accounts.stdout).map((a: { name: string }) => a.name);
      record('poisoned caches', names.includes('GLOBEX') && prep.account === 'GLOBEX', 'mtime-restored edit');
      expect(names).toContain('GLOBEX');
      expect(prep.account).toBe('GLOBEX');
    } finally {
      await cleanup();
    }
  }, 60_000);
});
