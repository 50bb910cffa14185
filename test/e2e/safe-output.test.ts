// Terminal injection, end to end: a session recorded with escape sequences, a C1 CSI, bidi overrides
// and zero-width spaces in its contact, answers and a note, then every listing of it. Nothing raw
// reaches stdout or stderr, the text shows in visible form, and our own colours still come through.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, journey, type Run, tempHome } from './run.js';

const ESC = '\u001b';
const BEL = '\u0007';
const C1_CSI = '\u009b';
const RLO = '\u202e';
const ZWSP = '\u200b';

// An account name may not hold control characters (journey refuses them), but bidi controls pass.
const ACCOUNT = `Acme ${RLO}Inc${ZWSP}`;
const ACCOUNT_SHOWN = 'Acme Inc';
const CONTACT = `Dana ${ESC}]0;pwned${BEL} ${ESC}[2J ${RLO}x${ZWSP} ${C1_CSI}31m`;
const CONTACT_SHOWN = 'Dana ␛]0;pwned␇ ␛[2J x \\x9b31m';

// In YAML double quotes: \e is ESC, \a BEL, \x9b the C1 CSI, \u202E and \u200B the bidi override
// and the zero-width space.
const HOSTILE_YAML = (what: string) => `"${what} \\e]0;pwned\\a \\e[2J \\u202Ex\\u200B \\x9b31m"`;
const shown = (what: string) => `${what} ␛]0;pwned␇ ␛[2J x \\x9b31m`;
const MOVED = shown('Our tool cannot handle multi-entity customers');

/** Output with nothing a terminal would act on, and none of the hidden characters. */
function expectNoRaw(r: Run): void {
  for (const [stream, text] of [
    ['stdout', r.stdout],
    ['stderr', r.stderr],
  ] as const) {
    expect(text.includes(ESC), `${stream} has a raw ESC:\n${text}`).toBe(false);
    expect(text.includes(C1_CSI), `${stream} has a raw C1 CSI:\n${text}`).toBe(false);
    expect(text.includes(RLO), `${stream} has a raw RLO:\n${text}`).toBe(false);
    expect(text.includes(ZWSP), `${stream} has a raw zero-width space:\n${text}`).toBe(false);
    expect(text.includes(BEL), `${stream} has a raw BEL:\n${text}`).toBe(false);
  }
}

let home: string;
let cleanup: () => Promise<void>;
// Lines unwrapped (COLUMNS): a hostile field is checked whole; wrapping has its own tests.
const j = (...args: string[]) => journey(['--home', home, ...args], { env: { COLUMNS: '10000' } });
let recorded: Run[];

beforeAll(async () => {
  ({ home, cleanup } = await tempHome());
  const knowledge = (await readFile(join(FIXTURES, 'answers/knowledge.yaml'), 'utf8'))
    .replace(/^trigger: .*$/m, `trigger: ${HOSTILE_YAML('trigger')}`)
    .replace(/^problem_statement: \|\n(?: {2}.*\n)+/m, `problem_statement: ${HOSTILE_YAML('statement')}\n`);
  const options = (await readFile(join(FIXTURES, 'scenario/options-shifted.yaml'), 'utf8'))
    // a different cause (a shift), ending in hostile text
    .replace(
      /^root_cause: .*$/m,
      `root_cause: ${HOSTILE_YAML('Our tool cannot handle multi-entity customers')}`,
    )
    .replace(/^decision_people: .*$/m, `decision_people: [${HOSTILE_YAML('new person')}]`);
  const start = (loop: string, answers: string) =>
    journey(['--home', home, 'start', ACCOUNT, '--loop', loop, '--contact', CONTACT, '--answers', '-'], {
      input: answers,
      env: { COLUMNS: '10000' },
    });
  recorded = [await start('knowledge', knowledge), await start('options', options)];
  // Scripts carry no notes: add one to the Options session as a rep's /note would have.
  const [slug] = (await readdir(join(home, 'accounts'), { withFileTypes: true })).filter((d) =>
    d.isDirectory(),
  );
  const folder = join(home, 'accounts', slug?.name as string);
  const latest = (await readdir(folder)).find((f) => f.includes('-options-') && f.endsWith('.yaml'));
  const file = join(folder, latest as string);
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text.replace(
      /^notes: \[\]$/m,
      `notes:\n  - text: ${HOSTILE_YAML('note')}\n    at: ${new Date().toISOString()}`,
    ),
  );
  recorded.push(await j('won', ACCOUNT, '--on', '2026-01-01'));
});
afterAll(async () => {
  await cleanup();
});

describe('a session with hostile text in its contact, answers and a note', () => {
  it('is recorded, and the run reports and the close print nothing raw', () => {
    for (const r of recorded) {
      expect(r.code, r.stderr).toBe(0);
      expectNoRaw(r);
    }
    const report = recorded[1]?.stdout ?? '';
    expect(report).toContain(MOVED);
    expect(report).toContain(shown('new person'));
    expect(recorded[2]?.stdout).toContain(`${ACCOUNT_SHOWN} is a customer since 2026-01-01`);
  });

  it.each([
    ['sessions', ['sessions', ACCOUNT], [CONTACT_SHOWN]],
    ['flags', ['flags'], [ACCOUNT_SHOWN, MOVED, shown('new person')]],
    [
      'prep',
      ['prep', ACCOUNT],
      [ACCOUNT_SHOWN, shown('statement'), CONTACT_SHOWN, MOVED, `note: ${shown('note')}`],
    ],
    [
      'prep --verbose',
      ['prep', ACCOUNT, '--verbose'],
      [ACCOUNT_SHOWN, shown('statement'), CONTACT_SHOWN, MOVED, shown('new person'), shown('note')],
    ],
    ['accounts', ['accounts'], [ACCOUNT_SHOWN]],
    ['due', ['due', '--within', '1y'], [ACCOUNT_SHOWN]],
  ])('%s prints nothing raw, and shows the text in visible form', async (_, args, visible) => {
    const r = await j(...args);
    expect(r.code, r.stderr).toBe(0);
    expectNoRaw(r);
    for (const text of visible) expect(r.stdout).toContain(text);
  });

  it.each([
    ['sessions --json', ['sessions', ACCOUNT, '--json']],
    ['flags --json', ['flags', '--json']],
    ['prep --json', ['prep', ACCOUNT, '--json']],
    ['accounts --json', ['accounts', '--json']],
  ])('%s escapes what JSON leaves raw, and keeps the data exact', async (_, args) => {
    const r = await j(...args);
    expect(r.code, r.stderr).toBe(0);
    expectNoRaw(r);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain(ACCOUNT);
  });

  it('keeps our own colours with FORCE_COLOR=1, the hostile text still inert', async () => {
    const r = await journey(['--home', home, 'prep', ACCOUNT], {
      env: { NO_COLOR: '', FORCE_COLOR: '1', COLUMNS: '10000' },
    });
    expect(r.code, r.stderr).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: our own styling is SGR sequences
    const sgr = /\u001b\[[0-9;]*m/g;
    expect(r.stdout).toMatch(sgr);
    expectNoRaw({ ...r, stdout: r.stdout.replace(sgr, '') });
    expect(r.stdout.replace(sgr, '')).toContain(CONTACT_SHOWN);
  });

  it('--no-color beats FORCE_COLOR', async () => {
    const r = await journey(['--home', home, '--no-color', 'accounts'], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout).not.toContain(ESC);
  });
});
