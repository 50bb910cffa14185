// What deals change for a rep: a deal's flags and problem are its own, the booked check-in date
// rules the due list, a new need is read the same way by the bank and by the offer of a new deal,
// deal files have safe names, and every session and record names its rep.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyContext } from '../../src/bank/conditions.js';
import { dealSlug } from '../../src/export/files.js';
import { dealNameFor, dealsOf, dealView, flagsByDeal, namesANeed } from '../../src/journey/deals.js';
import { dueItem } from '../../src/journey/due.js';
import type { AccountRecord } from '../../src/model/records.js';
import type { Flag } from '../../src/model/session.js';
import { whoIsRep } from '../../src/store/rep.js';
import { bankFrom, sessionFixture } from '../helpers.js';

const ROOT = join(import.meta.dirname, '../..');
// The default Results bank's own rule, read from the file a trainer would edit.
const shipped = bankFrom(await readFile(join(ROOT, 'question-banks/results.yaml'), 'utf8'), 'results.yaml');

const flag = (id: string, at: string): Flag => ({
  id,
  rule: 'budget_cut',
  message: 'The budget went down.',
  evidence: [],
  revisit: [],
  decision: 'deferred',
  at,
});

const statement = (text: string) => [
  {
    question: 'statement',
    ask: 'The problem?',
    type: 'long' as const,
    answer: text,
    at: '2026-03-10T10:00:00.000Z',
    role: 'problem_statement' as const,
  },
];

describe("a deal's flags are its own", () => {
  const account = {
    name: 'Acme, Inc.',
    sessions: [
      sessionFixture('a1', 'options', '02', { flags: [flag('a1-1', '2026-03-02T10:00:00.000Z')] }),
      // A Knowledge session of another deal restates *its* problem: the first deal's flag stays open.
      sessionFixture('b1', 'knowledge', '05', {
        deal: 'Fraud review',
        entries: statement('Fraud is picked by amount.'),
      }),
    ],
    records: [] as AccountRecord[],
  };

  it('a restatement in one deal resolves nothing in another', () => {
    const views = flagsByDeal(account);
    expect(views.map((v) => [v.flag.id, v.status, v.deal])).toEqual([['a1-1', 'open', 'first deal']]);
  });

  it('the same restatement in the same deal resolves it', () => {
    const same = {
      ...account,
      sessions: [account.sessions[0], sessionFixture('a2', 'knowledge', '05', { entries: statement('X.') })],
    } as typeof account;
    expect(flagsByDeal(same).map((v) => [v.flag.id, v.status, v.deal])).toEqual([['a1-1', 'resolved', null]]);
  });

  it('a resolution by hand is seen by every deal (flag ids are unique in the account)', () => {
    const resolved: AccountRecord = {
      format: 1,
      kind: 'flag_resolved',
      account: 'Acme, Inc.',
      flag: 'a1-1',
      at: '2026-03-06T10:00:00.000Z',
    };
    const withRecord = { ...account, records: [resolved] };
    expect(dealsOf(withRecord).map((d) => d.records.length)).toEqual([1, 1]);
    expect(flagsByDeal(withRecord)[0]?.status).toBe('resolved');
  });
});

describe('the booked check-in date', () => {
  const won = (on: string, at: string): AccountRecord => ({
    format: 1,
    kind: 'won',
    account: 'Acme, Inc.',
    on,
    every: '30d',
    at,
  });
  const checkIn = (booked: string) =>
    sessionFixture('r1', 'results', '10', {
      entries: [
        {
          question: 'when',
          ask: 'When?',
          type: 'date',
          answer: booked,
          at: '2026-03-10T10:00:00.000Z',
          role: 'next_check_in',
        },
      ],
    });

  it('rules over the cadence', () => {
    const item = dueItem(
      {
        account: 'Acme',
        sessions: [checkIn('2026-04-24')],
        records: [won('2026-02-01', '2026-02-01T12:00:00.000Z')],
      },
      '2026-03-20',
    );
    expect(item).toMatchObject({ next: '2026-04-24', booked: true, overdueDays: -35 });
  });

  it('a date before the check-in itself is not a booking: the cadence counts', () => {
    const item = dueItem(
      {
        account: 'Acme',
        sessions: [checkIn('2026-03-01')],
        records: [won('2026-02-01', '2026-02-01T12:00:00.000Z')],
      },
      '2026-03-20',
    );
    expect(item).toMatchObject({ next: '2026-04-09', booked: false });
  });

  it('a close recorded after the check-in starts its own count', () => {
    const item = dueItem(
      {
        account: 'Acme',
        sessions: [checkIn('2026-04-24')],
        records: [won('2026-03-15', '2026-03-15T12:00:00.000Z')],
      },
      '2026-03-20',
    );
    expect(item).toMatchObject({ next: '2026-04-14', booked: false });
  });
});

describe('a new need', () => {
  const results = bankFrom(
    `${'id: r\nversion: 1\nloop: results\ntitle: R\nquestions:\n  - { id: new_need, role: new_need, ask: New?, type: text }\n'}`,
  );
  const rule = shipped.rules.find((r) => r.id === 'new_need');
  const ruleHolds = (text: string) =>
    rule?.evaluate({ ...emptyContext(), answers: { new_need: text } }) ?? false;

  it.each([
    ['Returns. Nobody knows where returned parcels end up', true],
    ['Our Lyon office has the same problem with invoices', true],
    ['No', false],
    ['nothing new this quarter', false],
    ['Not this year; we are heads-down on the twelve new stores', false],
    ["We're fine, thanks", false],
    ['Honestly, nothing', false],
    ['N/A', false],
    ['-', false],
    ['?!', false],
  ])('"%s": a need is named: %s', (text, named) => {
    expect(namesANeed(text)).toBe(named);
    expect(ruleHolds(text)).toBe(named);
  });

  it('the offer of a deal and the bank rule read every answer the same way', () => {
    const word = fc.constantFrom(
      'no',
      'No',
      'none',
      'nothing',
      'not',
      'this',
      'year',
      'now',
      'we',
      "we're",
      'are',
      'fine',
      'ok',
      'all',
      'good',
      'honestly,',
      'really',
      'N/A',
      'returns',
      'payroll',
      'a',
      'new',
      'team',
      '-',
      '!',
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(' ');
        expect(namesANeed(text)).toBe(ruleHolds(text));
      }),
    );
    expect(results.all.some((q) => q.role === 'new_need')).toBe(true);
  });

  it.each([
    ['returns handling at the depots, all three of them.', 'Returns handling at the depots'],
    ['  payroll.  ', 'Payroll'],
    ['Vendor contract renewals are tracked in spreadsheets', 'Vendor contract renewals'],
    ['Honestly, the onboarding of new suppliers takes a month', 'Onboarding of new suppliers'],
    [
      'Intercompany invoices between the French and German entities take weeks',
      'Intercompany invoices between the French',
    ],
  ])('names a deal for "%s": %s', (need, name) => {
    expect(dealNameFor(need)).toBe(name);
  });
});

describe('deal file names', () => {
  it('are safe and never empty, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }), (name) => {
        expect(dealSlug(name)).toMatch(/^[a-z0-9][a-z0-9-]*$/);
        expect(dealSlug(name).length).toBeLessThanOrEqual(69);
      }),
    );
  });

  it('two names in another script never share a file', () => {
    expect(dealSlug('日本展開')).not.toBe(dealSlug('中国展開'));
    expect(dealSlug('EU rollout')).toBe('eu-rollout');
    expect(dealSlug('Société Générale')).toBe('societe-generale');
  });

  it('an account with one deal keeps one deal view whatever it is called', () => {
    const account = { name: 'A', sessions: [sessionFixture('a1', 'knowledge', '01')], records: [] };
    expect(dealView(account, '', 'first deal').sessions).toHaveLength(1);
  });
});

describe('who the rep is', () => {
  let home: string;
  const saved = { ...process.env };
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'journey-rep-'));
  });
  afterEach(async () => {
    process.env = { ...saved };
    await rm(home, { recursive: true, force: true });
  });

  it("config.yaml's rep comes first", async () => {
    await writeFile(join(home, 'config.yaml'), 'rep: Dana Ruiz\n');
    expect(await whoIsRep(home)).toBe('Dana Ruiz');
  });

  it("else git's user.name, else its user.email", async () => {
    const git = join(home, 'gitconfig');
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    process.env.GIT_CONFIG_GLOBAL = git;
    await writeFile(git, '[user]\n\tname = Sam Okafor\n');
    expect(await whoIsRep(home)).toBe('Sam Okafor');
    await writeFile(git, '[user]\n\temail = sam@example.com\n');
    expect(await whoIsRep(home)).toBe('sam@example.com');
  });

  it('else the OS user', async () => {
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    process.env.GIT_CONFIG_GLOBAL = join(home, 'none');
    expect(await whoIsRep(home)).toBe(userInfo().username);
  });

  it('a rep that is not one line is refused with the file and line', async () => {
    await writeFile(join(home, 'config.yaml'), 'rep: [a, b]\n');
    await expect(whoIsRep(home)).rejects.toThrow(/config\.yaml:1:\d+: error/);
  });
});

describe('picking up a session of a deal', () => {
  it('the resume hint names the deal, so resume finds the session among the other deals', async () => {
    const { renderSummary, setColor } = await import('../../src/ui/render.js');
    setColor(false);
    const view = {
      outcome: 'saved' as const,
      answered: 3,
      skipped: 0,
      notes: 0,
      missingRequired: [],
      file: 'f.yaml',
    };
    expect(renderSummary({ ...view, account: 'Acme, Inc.', deal: 'EU rollout' })).toMatch(
      /Continue with: journey resume 'Acme, Inc\.' --deal 'EU rollout'$/,
    );
    expect(renderSummary({ ...view, account: 'Acme, Inc.' })).toMatch(
      /Continue with: journey resume 'Acme, Inc\.'$/,
    );
  });
});
