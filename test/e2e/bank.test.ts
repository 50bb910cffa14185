import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, journey, tempHome } from './run.js';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
});
afterEach(async () => {
  await cleanup();
});
const j = (...args: string[]) => journey(['--home', home, ...args], { cwd: home });

const OPTIONS_OVERRIDE = `id: options-tour
version: 7
loop: options
title: Our team's options bank
questions:
  - { id: vendors, ask: Vendors?, type: list, why: W, listen_for: [L] }
`;

describe('journey bank lint', () => {
  it('passes the default banks, exit 0', async () => {
    const r = await j('bank', 'lint', join(FIXTURES, '../../question-banks'));
    expect(r).toMatchObject({ code: 0, stdout: '3 files checked: no problems.\n' });
  });

  it('reports errors as file:line:col with a summary, exit 1, and the same as JSON', async () => {
    const r = await j('bank', 'lint', join(FIXTURES, 'banks/broken.yaml'));
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/broken\.yaml:1:5: error: "id" use a lowercase slug/);
    expect(lines.at(-1)).toBe('4 errors, 0 warnings in 1 file.');
    const json = await j('bank', 'lint', join(FIXTURES, 'banks/broken.yaml'), '--format', 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      errors: 4,
      warnings: 0,
      problems: [{ line: 1, col: 5, severity: 'error' }, {}, {}, {}],
    });
  });

  it('exits 0 with warnings only', async () => {
    await writeFile(
      join(home, 'w.yaml'),
      'id: w\nversion: 1\nloop: options\ntitle: W\nquestions:\n  - { id: a, ask: A?, type: text }\n',
    );
    const r = await j('bank', 'lint', 'w.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/w\.yaml:6:11: warning: question "a" has no "why" or "listen_for"/);
  });
});

describe('where banks come from', () => {
  it('lists built-in banks, then team folders from config.yaml, then <home>/banks, saying what overrides what', async () => {
    await mkdir(join(home, 'team'), { recursive: true });
    await writeFile(join(home, 'config.yaml'), 'banks: [team]\n');
    await writeFile(
      join(home, 'team/saas.yaml'),
      OPTIONS_OVERRIDE.replace('id: options-tour', 'id: saas-options'),
    );
    await mkdir(join(home, 'banks'));
    await writeFile(join(home, 'banks/mine.yaml'), OPTIONS_OVERRIDE);
    const list = JSON.parse((await j('bank', 'list', '--json')).stdout);
    expect(
      list.map((b: { id: string; source: string; version: number }) => [b.id, b.source, b.version]),
    ).toEqual([
      ['knowledge-discovery', 'built-in', 2],
      ['options-tour', 'home', 7],
      ['results-check-in', 'built-in', 2],
      ['saas-options', 'team', 7],
    ]);
    expect(list[1].overrides).toMatchObject({ source: 'built-in' });
    const text = (await j('bank', 'list')).stdout;
    expect(text).toMatch(/options-tour +7 +options +1 +0 +home, overrides the built-in one/);
    // The override is what a rep gets.
    const session = await j('start', 'Acme', '--loop', 'options', '--answers', '-');
    expect(session.stderr).toMatch(/Our team's options bank/);
  });

  it('refuses an override for another loop, keeping the built-in bank', async () => {
    await mkdir(join(home, 'banks'));
    await writeFile(join(home, 'banks/odd.yaml'), OPTIONS_OVERRIDE.replace('loop: options', 'loop: results'));
    const r = await j('bank', 'list', '--json');
    expect(r.stderr).toMatch(
      /odd\.yaml:1:1: error: bank "options-tour" would override the built-in options bank of that id with a results bank/,
    );
    expect(JSON.parse(r.stdout)[1]).toMatchObject({ id: 'options-tour', source: 'built-in' });
  });

  it('reports a bad config.yaml with its line, and an unknown key as a warning with the key meant', async () => {
    await writeFile(join(home, 'config.yaml'), 'banks: team\n');
    const bad = await j('bank', 'list');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/config\.yaml:1:\d+: error: /);
    await writeFile(join(home, 'config.yaml'), 'bank: [team]\n');
    const r = await j('bank', 'list');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /config\.yaml:1:\d+: warning: unknown key "bank" ignored \(did you mean "banks"\?\)/,
    );
    expect(r.stderr.match(/unknown key/g)).toHaveLength(1);
  });
});

describe('journey bank show', () => {
  it('prints a bank resolved, and as JSON', async () => {
    const text = (await j('bank', 'show', 'options-tour')).stdout;
    expect(text).toMatch(/options-tour v2 · options/);
    expect(text).toMatch(/2\.a problem_shift \[text\]\n\s+when !answers\.problem_still_holds/);
    expect(text).toMatch(/new_stakeholder loop-back when/);
    const json = JSON.parse((await j('bank', 'show', 'options-tour', '--json')).stdout);
    expect(json).toMatchObject({
      id: 'options-tour',
      loop: 'options',
      rules: expect.arrayContaining([expect.objectContaining({ id: 'single_vendor', kind: 'tip' })]),
    });
  });

  it('names the banks there are when the id is unknown', async () => {
    const r = await j('bank', 'show', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /no bank with id "nope" \(banks: knowledge-discovery, options-tour, results-check-in\)/,
    );
  });
});

describe('journey bank new', () => {
  it.each(['knowledge', 'options', 'results'])(
    'scaffolds a %s bank that passes lint and its tests, and never overwrites',
    async (loop) => {
      const made = await j('bank', 'new', 'banks/new-one.yaml', '--loop', loop);
      expect(made.code).toBe(0);
      const text = await readFile(join(home, 'banks/new-one.yaml'), 'utf8');
      expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/bank\.schema\.json$/);
      expect(await j('bank', 'lint', 'banks/new-one.yaml')).toMatchObject({
        code: 0,
        stdout: '1 file checked: no problems.\n',
      });
      const tested = await j('bank', 'test', 'banks/new-one.yaml');
      expect(tested).toMatchObject({ code: 0 });
      expect(tested.stdout).toMatch(/2 passed, 0 failed\n$/);
      const again = await j('bank', 'new', 'banks/new-one.yaml', '--loop', loop);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
      expect(await readFile(join(home, 'banks/new-one.yaml'), 'utf8')).toBe(text);
    },
  );
});

describe('journey bank test', () => {
  it("runs the default banks' examples", async () => {
    const r = await j('bank', 'test', join(FIXTURES, '../../question-banks'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ a new stakeholder appears/);
    expect(r.stdout).toMatch(/^33 passed, 0 failed$/m);
  });

  it('reports a failing case with what differed, exit 1', async () => {
    await j('bank', 'new', 'b.yaml', '--loop', 'options');
    const path = join(home, 'b.yaml');
    const text = await readFile(path, 'utf8');
    await writeFile(
      path,
      text.replace(
        'expect: { tips: [low_priority], loop_backs: [], skipped: [team_feels_most] }',
        'expect: { tips: [], loop_backs: [], asked: [team_feels_most] }',
      ),
    );
    const r = await j('bank', 'test', 'b.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✗ low urgency gets a tip\n {6}tips: expected \[\], got \[low_priority\]\n {6}expected to be asked but not: team_feels_most/,
    );
    expect(r.stdout).toMatch(/^1 passed, 1 failed$/m);
  });
});

describe('journey bank test with scenarios', () => {
  it('plays the scenario corpus through the default banks: every scenario passes, precision and recall ≥ 0.95', async () => {
    const corpus = join(FIXTURES, '../scenarios');
    const files = (await readdir(corpus)).filter((n) => n.endsWith('.yaml'));
    const r = await j('bank', 'test', corpus);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${files.length} passed, 0 failed$`, 'm'));
    const line = /^loop-backs: precision ([\d.]+), recall ([\d.]+) over (\d+) calls/m.exec(r.stdout);
    expect(Number(line?.[1])).toBeGreaterThanOrEqual(0.95);
    expect(Number(line?.[2])).toBeGreaterThanOrEqual(0.95);
    const json = JSON.parse((await j('bank', 'test', corpus, '--json')).stdout);
    expect(json).toMatchObject({ passed: files.length, failed: 0 });
    expect(json.loopBacks.precision).toBeGreaterThanOrEqual(0.95);
    // Every healthy journey raises no loop-back at all.
    const healthy = json.files.filter((f: { file: string }) => /healthy-/.test(f.file));
    expect(healthy.length).toBeGreaterThanOrEqual(20);
    for (const f of healthy) {
      for (const call of f.scenario.calls)
        expect(call.actual.loopBacks, `${f.file} step ${call.step}`).toEqual([]);
    }
  });

  it("plays a trainer's own banks (banks: relative to the scenario), and shows what differed when a call fails", async () => {
    await mkdir(join(home, 'team/banks'), { recursive: true });
    await writeFile(
      join(home, 'team/banks/discovery.yaml'),
      `id: team-discovery
version: 1
loop: knowledge
title: Team discovery
questions:
  - { id: pain, ask: What hurts?, type: text, tracks: problem, why: W, listen_for: [L] }
  - { id: decision_makers, ask: Who decides?, type: list, why: W, listen_for: [L] }
  - { id: summary, ask: Summary?, type: long, role: problem_statement, why: W, listen_for: [L] }
rules:
  - id: someone_new
    when: size(new_people("decision_makers")) > 0
    loop_back: { message: Someone new decides., revisit: [summary] }
`,
    );
    const scenario = (expectSecond: string) => `scenario: a new decision maker in a team bank
banks: [banks]
calls:
  - loop: knowledge
    answers: { pain: Invoices are late, decision_makers: [CFO], summary: Late invoices hurt cash }
    expect: { loop_backs: [] }
  - loop: knowledge
    answers: { pain: Our invoices go out late, decision_makers: [CFO, Head of Legal], summary: Late invoices hurt cash }
    expect: { loop_backs: [${expectSecond}] }
`;
    await writeFile(join(home, 'team/journey.yaml'), scenario('someone_new'));
    const ok = await j('bank', 'test', join(home, 'team/journey.yaml'));
    expect(ok.stdout).toMatch(/✓ step 2: knowledge on 2026-01-06/);
    expect(ok.stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(ok.stdout).toMatch(
      /^loop-backs: precision 1\.00, recall 1\.00 over 2 calls \(1 TP, 0 FP, 0 FN\)$/m,
    );
    expect(ok.code).toBe(0);
    await writeFile(join(home, 'team/journey.yaml'), scenario(''));
    const bad = await j('bank', 'test', join(home, 'team/journey.yaml'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /✗ step 2: knowledge on 2026-01-06\n {6}loop-backs: expected \[\], got \[someone_new\]/,
    );
    expect(bad.stdout).toMatch(/^0 passed, 1 failed$/m);
    expect(bad.stdout).toMatch(/precision 0\.00, recall 1\.00 over 2 calls \(0 TP, 1 FP, 0 FN\)/);
  });

  it('reports a broken scenario file at its line and column, exit 1', async () => {
    await writeFile(join(home, 's.yaml'), 'scenario: x\ncalls:\n  - loop: pricing\n    answers: {}\n');
    const r = await j('bank', 'test', join(home, 's.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/s\.yaml:3:5: error: "calls\.0"/);
  });
});

describe('journey bank preview --answers', () => {
  it('prints the path taken and what fired, recording nothing', async () => {
    const r = await journey(['--home', home, 'bank', 'preview', 'options-tour', '--answers', '-'], {
      input: 'vendors: [Globex]\nbudget_status: none\nconfidence: 2\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ {2}vendors: Globex/);
    expect(r.stdout).toMatch(/- {2}budget_amount: not asked \(when answers\.budget_status == "approved"\)/);
    expect(r.stdout).toMatch(/· {2}criteria: skipped/);
    expect(r.stdout).toMatch(/Tip: They are looking at only one vendor.* \(single_vendor\)/);
    expect(r.stdout).toMatch(/Preview only: nothing was recorded\./);
    expect((await j('accounts', '--json')).stdout).toBe('[]\n');
  });
});

describe('bank versions', () => {
  it('lint warns when a bank changed without a new version since sessions used it', async () => {
    await mkdir(join(home, 'banks'));
    const mine =
      'id: my-options\nversion: 1\nloop: options\ntitle: Mine\nquestions:\n  - { id: vendors, ask: Vendors?, type: list, why: W, listen_for: [L] }\n';
    await writeFile(join(home, 'banks/mine.yaml'), mine);
    await journey(['--home', home, 'start', 'Acme', '--bank', 'my-options', '--answers', '-'], {
      input: 'vendors: [A]\n',
    });
    await writeFile(join(home, 'banks/mine.yaml'), mine.replace('Vendors?', 'Which vendors?'));
    const r = await j('bank', 'lint', 'banks/mine.yaml');
    expect(r.stdout).toMatch(
      /mine\.yaml:2:10: warning: the content changed since 1 session\(s\) were recorded with version 1/,
    );
    const sessions = JSON.parse((await j('sessions', 'Acme', '--json')).stdout);
    expect(sessions.sessions[0].bank).toMatchObject({ id: 'my-options', version: 1 });
    // What shows the session still shows the question as it was asked.
    const note = (await j('export', 'Acme')).stdout;
    expect(note).toContain('**Vendors?**');
    expect(note).not.toContain('Which vendors?');
  });
});
