// The team-scale rows of `npm run bench` (issue 15): listings, export and the first index build on a
// data folder of 100,000 sessions (5,000 accounts × 20), each with its peak memory (RSS), and how
// time and memory grow from 25,000 sessions (1,250 × 20). Also `node bench/scale.mjs` on its own
// (after `npm run build`). BENCH_SCALE=0 skips it; BENCH_SCALE_RUNS sets the runs of each row.
//
// The data folders take minutes to write, so each is generated once and kept in the OS temp folder
// under a content key: a hash of fixtures.mjs, the yaml version it writes with and its parameters.
// A later run reuses it; a changed generator makes a new one (and removes the old ones). The
// commands measured never write session files, only <home>/.cache (and .locks), and export writes
// to an --out folder outside the home: each run of a "first run" row starts with the home reset to
// its accounts/ folder alone (and the files in the OS page cache), "warm" rows keep the caches the
// runs before them left. The kept folder is
// checked against the folder times recorded when it was made, before and after use.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHome } from './fixtures.mjs';
import { measure, median, RSS_METHOD_TEXT } from './measure.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(tmpdir(), 'journey-bench-homes');
const SMALL = { accounts: 1250, perAccount: 20 };
const LARGE = { accounts: 5000, perAccount: 20 };
const RSS_GOAL_MB = 250;
const RSS_GROWTH_GOAL = 0.1;

const fmt = (n) => n.toLocaleString('en-US');
const sessionsOf = (size) => size.accounts * size.perAccount;

function contentKey({ accounts, perAccount }) {
  const yamlVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/yaml/package.json'), 'utf8')).version;
  return createHash('sha256')
    .update(readFileSync(join(import.meta.dirname, 'fixtures.mjs')))
    .update(`\0yaml ${yamlVersion}\0${JSON.stringify({ accounts, perAccount })}`)
    .digest('hex')
    .slice(0, 16);
}

/** The newest change time of accounts/ and its folders: a file added, removed or renamed moves it. */
function foldersStamp(home) {
  const accounts = join(home, 'accounts');
  let newest = statSync(accounts).mtimeMs;
  let folders = 0;
  for (const name of readdirSync(accounts)) {
    newest = Math.max(newest, statSync(join(accounts, name)).mtimeMs);
    folders++;
  }
  return { newest, folders };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The cached data folder for `size`, generated first when there is none for this key. */
function cachedHome(size) {
  const key = contentKey(size);
  const prefix = `${size.accounts}x${size.perAccount}-`;
  const dir = join(CACHE, `${prefix}${key}`);
  const home = join(dir, 'home');
  const markerPath = join(dir, 'fixture.json');
  mkdirSync(CACHE, { recursive: true });
  for (const name of readdirSync(CACHE)) {
    if (!name.startsWith(prefix) || name === `${prefix}${key}`) continue;
    const pid = /\.tmp-(\d+)$/.exec(name)?.[1];
    if (pid !== undefined && alive(Number(pid))) continue; // another bench run is writing it
    rmSync(join(CACHE, name), { recursive: true, force: true }); // an older generator's, or left half-made
  }
  if (existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8'));
    const now = foldersStamp(home);
    if (now.newest === marker.stamp.newest && now.folders === marker.stamp.folders)
      return { home, dir, marker, note: 'reused' };
    rmSync(dir, { recursive: true, force: true }); // something changed it: make it again
  }
  const start = process.hrtime.bigint();
  const partial = `${dir}.tmp-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  generateHome(join(partial, 'home'), size.accounts, size.perAccount);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const marker = { key, ...size, stamp: foldersStamp(join(partial, 'home')), made: new Date().toISOString() };
  writeFileSync(join(partial, 'fixture.json'), `${JSON.stringify(marker, null, 2)}\n`);
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another run made it first: use theirs
    return { home, dir, marker: JSON.parse(readFileSync(markerPath, 'utf8')), note: 'reused' };
  }
  return { home, dir, marker, note: `generated in ${seconds.toFixed(1)} s` };
}

/** Back to the generated state: only accounts/ stays (caches and locks go). */
function resetHome(home) {
  for (const name of readdirSync(home)) {
    if (name !== 'accounts') rmSync(join(home, name), { recursive: true, force: true });
  }
}

/** Medians of `runs` runs (time) and the largest peak RSS among them. */
function repeated(args, runs, between) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    between?.();
    results.push(measure(args));
  }
  return { ms: median(results.map((r) => r.ms)), rssMB: Math.max(...results.map((r) => r.rssMB)), runs };
}

/** Reads every file of the data folder's accounts, for the OS to keep them in its page cache. */
function readEveryFile(home) {
  const root = join(home, 'accounts');
  for (const slug of readdirSync(root)) {
    for (const name of readdirSync(join(root, slug))) readFileSync(join(root, slug, name));
  }
}

/** Every measurement at one size. */
function measureSize(bin, cached, work, runs) {
  const { home } = cached;
  const jr = (...args) => [bin, '--home', home, ...args];
  const bare = [];
  const node = () => bare.push(measure(['-e', '0']));
  const rows = {};

  // Every file is read once, unmeasured, so the baseline and the first runs all find the files in
  // the OS page cache, as after a clone or a sync that wrote them. Left to chance, the first run read
  // them from disk after a quiet spell and the later ones did not: a row measured the disk.
  readEveryFile(home);
  rows.readParse = measure([join(import.meta.dirname, 'read-baseline.mjs'), home]);
  rows.build = repeated(jr('accounts'), runs, () => resetHome(home));
  const warm = {
    accounts: jr('accounts'),
    flags: jr('flags', '--all'),
    due: jr('due'),
    prep: jr('prep', 'Account 7'),
  };
  for (const [name, args] of Object.entries(warm)) {
    measure(args); // its own caches, if it keeps any, are warm for the timed runs
    rows[name] = repeated(args, runs, node);
  }

  const out = join(work, `export-${sessionsOf(cached.marker)}`);
  const exportArgs = jr('export', '--all', '--out', out, '--quiet');
  rows.exportFirst = repeated(exportArgs, runs, () => {
    resetHome(home);
    rmSync(out, { recursive: true, force: true });
  });
  rows.exportAgain = repeated(exportArgs, runs);
  rmSync(out, { recursive: true, force: true });
  rows.node = { ms: median(bare.map((r) => r.ms)), rssMB: Math.max(...bare.map((r) => r.rssMB)) };
  resetHome(home);
  return rows;
}

const ms = (n) => `${n.toFixed(1).padStart(8)} ms`;
const mb = (n) => `${n.toFixed(0).padStart(4)} MB`;
const met = (ok) => (ok ? 'met' : 'MISSED');

function printRow(label, large, small, { goalMs, baseline }) {
  const parts = [`${label.padEnd(44)} ${ms(large.ms)} ${mb(large.rssMB)}`];
  if (baseline) parts.push(`${baseline.name} ratio ${(large.ms / baseline.ms).toFixed(2)}`);
  if (goalMs !== undefined) parts.push(`goal ≤ ${goalMs / 1000} s: ${met(large.ms <= goalMs)}`);
  parts.push(`RSS goal ≤ ${RSS_GOAL_MB} MB: ${met(large.rssMB <= RSS_GOAL_MB)}`);
  console.log(parts.join('   '));
  const rssGrowth = large.rssMB / small.rssMB;
  console.log(
    [
      `${`  ${fmt(sessionsOf(SMALL))} → ${fmt(sessionsOf(LARGE))}`.padEnd(44)} ${ms(small.ms)} → ${large.ms.toFixed(1)} ms ×${(large.ms / small.ms).toFixed(2)}`,
      `${mb(small.rssMB)} → ${large.rssMB.toFixed(0)} MB ×${rssGrowth.toFixed(2)}`,
      `RSS same within 10%: ${met(Math.abs(rssGrowth - 1) <= RSS_GROWTH_GOAL)}`,
    ].join('   '),
  );
}

/** Prints the scale rows; BENCH_SCALE=0 prints that they were skipped. */
export function scaleBench(work, bin, { runs = Number(process.env.BENCH_SCALE_RUNS ?? 3) } = {}) {
  if (process.env.BENCH_SCALE === '0') {
    console.log('At scale (100,000 sessions): skipped, BENCH_SCALE=0');
    return undefined;
  }
  const large = cachedHome(LARGE);
  const small = cachedHome(SMALL);
  console.log(
    `At scale: ${fmt(sessionsOf(LARGE))} sessions (${fmt(LARGE.accounts)} accounts × ${LARGE.perAccount}), growth from ${fmt(sessionsOf(SMALL))} (${fmt(SMALL.accounts)} × ${SMALL.perAccount}); ${RSS_METHOD_TEXT}`,
  );
  console.log(
    `  data folders kept in ${CACHE}: ${fmt(sessionsOf(LARGE))} ${large.note}, ${fmt(sessionsOf(SMALL))} ${small.note}`,
  );
  const s = measureSize(bin, small, work, runs);
  const l = measureSize(bin, large, work, runs);
  for (const cached of [large, small]) {
    const now = foldersStamp(cached.home);
    if (now.newest !== cached.marker.stamp.newest || now.folders !== cached.marker.stamp.folders) {
      console.log(`  warning: a command changed ${cached.home}; removed, the next run makes it again`);
      rmSync(cached.dir, { recursive: true, force: true });
    }
  }
  console.log(
    `  warm rows: medians of ${runs} runs after one unmeasured run, RSS the largest; first runs: medians of ${runs}, each with the home reset to accounts/ and the files in the OS page cache`,
  );
  const node = { name: 'node -e 0', ms: l.node.ms };
  const readParse = { name: 'read+parse', ms: l.readParse.ms };
  console.log(
    `${'  baselines: node -e 0'.padEnd(44)} ${ms(l.node.ms)} ${mb(l.node.rssMB)}   read+parse of the same files ${l.readParse.ms.toFixed(1)} ms ${l.readParse.rssMB.toFixed(0)} MB (${fmt(sessionsOf(SMALL))}: ${s.readParse.ms.toFixed(1)} ms ${s.readParse.rssMB.toFixed(0)} MB)`,
  );
  printRow('accounts, first run (index build)', l.build, s.build, { goalMs: 5000, baseline: readParse });
  printRow('accounts (index warm)', l.accounts, s.accounts, { goalMs: 500, baseline: node });
  printRow('flags --all', l.flags, s.flags, { goalMs: 500, baseline: node });
  printRow('due', l.due, s.due, { goalMs: 500, baseline: node });
  printRow('prep <account>', l.prep, s.prep, { baseline: node });
  printRow('export --all, first run (no caches)', l.exportFirst, s.exportFirst, {
    goalMs: 15000,
    baseline: readParse,
  });
  printRow('export --all, again, nothing changed', l.exportAgain, s.exportAgain, {
    goalMs: 2000,
    baseline: readParse,
  });
  return { small: s, large: l };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const work = mkdtempSync(join(tmpdir(), 'journey-bench-'));
  try {
    scaleBench(work, join(ROOT, 'bin/journey.js'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
