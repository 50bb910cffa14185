// `node bench/scripted-scale.mjs`: how a scripted run grows with the size of the bank. Generates
// banks of 1,000, 5,000 and 10,000 questions (with conditions, follow-ups and a few rules), answers
// them with `journey start X --answers <file>`, and prints the time per size, the 10k/1k ratio and the
// cost of each further 1,000 questions (about constant when runs are linear). Asserts nothing; run
// `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/journey.js');
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * A Knowledge bank of `n` questions (it overrides the built-in one from `<home>/banks`): every
 * fifth is a choice with a follow-up asked on "yes", every seventh a list, every eleventh has a
 * `when` reading an earlier answer; ten rules read questions spread over the bank.
 */
export function scaleBank(n) {
  const lines = [
    'id: knowledge-discovery',
    'version: 1',
    'loop: knowledge',
    `title: Scale bench, ${n} questions`,
    'questions:',
  ];
  let count = 0;
  let last = 0;
  for (let i = 0; count < n; i++) {
    const id = `q${i}`;
    last = i;
    if (i === 0) {
      lines.push(`  - { id: ${id}, ask: Problem?, type: text, role: problem_statement, tracks: problem }`);
      count++;
    } else if (i % 5 === 0) {
      lines.push(`  - id: ${id}`, '    ask: Yes or no?', '    type: choice', '    choices: [yes, no]');
      lines.push(
        '    follow_ups:',
        `      - { id: ${id}_more, ask: Why?, type: text, when: 'answers.${id} == "yes"' }`,
      );
      count += 2;
    } else if (i % 7 === 0) {
      lines.push(`  - { id: ${id}, ask: Who?, type: list }`);
      count++;
    } else if (i % 11 === 0) {
      lines.push(`  - { id: ${id}, ask: Then?, type: text, when: 'answered("q${i - 1}")' }`);
      count++;
    } else {
      lines.push(`  - { id: ${id}, ask: Q?, type: text }`);
      count++;
    }
  }
  lines.push('rules:');
  for (let r = 0; r < 10; r++) {
    // A choice (every tenth id is answered "yes") and the question after it, spread over the bank.
    const a = Math.floor(((r + 1) * last) / 11 / 10) * 10;
    const b = a + 1;
    lines.push(
      `  - id: rule_${r}`,
      `    when: 'has(answers.q${a}) && answers.q${a} == "yes" && size(answers.q${b}) > 0'`,
      `    tip: Rule ${r} holds.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Answers for every question of `scaleBank(n)`: "yes" to half the choices, a name to each list. */
export function scaleAnswers(n) {
  const answers = {};
  let count = 0;
  for (let i = 0; count < n; i++) {
    const id = `q${i}`;
    if (i === 0) {
      answers[id] = 'Nobody owns the hand-off';
      count++;
    } else if (i % 5 === 0) {
      answers[id] = i % 10 === 0 ? 'yes' : 'no';
      if (i % 10 === 0) answers[`${id}_more`] = 'Because';
      count += 2;
    } else if (i % 7 === 0) {
      answers[id] = ['Dana'];
      count++;
    } else {
      answers[id] = 'a';
      count++;
    }
  }
  return answers;
}

function timeRun(home, answersFile) {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [BIN, '--home', home, 'start', 'Scale Co', '--answers', answersFile],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`journey start failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(join(tmpdir(), 'journey-scale-'));
  try {
    console.log(`scripted runs by bank size: medians of ${RUNS} runs, Node ${process.version}\n`);
    const times = new Map();
    for (const n of SIZES) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const home = join(work, `home-${n}-${i}`);
        mkdirSync(join(home, 'banks'), { recursive: true });
        writeFileSync(join(home, 'banks', 'scale.yaml'), scaleBank(n));
        const answersFile = join(work, `answers-${n}.json`);
        writeFileSync(answersFile, JSON.stringify(scaleAnswers(n)));
        runs.push(timeRun(home, answersFile));
      }
      const ms = median(runs);
      times.set(n, ms);
      const verdict = n === 10000 ? (ms < 5000 ? '   goal < 5 s: met' : '   goal < 5 s: MISSED') : '';
      console.log(
        `${`${n.toLocaleString('en')} questions`.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms${verdict}`,
      );
    }
    const small = times.get(1000);
    const large = times.get(10000);
    if (small && large) {
      console.log(`\n10k / 1k = ${(large / small).toFixed(2)} (start-up and bank loading included)`);
    }
    // Linear growth: each further 1,000 questions costs about the same.
    const sizes = [...times.keys()];
    for (let i = 1; i < sizes.length; i++) {
      const [a, b] = [sizes[i - 1], sizes[i]];
      const slope = (times.get(b) - times.get(a)) / ((b - a) / 1000);
      const label = `  ${a.toLocaleString('en')} → ${b.toLocaleString('en')}`;
      console.log(`${label.padEnd(20)} ${slope.toFixed(0).padStart(7)} ms per 1,000 more questions`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
