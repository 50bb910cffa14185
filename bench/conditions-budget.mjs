// `node bench/conditions-budget.mjs`: conditions that used to hang a call, timed through the built
// CLI. A bank whose rules backtrack catastrophically (`(a+)+$` on a 20,000-character answer, both
// `matches` forms) or go through a 500-item list inside itself three deep is answered with
// `journey start X --answers <file>`: RE2 runs the patterns in linear time, and the rules that go over
// their budget end in a warning recorded in the session instead of a hang.
// For scale, JavaScript's own engine on the same pattern and only 26 characters. Asserts nothing;
// run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/journey.js');

const RULES = {
  backtracking: 'answers.text.matches("(a+)+$")',
  backtracking_function_form: 'matches(answers.text, "(x+x+)+y")',
  nested_lists:
    'answers.people.exists(a, answers.people.exists(b, answers.people.exists(c, a + b + c == "")))',
  split_and_map: 'answers.text.split("").size() > 0',
};

const bank = [
  'id: knowledge-discovery',
  'version: 1',
  'loop: knowledge',
  'title: Hostile conditions',
  'questions:',
  '  - { id: statement, ask: Problem?, type: text, role: problem_statement }',
  '  - { id: text, ask: Text?, type: long }',
  '  - { id: people, ask: People?, type: list }',
  'rules:',
  ...Object.entries(RULES).flatMap(([id, when]) => [
    `  - id: ${id}`,
    `    when: '${when}'`,
    `    tip: ${id}`,
  ]),
].join('\n');

const answers = {
  statement: 'Nobody owns the hand-off',
  text: `${'a'.repeat(19_999)}!`,
  people: Array.from({ length: 500 }, (_, i) => `Person ${i}`),
};

const work = mkdtempSync(join(tmpdir(), 'journey-budget-'));
try {
  const home = join(work, 'home');
  mkdirSync(join(home, 'banks'), { recursive: true });
  writeFileSync(join(home, 'banks', 'hostile.yaml'), `${bank}\n`);
  const file = join(work, 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [BIN, '--home', home, 'start', 'Budget Co', '--answers', file], {
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`journey start failed (${run.status}): ${run.stderr}`);
  // The warnings are in the session file the run wrote.
  const accounts = join(home, 'accounts');
  const recorded = readdirSync(accounts).flatMap((slug) =>
    readdirSync(join(accounts, slug)).map((name) => readFileSync(join(accounts, slug, name), 'utf8')),
  );
  const overBudget = recorded.join('\n').match(/condition took too much work/g)?.length ?? 0;
  console.log(`hostile conditions, one scripted run (${Object.keys(RULES).length} rules)`);
  console.log(`${'journey start --answers'.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms`);
  console.log(`${'  rules stopped by the budget'.padEnd(44)} ${String(overBudget).padStart(7)}`);
  const native = process.hrtime.bigint();
  /(a+)+$/.test(`${'a'.repeat(26)}!`);
  const nativeMs = Number(process.hrtime.bigint() - native) / 1e6;
  console.log(
    `${'  JS RegExp (a+)+$ on 27 characters'.padEnd(44)} ${nativeMs.toFixed(0).padStart(7)} ms (doubles per character)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
