// `npm run bench`: start-up and listing costs of the built CLI, as medians over several runs,
// each compared with bare `node -e 0` measured in the same run, with the peak memory (RSS) of one
// more run; then the team-scale rows of bench/scale.mjs (BENCH_SCALE=0 skips them). Prints ratios;
// asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateBank, generateHome } from './fixtures.mjs';
import { measure, RSS_METHOD_TEXT } from './measure.mjs';
import { scaleBench } from './scale.mjs';
import { syncBench } from './sync.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/journey.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function timeOnce(args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['pipe', 'ignore', 'pipe'], ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Interleaves the baseline with the measured command so both see the same machine load. */
function compare(label, args, { goal, before, options } = {}) {
  const base = [];
  const cmd = [];
  timeOnce(['-e', '0']);
  for (let i = 0; i < RUNS; i++) {
    base.push(timeOnce(['-e', '0']));
    before?.(i);
    cmd.push(timeOnce(args, options));
  }
  const b = median(base);
  const c = median(cmd);
  const ratio = c / b;
  const verdict = goal === undefined ? '' : ratio <= goal ? `goal ≤ ${goal}: met` : `goal ≤ ${goal}: MISSED`;
  // Peak memory from one more run, so the timed runs stay as they were (no wrapper around them).
  before?.(RUNS);
  const { rssMB } = measure(args, options);
  console.log(
    `${label.padEnd(44)} ${c.toFixed(1).padStart(7)} ms   node -e 0 ${b.toFixed(1).padStart(6)} ms   ratio ${ratio.toFixed(2)}   ${rssMB.toFixed(0).padStart(4)} MB   ${verdict}`.trimEnd(),
  );
  return { label, ms: c, baseline: b, ratio, rssMB };
}

const work = mkdtempSync(join(tmpdir(), 'journey-bench-'));
try {
  const bare = measure(['-e', '0']);
  console.log(`journey benchmarks: medians of ${RUNS} runs, Node ${process.version}`);
  console.log(`${RSS_METHOD_TEXT}, in MB after each ratio (node -e 0: ${bare.rssMB.toFixed(0)} MB)\n`);
  compare('journey --version', [BIN, '--version'], { goal: 1.15 });
  // No goal: what loading the command line costs before any command does its work, the floor under
  // every row below (Node 20's ES module loader compiling journey's own code and commander's).
  compare('journey --help (loads the command line only)', [BIN, '--help']);

  const big = join(work, 'big');
  generateHome(big, 500, 2);
  const cold = measure([BIN, '--home', big, 'accounts']);
  compare('journey accounts (500 accounts, 1000 sessions)', [BIN, '--home', big, 'accounts'], { goal: 2.0 });
  console.log(
    `${'  first run, building the session index'.padEnd(44)} ${cold.ms.toFixed(1).padStart(7)} ms   ${cold.rssMB.toFixed(0)} MB`,
  );
  compare('journey sessions <account> (same folder)', [BIN, '--home', big, 'sessions', 'Account 7'], {
    goal: 2.0,
  });

  const deep = join(work, 'deep');
  generateHome(deep, 1, 200);
  timeOnce([BIN, '--home', deep, 'prep', 'Account 0']);
  compare('journey prep (one account, 200 sessions)', [BIN, '--home', deep, 'prep', 'Account 0'], {
    goal: 1.5,
  });

  const bigBank = join(work, 'big-bank.yaml');
  writeFileSync(bigBank, generateBank(2000, 500));
  compare('journey bank lint (2,000 questions, 500 rules)', [BIN, '--home', work, 'bank', 'lint', bigBank], {
    goal: 3.0,
  });

  exportBench(work);

  const answers = join(work, 'answers.json');
  writeFileSync(answers, JSON.stringify(twentyAnswers()));
  const recordHome = join(work, 'record');
  compare(
    'record a 20-answer session with --answers',
    [BIN, '--home', recordHome, 'start', 'Bench Co', '--loop', 'options', '--answers', answers],
    { goal: 2.0 },
  );

  console.log('');
  syncBench(work, BIN);

  console.log('');
  scaleBench(work, BIN);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Export of 10,000 sessions (500 accounts × 20), against only reading and parsing the same files. */
function exportBench(work) {
  const home = join(work, 'export-home');
  generateHome(home, 500, 20);
  const runs = Math.max(3, Math.floor(RUNS / 3));
  // Time and peak RSS from the same runs: GNU time adds about a millisecond to runs of seconds.
  const cold = measure([
    BIN,
    '--home',
    home,
    'export',
    '--all',
    '--out',
    join(work, 'notes-cold'),
    '--quiet',
  ]);
  const baseline = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(measure([join(ROOT, 'bench/read-baseline.mjs'), home]));
    warm.push(
      measure([BIN, '--home', home, 'export', '--all', '--out', join(work, `notes-${i}`), '--quiet']),
    );
  }
  const b = median(baseline.map((r) => r.ms));
  const w = median(warm.map((r) => r.ms));
  const rss = (rows) =>
    Math.max(...rows.map((r) => r.rssMB))
      .toFixed(0)
      .padStart(4);
  const verdict = w <= 3000 ? 'goal ≤ 3 s: met' : 'goal ≤ 3 s: MISSED';
  console.log(
    `${'journey export --all (10,000 sessions)'.padEnd(44)} ${w.toFixed(1).padStart(7)} ms   read+parse ${b.toFixed(1).padStart(6)} ms   ratio ${(w / b).toFixed(2)}   ${rss(warm)} MB (read+parse ${rss(baseline).trim()} MB)   ${verdict}`,
  );
  console.log(
    `${'  first run, no caches yet'.padEnd(44)} ${cold.ms.toFixed(1).padStart(7)} ms   ${cold.rssMB.toFixed(0)} MB`,
  );
  // Linear growth: half the accounts should cost about half.
  const half = join(work, 'export-half');
  generateHome(half, 250, 20);
  timeOnce([BIN, '--home', half, 'export', '--all', '--out', join(work, 'notes-half-cold'), '--quiet']);
  const halves = Array.from({ length: runs }, (_, i) =>
    measure([BIN, '--home', half, 'export', '--all', '--out', join(work, `notes-half-${i}`), '--quiet']),
  );
  const h = median(halves.map((r) => r.ms));
  console.log(
    `${'  5,000 sessions, for linearity'.padEnd(44)} ${h.toFixed(1).padStart(7)} ms   (10,000 / 5,000 = ${(w / h).toFixed(2)})   ${rss(halves).trim()} MB`,
  );
}

function twentyAnswers() {
  return {
    problem_still_holds: false,
    problem_shift: 'The cost is twice what we thought',
    option_kinds: ['buy', 'build'],
    build_case: 'The platform team, about two quarters of work',
    vendors: ['Globex'],
    vendors_encouraged: true,
    vendors_learned: 'Onboarding time matters more than features',
    criteria: ['Time to value', 'Price', 'Support'],
    top_criterion: 'Time to value',
    budget_status: 'approved',
    budget_amount: 120000,
    decision_date: '2026-12-15',
    date_driver: 'Renewal of the current tool',
    decision_process: 'Team evaluates, VP approves, procurement signs',
    decision_people: ['VP Customer Success', 'CFO'],
    champion: 'Head of Onboarding',
    risks: ['adoption'],
    risk_mitigation: 'A pilot with one team',
    problem_learning: 'Handoffs, not tooling, are the root cause',
    next_step: 'Pilot plan by Friday, owned by the Head of Onboarding',
  };
}
