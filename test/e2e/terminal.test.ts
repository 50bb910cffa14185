import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSession } from '../../src/store/session-file.js';
import { FIXTURES, journey, tempHome } from './run.js';
import { hasTmux, Terminal } from './tmux.js';

let home: string;
let cleanup: () => Promise<void>;
let term: Terminal | undefined;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
});
afterEach(async () => {
  term?.close();
  term = undefined;
  await cleanup();
});

const SHORT = join(FIXTURES, 'banks/short.yaml');

const sessionFiles = async () =>
  (await readdir(join(home, 'accounts', 'acmeinc'))).filter((f) => f.endsWith('.yaml'));

async function onlySession() {
  const dir = join(home, 'accounts', 'acmeinc');
  const [file] = await readdir(dir);
  const read = parseSession(await readFile(join(dir, file ?? ''), 'utf8'), file ?? '');
  if (!read.ok) throw new Error(read.problem);
  return read.session;
}

describe.skipIf(!hasTmux())('in a real terminal', () => {
  it('runs a short interview: typed answers, a menu, /why, /note, and the summary', async () => {
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT, '--contact', 'Dana']);
    await term.waitFor('What triggered this now?');
    term.type('/why', 'Enter');
    await term.waitFor('Why ask: The trigger shows where the energy comes from.');
    term.type('/note CFO joined the call', 'Enter');
    await term.waitFor('Note saved.');
    term.type('Lost two renewals', 'Enter');
    await term.waitFor('Have you tried to fix it before?');
    term.press('Enter'); // Yes is first
    await term.waitFor('What did you try?');
    term.type('A spreadsheet', 'Enter');
    await term.waitFor('How urgent is it?');
    term.type('4', 'Enter'); // the number typed is the value
    await term.waitFor('Restate the problem in their words.');
    term.type('Handoffs are slow', 'Enter');
    const screen = await term.waitFor('[exit 0]');
    expect(screen).toMatch(/Session complete\.\n {2}5 answers, 0 skipped questions, 1 note\./);

    const session = await onlySession();
    expect(session).toMatchObject({ status: 'complete', contact: 'Dana', account: 'Acme, Inc.' });
    expect(Object.fromEntries(session.entries.map((e) => [e.question, e.answer]))).toEqual({
      trigger: 'Lost two renewals',
      tried: true,
      tried_what: 'A spreadsheet',
      urgency: 4,
      problem_statement: 'Handoffs are slow',
    });
    expect(session.notes).toEqual([
      expect.objectContaining({ text: 'CFO joined the call', question: 'trigger' }),
    ]);
  });

  it('rejects an invalid typed answer in place, and skips with /skip', async () => {
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT]);
    await term.waitFor('What triggered this now?');
    term.type('/frobnicate', 'Enter');
    await term.waitFor('Unknown command: type /help to see them all.');
    term.press('C-u');
    term.type('/skip', 'Enter');
    await term.waitFor(/This one is required[\s\S]*\? What triggered this now\?/);
    term.type('x', 'Enter');
    await term.waitFor('Have you tried to fix it before?');
    term.press('x'); // "Skip this question", on its key
    await term.waitFor('How urgent is it?');
    term.press('s'); // "Save and quit", on its key
    const screen = await term.waitFor('[exit 0]');
    expect(screen).toMatch(/Session saved; not finished yet/);
    expect(screen).toMatch(/journey resume 'Acme, Inc\.'/);
    const session = await onlySession();
    expect(session.entries.map((e) => [e.question, e.answer ?? 'skipped'])).toEqual([
      ['trigger', 'x'],
      ['tried', 'skipped'],
    ]);
  });

  it('shows a loop-back at once and, on "now", asks the Knowledge question again inside the session', async () => {
    term = Terminal.open([
      '--home',
      home,
      'start',
      'Acme, Inc.',
      '--bank',
      join(FIXTURES, 'banks/options-short.yaml'),
    ]);
    await term.waitFor('Which vendors are you looking at?');
    for (const [i, vendor] of ['Globex', 'Initech', 'Hooli'].entries()) {
      term.type(vendor, 'Enter');
      await term.waitFor(`item ${i + 2}:`);
    }
    term.press('Enter');
    await term.waitFor('Re-evaluate the problem now?');
    expect(term.screen()).toMatch(/Loop back \[\w+-1\] \(rule many_vendors\)\n\s+Three or more vendors/);
    term.press('Enter');
    await term.waitFor(/re-evaluating for flag \w+-1/);
    term.type('The board asked for it', 'Enter');
    await term.waitFor('What is the next step?');
    term.type('Demo on Friday', 'Enter');
    await term.waitFor('[exit 0]');
    const session = await onlySession();
    expect(session.flags[0]).toMatchObject({ rule: 'many_vendors', decision: 'reevaluated' });
    expect(session.revisits[0]?.entries).toEqual([
      expect.objectContaining({ question: 'trigger', answer: 'The board asked for it' }),
    ]);
  });

  it('takes a measure: direction, baseline and target the first time, only the actual after', async () => {
    const bank = join(FIXTURES, 'banks/results-short.yaml');
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', bank]);
    await term.waitFor('first time: which way is better?');
    term.press('Down', 'Enter'); // lower is better
    await term.waitFor('Baseline, before they started');
    term.type('56', 'Enter');
    await term.waitFor('Agreed target');
    term.type('14', 'Enter');
    await term.waitFor('Where is it today');
    term.type('30 days', 'Enter');
    await term.waitFor('[exit 0]');
    term.close();
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', bank]);
    await term.waitFor(/Days from signature to go-live, today\? \(baseline 56, target 14, lower is better\)/);
    term.type('20', 'Enter');
    await term.waitFor('[exit 0]');
    const prep = await journey(['--home', home, 'prep', 'Acme, Inc.']);
    expect(prep.stdout).toMatch(
      /Days from signature to go-live, today\?: baseline 56 → 30 \(\S+\) → 20\s+\(\S+\) → target 14 days · 86% of the way · improving/,
    );
  });

  it('previews a bank in a real terminal, showing the coaching with each question and recording nothing', async () => {
    term = Terminal.open(['--home', home, 'bank', 'preview', SHORT]);
    await term.waitFor(
      /Why ask: The trigger shows where the energy comes from\.[\s\S]*What triggered this now\?/,
    );
    term.type('Lost a renewal', 'Enter');
    await term.waitFor('Have you tried to fix it before?');
    term.press('Down', 'Enter'); // No: the follow-up stays closed
    await term.waitFor('How urgent is it?');
    term.press('Enter');
    await term.waitFor('Restate the problem in their words.');
    term.type('Slow onboarding', 'Enter');
    const screen = await term.waitFor('[exit 0]');
    expect(screen).toMatch(/- {2}tried_what: not asked \(when answers\.tried\)/);
    expect(screen).toMatch(/Preview only: nothing was recorded\./);
    expect((await journey(['--home', home, 'accounts', '--json'])).stdout).toBe('[]\n');
  });

  it('takes a long answer through the editor', async () => {
    term = Terminal.open(
      ['--home', home, 'start', 'Acme, Inc.', '--bank', join(FIXTURES, 'banks/long.yaml')],
      {
        EDITOR: join(FIXTURES, 'fake-editor.sh'),
        VISUAL: '',
      },
    );
    await term.waitFor('Restate the problem in their words.');
    term.press('Enter');
    await term.waitFor('[exit 0]');
    const session = await onlySession();
    expect(session.entries[0]?.answer).toBe('Onboarding takes eight weeks\nand we lose renewals');
  });

  it('uses colour on a terminal, and none with --no-color or NO_COLOR', async () => {
    await journey(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT, '--answers', '-'], {
      input: 'trigger: x\nproblem_statement: y\n',
    });
    const esc = String.fromCharCode(27);
    term = Terminal.open(['--home', home, 'prep', 'Acme, Inc.'], { NO_COLOR: '' });
    await term.waitFor('[exit 0]');
    expect(term.screenWithColour().includes(`${esc}[1m`)).toBe(true);
    term.close();
    term = Terminal.open(['--home', home, '--no-color', 'prep', 'Acme, Inc.'], { NO_COLOR: '' });
    await term.waitFor('[exit 0]');
    expect(term.screenWithColour().split('\n').slice(0, 8).join('\n').includes(`${esc}[1m`)).toBe(false);
    term.close();
    term = Terminal.open(['--home', home, 'prep', 'Acme, Inc.'], { NO_COLOR: '1' });
    await term.waitFor('[exit 0]');
    expect(term.screenWithColour().split('\n').slice(0, 8).join('\n').includes(`${esc}[1m`)).toBe(false);
  });

  it('on Ctrl-C keeps every answer given, says how to resume, and exits 130', async () => {
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT]);
    await term.waitFor('What triggered this now?');
    term.type('Lost two renewals', 'Enter');
    await term.waitFor('Have you tried to fix it before?');
    term.press('C-c');
    const screen = await term.waitFor('[exit 130]');
    expect(screen).toMatch(/Continue with: journey resume 'Acme, Inc\.'/);
    expect((await onlySession()).entries.map((e) => e.answer)).toEqual(['Lost two renewals']);
  });

  it('survives kill -9 mid-interview and resumes without losing an answer', async () => {
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT]);
    await term.waitFor('What triggered this now?');
    term.type('Lost two renewals', 'Enter');
    await term.waitFor('Have you tried to fix it before?');
    term.press('Enter');
    await term.waitFor('What did you try?');
    term.type('A spreadsheet', 'Enter');
    await term.waitFor('How urgent is it?');
    process.kill(term.journeyPid(), 'SIGKILL');
    await term.waitFor('[exit 137]');
    expect((await onlySession()).status).toBe('in_progress');

    term.close();
    term = Terminal.open(['--home', home, 'resume', 'acme inc', '--bank', SHORT]);
    await term.waitFor('How urgent is it?');
    term.type('1', 'Enter');
    await term.waitFor(/Restate the problem/);
    term.type('Handoffs are slow', 'Enter');
    await term.waitFor('[exit 0]');
    const session = await onlySession();
    expect(session.status).toBe('complete');
    expect(session.entries.map((e) => e.answer)).toEqual([
      'Lost two renewals',
      true,
      'A spreadsheet',
      1,
      'Handoffs are slow',
    ]);

    const again = await journey(['--home', home, 'resume', 'Acme, Inc.', '--bank', SHORT]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/has no unfinished session/);
  });

  it('records the number typed on a 0–10 scale (9 is 9, 10 is 10), and forgiving dates and amounts', async () => {
    const bank = join(FIXTURES, 'banks/forgiving.yaml');
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', bank]);
    await term.waitFor('How likely are they to recommend us?');
    term.press('Enter'); // nothing typed: records nothing
    await term.waitFor('Type a number from 0 to 10, or pick one with ↑↓.');
    term.type('9', 'Enter');
    await term.waitFor('How confident are you in the deal?');
    expect(term.screen()).toMatch(/✔ How likely are they to recommend us\? 9\n/);
    term.type('10', 'Enter');
    await term.waitFor('When will they decide?');
    term.type('in 2 weeks', 'Enter');
    await term.waitFor(/Record \d{4}-\d{2}-\d{2} \(\w+, in 14 days\)\?/);
    term.press('Enter');
    await term.waitFor('What budget is set aside?');
    term.type('$85,000', 'Enter');
    await term.waitFor('What is the next step?');
    expect(term.screen()).toMatch(/✔ What budget is set aside\? \(USD\) 85000 USD/);
    term.type('/note', 'Enter');
    await term.waitFor('Note:');
    term.press('Escape');
    await term.waitFor('Back to the question.');
    term.type('Demo on Friday', 'Enter');
    await term.waitFor('[exit 0]');
    const session = await onlySession();
    const answers = Object.fromEntries(session.entries.map((e) => [e.question, e.answer]));
    expect(answers).toMatchObject({
      recommend: 9,
      confidence: 10,
      budget: 85_000,
      next_step: 'Demo on Friday',
    });
    expect(answers.decide_by).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(session.notes).toEqual([]);
  });

  it('Ctrl-D saves and quits like /save: the summary, the resume hint, exit 0', async () => {
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT]);
    await term.waitFor('What triggered this now?');
    term.type('Lost two renewals', 'Enter');
    await term.waitFor('Have you tried to fix it before?');
    term.press('Enter');
    await term.waitFor('What did you try?');
    term.press('C-d');
    const screen = await term.waitFor('[exit 0]');
    expect(screen).toMatch(/Session saved; not finished yet/);
    expect(screen).toMatch(/journey resume 'Acme, Inc\.'/);
    const session = await onlySession();
    expect(session.status).toBe('in_progress');
    expect(session.entries.map((e) => e.answer)).toEqual(['Lost two renewals', true]);
  });

  it('/discard asks, then deletes the unfinished session and its lock; journey discard does the same', async () => {
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT]);
    await term.waitFor('What triggered this now?');
    term.type('Lost two renewals', 'Enter');
    await term.waitFor('Have you tried to fix it before?');
    term.press('d'); // "Discard this session", on its key
    await term.waitFor('Discard this unfinished session?');
    term.press('Enter'); // the default is no
    await term.waitFor(/Discard this unfinished session\?[\s\S]*Have you tried to fix it before\?/);
    term.press('d');
    await term.waitFor(/Discard this unfinished session\?[\s\S]*Discard this unfinished session\?/);
    term.type('y', 'Enter');
    const screen = await term.waitFor('[exit 0]');
    expect(screen).toMatch(/Discarded the unfinished knowledge session with Acme, Inc\./);
    expect(screen).toMatch(/journey sync never shares an unfinished\s+call/);
    expect(await sessionFiles()).toEqual([]);
    expect((await readdir(join(home, '.locks')).catch(() => [])).filter((f) => f.endsWith('.lock'))).toEqual(
      [],
    );

    await journey(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT, '--answers', '-'], {
      input: 'trigger: x\n',
    }).catch(() => undefined);
    term.close();
    term = Terminal.open(['--home', home, 'start', 'Acme, Inc.', '--bank', SHORT]);
    await term.waitFor('What triggered this now?');
    term.press('C-d');
    await term.waitFor('[exit 0]');
    const refused = await journey(['--home', home, 'discard', 'Acme, Inc.']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    const done = await journey(['--home', home, 'discard', 'Acme, Inc.', '--yes']);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Discarded the unfinished knowledge session/);
    expect(await sessionFiles()).toEqual([]);
    const none = await journey(['--home', home, 'discard', 'Acme, Inc.', '--yes']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no unfinished session to discard|no account "Acme, Inc\."/);
  });

  it('the editor opens with the question and its coaching as #│ lines, stripped; /back before it works', async () => {
    const seen = join(home, 'seen.txt');
    term = Terminal.open(
      ['--home', home, 'start', 'Acme, Inc.', '--bank', join(FIXTURES, 'banks/long.yaml')],
      {
        VISUAL: join(FIXTURES, 'fake-editor-keep.sh'),
        FAKE_EDITOR_SEEN: seen,
      },
    );
    await term.waitFor('Restate the problem in their words.');
    term.type('/back', 'Enter');
    await term.waitFor('This is the first question: there is nothing to go back to.');
    term.press('Enter');
    const screen = await term.waitFor('[exit 0]');
    expect(screen).toMatch(/✔ Onboarding takes eight weeks … \(2 lines\)/);
    const opened = await readFile(seen, 'utf8');
    expect(opened).toMatch(
      /^#│ Restate the problem in their words\.\n#│ Why ask: The anchor for every later call\.\n/,
    );
    const session = await onlySession();
    expect(session.entries[0]?.answer).toBe('Onboarding takes eight weeks\nand we lose renewals');
  });

  it('at a date’s confirmation, text typed is a new date to read and confirm, never a yes to the old one', async () => {
    term = Terminal.open([
      '--home',
      home,
      'start',
      'Acme, Inc.',
      '--bank',
      join(FIXTURES, 'banks/forgiving.yaml'),
    ]);
    await term.waitFor('How likely are they to recommend us?');
    term.type('9', 'Enter');
    await term.waitFor('How confident are you in the deal?');
    term.type('10', 'Enter');
    await term.waitFor('When will they decide?');
    term.type('in 2 weeks', 'Enter');
    await term.waitFor(/Record \d{4}-\d{2}-\d{2} \(\w+, in 14 days\)\?/);
    term.type('end of Q2', 'Enter');
    await term.waitFor(/Record \d{4}-06-30 \(\w+, in \d+ days\)\?/);
    expect(term.screen()).not.toMatch(/in 14 days\)\?.* Yes/);
    term.press('Enter');
    await term.waitFor('What budget is set aside?');
    term.type('/save', 'Enter');
    await term.waitFor('[exit 0]');
    const answers = Object.fromEntries((await onlySession()).entries.map((e) => [e.question, e.answer]));
    expect(answers.decide_by).toMatch(/^\d{4}-06-30$/);
  });

  it('in a 60×15 window: menus fit under their question, Esc in "Something else…" keeps the cursor, commands leave no bare ✔ line', async () => {
    term = Terminal.open(
      ['--home', home, 'start', 'Acme, Inc.', '--bank', join(FIXTURES, 'banks/menus.yaml')],
      {},
      { width: 60, height: 15 },
    );
    const visible = () => term?.screen().replace(/\n$/, '').split('\n').slice(-15).join('\n') ?? '';
    await term.waitFor('What kind of trigger is this?');
    term.press('Down', 'Down', 'Enter'); // Something else…
    await term.waitFor('In their words:');
    term.press('Escape');
    await term.waitFor('Back to the question.');
    term.press('Enter'); // the cursor is still on "Something else…"
    await term.waitFor(/Back to the question\.[\s\S]*In their words:/);
    term.type('Board mandate', 'Enter');
    await term.waitFor('Where does fixing this sit');
    let screen = visible();
    expect(screen).toMatch(/^\? Where does fixing this sit against everything else on your$/m);
    expect(screen).toMatch(/\(s\) save · \(b\) back · \(\?\) help/);
    expect(screen).toMatch(/\(x\) skip · \(a\) note · \(f\) flag · \(w\) why · \(d\) discard/);
    expect(screen).toMatch(/type 0–10 or ↑↓, then Enter/);
    term.press('w');
    await term.waitFor('Why ask: no coaching note in this bank');
    term.press('a');
    await term.waitFor('Note:');
    term.press('Enter');
    await term.waitFor('No note saved.');
    term.type('7', 'Enter');
    await term.waitFor('Where does it hurt the business?');
    screen = term.screen();
    expect(screen).not.toMatch(/^✔ [^\n]*(plate\?|is this\?)\s*$/m);
    expect(screen).not.toMatch(/note taken/);
    // A /note in "In their words" keeps the boxes ticked, and says the note is saved.
    term.press('Space', 'Down', 'Down', 'Space', 'Enter');
    await term.waitFor('In their words:');
    term.type('/note CFO joined', 'Enter');
    await term.waitFor('Note saved.');
    await term.waitFor(/◉ Revenue lost or delayed\n\s*◯ Extra cost\n\s*◉ Something else…/);
    term.press('Enter');
    await term.waitFor(/Note saved\.[\s\S]*In their words:/);
    term.type('Audit risk', 'Enter');
    await term.waitFor('When will they decide?');
    term.type('/save', 'Enter');
    await term.waitFor('[exit 0]');
    const session = await onlySession();
    expect(Object.fromEntries(session.entries.map((e) => [e.question, e.answer]))).toEqual({
      trigger_kind: 'Board mandate',
      urgency: 7,
      impact_areas: ['revenue', 'Audit risk'],
    });
    expect(session.notes).toEqual([
      expect.objectContaining({ text: 'CFO joined', question: 'impact_areas' }),
    ]);
  });

  it('Esc in the account pickers cancels like Ctrl-C: nothing recorded, exit 130', async () => {
    for (const name of ['Acme, Inc.', 'Acme Labs']) {
      const r = await journey(['--home', home, 'start', name, '--bank', SHORT, '--answers', '-'], {
        input: 'trigger: x\nproblem_statement: y\n',
      });
      expect(r.code, r.stderr).toBe(0);
    }
    term = Terminal.open(['--home', home, 'prep']);
    await term.waitFor('Which account?');
    term.press('Escape');
    expect(await term.waitFor('[exit 130]')).toMatch(/Cancelled: nothing was recorded\./);
    term.close();
    term = Terminal.open(['--home', home, 'prep', 'acme']);
    await term.waitFor('"acme" matches 2 accounts. Which one?');
    term.press('Escape');
    expect(await term.waitFor('[exit 130]')).toMatch(/Cancelled: nothing was recorded\./);
  });
});
