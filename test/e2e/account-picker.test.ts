// Naming an account in a real terminal (through tmux): no name opens a searchable picker, most
// recently active first; a short name several accounts share is a choice; `start` with a name close
// to an existing account asks before making a second one.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';
import { hasTmux, Terminal } from './tmux.js';

const QUICK = join(FIXTURES, 'answers', 'quick-knowledge.yaml');

let home: string;
let cleanup: () => Promise<void>;
let term: Terminal | undefined;

beforeAll(async () => {
  ({ home, cleanup } = await tempHome());
  // Oldest first: Café Noir is the most recent.
  for (const name of ['Acme, Inc.', 'Globex Corp', 'Acme Labs', 'Café Noir']) {
    const r = await journey(['--home', home, 'start', name, '--quick', '--answers', QUICK]);
    expect(r.code, r.stderr).toBe(0);
  }
});
afterEach(() => {
  term?.close();
  term = undefined;
});
afterAll(() => cleanup());

describe.skipIf(!hasTmux())('naming an account in a real terminal', () => {
  it('prep with no name: a picker of accounts, latest first, narrowed by typing', async () => {
    term = Terminal.open(['--home', home, 'prep']);
    const screen = await term.waitFor('Which account?');
    const listed = ['Café Noir', 'Acme Labs', 'Globex Corp', 'Acme, Inc.'].map((n) => screen.indexOf(n));
    expect(listed.every((at) => at > 0)).toBe(true);
    expect([...listed].sort((a, b) => a - b)).toEqual(listed);
    term.type('glob');
    await term.waitFor(/glob[\s\S]*Globex Corp/);
    term.press('Enter');
    const done = await term.waitFor('[exit 0]');
    expect(done).toMatch(/Globex Corp · prospect · 1 session/);
  });

  it('start with no name: typing a name no account has offers it as a new account', async () => {
    term = Terminal.open(['--home', home, 'start', '--quick']);
    await term.waitFor('Start with which account?');
    term.type('Wayne Enterprises');
    await term.waitFor('A new account "Wayne Enterprises"');
    term.press('Enter');
    await term.waitFor('knowledge · 1 of'); // a new account begins with the Knowledge loop
    term.press('C-c');
    await term.waitFor(/\[exit \d+\]/);
  });

  it('a short name two accounts start is a choice between them', async () => {
    term = Terminal.open(['--home', home, 'prep', 'acme']);
    await term.waitFor('"acme" matches 2 accounts. Which one?');
    term.press('Down', 'Enter');
    const done = await term.waitFor('[exit 0]');
    expect(done).toMatch(/Acme, Inc\. · prospect · 1 session/);
  });

  it('start with a name close to an account asks "already exists — use it?" and uses it', async () => {
    term = Terminal.open(['--home', home, 'start', 'globex', '--quick']);
    await term.waitFor('Globex Corp already exists — use it?');
    term.press('Enter'); // yes
    await term.waitFor('options · 1 of'); // Globex Corp's next loop: it had a Knowledge call
    term.press('C-c');
    await term.waitFor(/\[exit \d+\]/);
    expect(await readdir(join(home, 'accounts'))).not.toContain('globex');
  });

  it('start with a close name: No, then No to a new account, cancels with nothing written', async () => {
    term = Terminal.open(['--home', home, 'start', 'glob', '--quick']);
    await term.waitFor('Globex Corp already exists — use it?');
    term.type('n', 'Enter');
    await term.waitFor('Start a new account "glob"? (y/N)');
    term.press('Enter'); // the default: no
    const done = await term.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/no account "glob" was made/);
    expect(done).toContain('[exit 130]');
    expect(done).not.toMatch(/knowledge · 1 of/);
    expect(await readdir(join(home, 'accounts'))).not.toContain('glob');
  });

  it('start with a close name: No, then yes to a new account, starts it', async () => {
    term = Terminal.open(['--home', home, 'start', 'glob', '--quick']);
    await term.waitFor('Globex Corp already exists — use it?');
    term.type('n', 'Enter');
    await term.waitFor('Start a new account "glob"?');
    expect(await readdir(join(home, 'accounts'))).not.toContain('glob'); // nothing before the yes
    term.type('y', 'Enter');
    await term.waitFor('knowledge · 1 of'); // a new account begins with the Knowledge loop
    term.press('C-c');
    await term.waitFor(/\[exit \d+\]/);
    expect(await readdir(join(home, 'accounts'))).toContain('glob');
  });
});
