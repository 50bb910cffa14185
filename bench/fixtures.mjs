// Generates a data folder of realistic session files for benchmarks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const LOOPS = ['knowledge', 'options', 'results'];

function sessionFor(account, index, day) {
  const loop = LOOPS[Math.min(index, 2)];
  const at = new Date(Date.UTC(2026, 0, 1 + day, 9, 0, index)).toISOString();
  const stamp = at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const entries = Array.from({ length: 20 }, (_, q) => ({
    question: `question_${q}`,
    ask: `What is the answer to question ${q} for ${account}?`,
    type: 'text',
    answer: `An answer of a realistic length for question ${q}, with a few words more to be fair.`,
    at,
  }));
  return {
    format: 1,
    id: `${stamp}-${loop}-b${String(index).padStart(6, '0')}`,
    account,
    loop,
    bank: { id: `${loop}-bank`, version: 1, hash: 'sha256:0123456789abcdef', title: `${loop} bank` },
    contact: 'Dana Ruiz',
    status: index % 7 === 6 ? 'in_progress' : 'complete',
    started: at,
    updated: at,
    ...(index % 7 === 6 ? {} : { completed: at }),
    entries,
    notes: [{ text: 'A note taken during the call.', at }],
  };
}

/** `accounts` accounts with `perAccount` sessions each, written under `home`. */
export function generateHome(home, accounts, perAccount) {
  for (let a = 0; a < accounts; a++) {
    const name = `Account ${a}`;
    const dir = join(home, 'accounts', `account${a}`);
    mkdirSync(dir, { recursive: true });
    for (let s = 0; s < perAccount; s++) {
      const session = sessionFor(name, s, a % 300);
      writeFileSync(join(dir, `${session.id}.yaml`), `# generated\n${stringify(session, { lineWidth: 0 })}`);
    }
  }
}

/** A large, valid options bank: `questions` questions (every fifth with a follow-up) and `rules` rules. */
export function generateBank(questions, rules) {
  const lines = ['id: big-bank', 'version: 1', 'loop: options', 'title: A generated bank', 'questions:'];
  const types = ['text', 'number', 'choice', 'list', 'confirm'];
  for (let i = 0; i < questions; i++) {
    const type = types[i % types.length];
    lines.push(
      `  - id: q${i}`,
      `    ask: Question number ${i}, asked the way a rep would say it?`,
      `    type: ${type}`,
    );
    if (type === 'choice') lines.push('    choices: [early, middle, late]');
    lines.push(`    why: Coaching for question ${i}.`, '    listen_for: [a cue, another cue]');
    if (i > 0 && i % 5 === 0) lines.push(`    when: answers.q${i - 5} != ""`);
  }
  lines.push('rules:');
  for (let r = 0; r < rules; r++) {
    const q = (r * 4) % questions;
    const type = types[q % types.length];
    const when = {
      text: `answers.q${q}.contains("churn")`,
      number: `answers.q${q} > 100.0`,
      choice: `answers.q${q} == "late"`,
      list: `size(added("q${q}")) > 0`,
      confirm: `!answers.q${q}`,
    }[type];
    lines.push(`  - id: rule_${r}`, `    when: '${when}'`, `    tip: Tip number ${r}.`);
  }
  return `${lines.join('\n')}\n`;
}
