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
