// Issue 13, reading, against the built binary: closes recorded twice, cadences in words and their
// typos, flags resolve suggesting only open flags, and prep wrapped at a real terminal's width.
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';
import { hasTmux, Terminal } from './tmux.js';

let home: string;
let cleanup: () => Promise<void>;
let term: Terminal | undefined;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  await cp(join(FIXTURES, 'release-1-data'), home, { recursive: true });
});
afterEach(async () => {
  term?.close();
  term = undefined;
  await cleanup();
});

const j = (...args: string[]) => journey(['--home', home, ...args]);
const records = async (folder: string) => (await readdir(join(home, 'accounts', folder, 'records'))).length;

describe('closes recorded twice', () => {
  it('lost twice says since when and writes nothing (exit 0)', async () => {
    const before = await records('initech');
    const r = await j('lost', 'Initech', '--reason', 'again');
    expect(r).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Initech is already lost since 2026-11-28/),
    });
    expect(r.stdout).toContain('nothing written');
    expect(await records('initech')).toBe(before);
  });

  it('won again with the same date and cadence says so; another cadence is a new record', async () => {
    const folder = 'societegeneralesa--ef2f6ea2d4c5';
    const before = await records(folder);
    const same = await j('won', 'Société Générale, S.A.', '--on', '2026-07-01', '--every', 'quarterly');
    expect(same).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /already a customer since 2026-07-01 \(check in quarterly\); nothing written/,
      ),
    });
    expect(await records(folder)).toBe(before);
    const other = await j('won', 'Société Générale, S.A.', '--on', '2026-07-01', '--every', '30d');
    expect(other.stdout).toMatch(
      /is a customer since 2026-07-01: check in every 30 days, first on 2026-07-31\./,
    );
    expect(await records(folder)).toBe(before + 1);
  });
});

describe('cadences', () => {
  it('--every quartely gets a suggestion', async () => {
    const r = await j('won', 'Acme, Inc.', '--every', 'quartely');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean quarterly\?/);
  });

  it('due reads "check in quarterly", never "every quarterly"', async () => {
    const r = await j('due');
    expect(r.stdout).toMatch(/Société Générale, S\.A\. +2026-10-01 .*check in quarterly/);
    expect(r.stdout).not.toContain('every quarterly');
  });
});

describe('flags resolve', () => {
  it('suggests an open flag, never one already resolved', async () => {
    // 06bsk5v-1 is resolved and 06bsk5v-2 open: both one edit away from the typo.
    const r = await j('flags', 'resolve', '06bsk5v-3');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did you mean "06bsk5v-2"?');
  });
});

describe('flags', () => {
  it('names the questions to revisit as the Knowledge bank asks them, not by id', async () => {
    const r = await journey(['--home', home, 'flags', 'acme inc'], { env: { COLUMNS: '200' } });
    expect(r.stdout).toContain(
      'Revisit: "Why do you think it happens?"; "Restate the problem in their words…"',
    );
    expect(r.stdout).not.toMatch(/Revisit: .*root_cause/);
  });
});

describe('prep', () => {
  it('shows the deal facts and the last agreed next step; --json carries them', async () => {
    const text = await j('prep', 'Globex Corporation');
    expect(text.stdout).toMatch(/Next step +"Order form to Priya on Monday"/);
    expect(text.stdout).toMatch(/^Facts {5}\S/m);
    expect(text.stdout).toContain('Budget: Approved (11-28)');
    const json = JSON.parse((await j('prep', 'Globex Corporation', '--json')).stdout);
    expect(json.nextStep).toMatchObject({ text: 'Order form to Priya on Monday', passed: [] });
    expect(json.facts).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Approved' })]));
    expect(json.lastSession).toBeDefined();
  });

  it('shows labels in loop-back evidence and no ⟲ on sessions that only raised flags', async () => {
    const r = await j('prep', 'Acme, Inc.', '--verbose');
    expect(r.stdout).not.toMatch(/options +complete ⟲/);
    expect(r.stdout).toMatch(/knowledge complete ⟲/);
  });
});

describe.skipIf(!hasTmux())('in a real terminal 60 columns wide', () => {
  it('prep and flags wrap at word boundaries, under their indent', async () => {
    term = Terminal.open(['--home', home, 'prep', 'Acme, Inc.', '--verbose'], {}, { width: 60 });
    const screen = await term.waitFor('[exit 0]');
    const lines = screen.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('[exit'));
    // Every line ends a word: the next line never starts in the middle of one.
    const text = lines.map((l) => l.trimEnd()).join('\n');
    expect(text).toContain('Customers take eight weeks to go live because');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(text).not.toMatch(/\bthe\nir\b/);
    const flat = text.replace(/\n\s+/g, ' ');
    expect(flat).toContain(
      'Another vendor has reframed their problem. Do not argue: go back to the problem with them and test the new framing against the evidence.',
    );
    // Continuation lines of the flag message keep its indent.
    const at = lines.findIndex((l) => l.includes('Another vendor has reframed'));
    expect(lines[at + 1]).toMatch(/^ {12}\S/);

    term.close();
    term = Terminal.open(['--home', home, 'flags', 'Acme, Inc.'], {}, { width: 60 });
    const flags = await term.waitFor('[exit 0]');
    for (const line of flags.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(flags.replace(/\n\s+/g, ' ')).toContain(
      'go back to the problem with them and test the new framing against the evidence.',
    );
  });
});
