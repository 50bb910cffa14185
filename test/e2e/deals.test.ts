// Deals end to end, as a rep and a script use them: one account, two deals, each with its own loops,
// closes, briefing and notes; the rep named on everything; --quick as short as the banks promise.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, journey, tempHome } from './run.js';

const answers = (name: string) => join(FIXTURES, 'answers', name);

describe('two deals with one account', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    await writeFile(join(home, 'config.yaml'), 'rep: Dana Ruiz\n');
  });
  afterAll(async () => {
    await cleanup();
  });
  const j = (args: string[], input?: string) => journey(['--home', home, ...args], { input, cwd: home });
  const files = async (sub = '') => {
    const dir = join(home, 'accounts', 'acmeinc', sub);
    return (await readdir(dir)).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
  };
  const yamlOf = async (path: string) => parse(await readFile(path, 'utf8'));

  it('a new account starts its first deal; a named deal is a second one', async () => {
    expect(
      (await j(['start', 'Acme, Inc.', '--quick', '--answers', answers('quick-knowledge.yaml')])).code,
    ).toBe(0);
    const second = await j([
      'start',
      'acme inc',
      '--deal',
      'Payroll close',
      '--quick',
      '--answers',
      answers('quick-knowledge.yaml'),
    ]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Knowledge loop \(deal: Payroll close\)/);
    const sessions = await Promise.all((await files()).map(yamlOf));
    expect(sessions.map((s) => [s.deal ?? null, s.rep, s.quick]).sort()).toEqual([
      [null, 'Dana Ruiz', true],
      ['Payroll close', 'Dana Ruiz', true],
    ]);
  });

  it('a script that does not say which of two open deals gets one line naming them, and nothing is recorded', async () => {
    const before = (await files()).length;
    const r = await j(['start', 'Acme, Inc.', '--answers', answers('quick-options.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /Acme, Inc\. has 2 open deals \("first deal", "Payroll close"\): say which with journey start 'Acme, Inc\.' --deal/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await files()).length).toBe(before);
  });

  it('each deal goes its own way: the first is won (recorded with its rep), the other weighs options', async () => {
    expect((await j(['won', 'Acme, Inc.'])).code).toBe(2);
    const typo = await j(['won', 'Acme, Inc.', '--deal', 'Payrol']);
    expect(typo).toMatchObject({ code: 2 });
    expect(typo.stderr).toMatch(/has no deal "Payrol"; its deals: "first deal", "Payroll close"/);
    expect(
      (await j(['start', 'Acme, Inc.', '--deal', 'first deal', '--answers', answers('quick-options.yaml')]))
        .code,
    ).toBe(0);
    const won = await j([
      'won',
      'Acme, Inc.',
      '--deal',
      'first deal',
      '--on',
      '2026-11-02',
      '--every',
      '30d',
    ]);
    expect(won.stdout).toMatch(/Acme, Inc\. \(deal: first deal\) is a customer since 2026-11-02/);
    const [record] = await Promise.all((await files('records')).map(yamlOf));
    expect(record).toMatchObject({ kind: 'won', on: '2026-11-02', rep: 'Dana Ruiz' });
    expect(record.deal).toBeUndefined();
    const payroll = await j([
      'start',
      'Acme, Inc.',
      '--deal',
      'PAYROLL CLOSE',
      '--answers',
      answers('quick-options.yaml'),
    ]);
    expect(payroll.stderr).toMatch(/Options loop \(deal: Payroll close\)/);
  });

  it('accounts, prep, due and export show each deal', async () => {
    const [account] = JSON.parse((await j(['accounts', '--json'])).stdout);
    expect(account).toMatchObject({
      name: 'Acme, Inc.',
      stage: 'customer',
      deals: [
        { name: 'first deal', stage: 'customer', sessions: 2, lastLoop: 'options' },
        { name: 'Payroll close', stage: 'prospect', sessions: 2, lastLoop: 'options' },
      ],
    });
    expect((await j(['accounts'])).stdout).toMatch(/DEALS[\s\S]*Acme, Inc\.\s+customer\s+2\s/);

    const prep = JSON.parse((await j(['prep', 'Acme, Inc.', '--deal', 'payroll close', '--json'])).stdout);
    expect(prep).toMatchObject({
      deal: 'Payroll close',
      stage: 'prospect',
      sessions: 2,
      next: { loop: 'options' },
    });
    expect(prep.deals.map((d: { name: string; current: boolean }) => [d.name, d.current])).toEqual([
      ['first deal', false],
      ['Payroll close', true],
    ]);
    expect(prep.lastSession.rep).toBe('Dana Ruiz');
    const customer = await j(['prep', 'Acme, Inc.', '--deal', 'first deal']);
    expect(customer.stdout).toMatch(/deal: first deal · customer/);
    expect(customer.stdout).toMatch(/Next call +Results loop/);

    // The first deal keeps the account's calendar UID: a calendar imported before deals stays one event.
    expect((await j(['due', '--ics', '-'])).stdout).toMatch(/^UID:checkin-acmeinc@journey\r?$/m);
    const due = JSON.parse((await j(['due', '--within', '1y', '--json'])).stdout).due;
    expect(due.map((d: { account: string; deal: string }) => [d.account, d.deal])).toEqual([
      ['Acme, Inc.', 'first deal'],
    ]);

    const note = (await j(['export', 'Acme, Inc.'])).stdout;
    expect(note).toMatch(/^deals:\n {2}- first deal\n {2}- Payroll close$/m);
    expect(note).toMatch(
      /## Deal: first deal \(customer\)[\s\S]*### Problem statement[\s\S]*## Deal: Payroll close \(prospect\)/,
    );
    expect(note).toMatch(/- Deal: Payroll close/);
    expect(note).toMatch(/- Rep: Dana Ruiz/);

    const out = join(home, 'notes');
    expect((await j(['export', 'Acme, Inc.', '--per', 'deal', '--out', out])).code).toBe(0);
    expect((await readdir(join(out, 'acmeinc'))).sort()).toEqual([
      'deal-first-deal.md',
      'deal-payroll-close.md',
    ]);
    const payroll = await readFile(join(out, 'acmeinc', 'deal-payroll-close.md'), 'utf8');
    expect(payroll).toMatch(/^deal: Payroll close$/m);
    expect(payroll).toMatch(/^# Acme, Inc\. — Payroll close$/m);
    expect(payroll).not.toMatch(/loop: results/);
  });

  it('a new need named at a check-in is offered as a deal of its own (a hint for a script)', async () => {
    const r = await j(
      ['start', 'Acme, Inc.', '--deal', 'first deal', '--answers', '-'],
      `agenda: The close since go-live\nagreed_result: 7\nadoption: 4\nnew_need: Intercompany invoices between the French and German entities take weeks to match\nnext_check_in: '2027-01-20'\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /A new need was named \("Intercompany invoices between the French and German entities take weeks to match"\): to work on it as a deal of its own, journey start 'Acme, Inc\.' --deal 'Intercompany invoices between the French' --loop knowledge/,
    );
    const nothing = await j(
      ['start', 'Acme, Inc.', '--deal', 'first deal', '--answers', '-'],
      `agenda: The close\nagreed_result: 6\nadoption: 5\nnew_need: Not this year\nnext_check_in: '2027-02-20'\n`,
    );
    expect(nothing.stderr).not.toMatch(/new need/i);
  });
});

describe('journey start --quick asks what a short call has room for', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterAll(async () => {
    await cleanup();
  });

  it.each([
    ['knowledge', 10],
    ['options', 10],
    ['results', 6],
  ])('the %s bank on a typical path: at most %i questions', async (loop, most) => {
    const r = await journey(
      [
        '--home',
        home,
        'start',
        'Quick Co',
        '--loop',
        loop,
        '--quick',
        '--answers',
        answers(`quick-${loop}.yaml`),
      ],
      { cwd: home },
    );
    expect(r.code).toBe(0);
    const dir = join(home, 'accounts', 'quickco');
    const name = (await readdir(dir)).find((f) => f.includes(`-${loop}-`));
    const session = parse(await readFile(join(dir, name ?? ''), 'utf8'));
    expect(session.quick).toBe(true);
    expect(session.entries.length).toBeGreaterThan(most / 2);
    expect(session.entries.length).toBeLessThanOrEqual(most);
  });
});
