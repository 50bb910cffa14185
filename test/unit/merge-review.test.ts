// The review of what a pull brought (journey/merge-review.ts, app/arrivals.ts): calls recorded by
// two reps who had not seen each other's, played through the real runner with the default banks,
// then merged. It raises the loop-backs the merged history shows and no call raised, and nothing else.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionBank } from '../../src/bank/bank.js';
import { loadCatalog } from '../../src/bank/catalog.js';
import { outlineOf } from '../../src/bank/outline.js';
import { backgroundFor } from '../../src/journey/background.js';
import { flagsByDeal } from '../../src/journey/deals.js';
import { accountFlags, flagViews } from '../../src/journey/flags.js';
import {
  type MergeReview,
  type MergeReviewInput,
  mergeFlagId,
  reviewMerged,
} from '../../src/journey/merge-review.js';
import { nextLoopWith } from '../../src/journey/next-loop.js';
import { buildPrep } from '../../src/journey/prep.js';
import { flagResolvedRecord, lostRecord, wonRecord } from '../../src/journey/records.js';
import { runInterview } from '../../src/journey/runner.js';
import { checkScriptedAnswers, scriptedPrompts } from '../../src/journey/scripted.js';
import { newSession, sessionId } from '../../src/journey/session.js';
import type { Account } from '../../src/model/account.js';
import type { AccountRecord } from '../../src/model/records.js';
import type { Session } from '../../src/model/session.js';
import { renderArrivals } from '../../src/ui/render-arrivals.js';
import { renderFlagViews } from '../../src/ui/render-prep.js';

let banks: QuestionBank[] = [];
const bank = (loop: Session['loop']) => banks.find((b) => b.loop === loop) as QuestionBank;
beforeAll(async () => {
  banks = (await loadCatalog()).entries.map((e) => e.bank);
});

const STATEMENT =
  'Customers take eight weeks to go live because nobody owns the handoff from sales to onboarding, and that delay is costing us renewals.';
/** The same problem in other words (as a teammate would write it down). */
const REWORDED =
  'Go-live takes eight weeks since no one owns the sales to onboarding handoff, which costs renewals.';
/** Another problem altogether. */
const OTHER =
  'Invoices are keyed by hand twice, so month-end close slips by a week and auditors flag errors.';

const KNOWLEDGE = {
  trigger: 'We lost two enterprise renewals last quarter',
  trigger_kind: 'customer_pain',
  problem_in_their_words: 'New customers take eight weeks to go live, and by then the champion has moved on.',
  first_noticed: 'In the Q3 churn review',
  who_affected: ['Onboarding team', 'Customer success', 'Sales'],
  who_feels_most: 'Onboarding team',
  frequency: 'weekly',
  impact_areas: ['revenue', 'customers'],
  monthly_cost: 45000,
  cost_basis: "Finance's churn model",
  cost_owner: 'The VP of Customer Success',
  urgency: 5,
  urgency_consequence: 'The board wants net retention above 100% by June',
  tried_before: false,
  root_cause: 'Nobody owns the handoff from sales to onboarding',
  status_quo: 'Churn keeps climbing',
  success_picture: 'Customers live in two weeks',
  success_measure: 'Days from signature to go-live',
  success_baseline: 56,
  stakeholders: ['VP Customer Success', 'RevOps'],
  problem_statement: STATEMENT,
};

const OPTIONS = {
  problem_still_holds: true,
  root_cause: 'Nobody owns the handoff from sales to onboarding',
  option_kinds: ['buy'],
  vendors: ['Globex', 'Initech'],
  criteria: ['Time to value', 'Multi-entity support'],
  top_criterion: 'Multi-entity support',
  budget_status: 'approved',
  budget_amount: 120000,
  decision_date: '2026-12-15',
  decision_process: 'Team evaluates, the VP approves',
  decision_people: ['VP Customer Success', 'RevOps'],
  champion: 'Head of Onboarding',
  confidence: 4,
  next_step: 'Pilot plan by Friday, owned by the Head of Onboarding',
};

/**
 * One call through the real runner: `seen` is the history the rep had on their machine. `judge`
 * answers a shift too close to call as the rep on the call would (else the threshold decides).
 */
async function call(
  loop: Session['loop'],
  rep: string,
  day: string,
  answers: Record<string, unknown>,
  seen: readonly Session[] = [],
  options: {
    records?: AccountRecord[];
    judge?: 'reworded' | 'moved';
    account?: string;
    suffix?: string;
  } = {},
): Promise<Session> {
  const b = bank(loop);
  const label = `${rep} ${loop} ${day}`;
  const scripted = scriptedPrompts(checkScriptedAnswers(b, answers, label), label, false);
  const judge = options.judge;
  const prompts = judge ? { ...scripted, judgeShift: async () => judge } : scripted;
  let tick = 0;
  const start = Date.parse(`${day}T10:00:00.000Z`);
  const clock = () => new Date(start + 1000 * tick++);
  const now = clock();
  const { session } = await runInterview({
    bank: b,
    knowledge: bank('knowledge'),
    background: backgroundFor(seen, now, options.records ?? []),
    session: newSession({
      id: sessionId(loop, now, options.suffix ?? `${rep.toLowerCase()}${day.slice(8)}`),
      account: options.account ?? 'Acme, Inc.',
      bank: b,
      rep,
      now,
    }),
    prompts,
    save: async () => undefined,
    clock,
    lenient: true,
  });
  return session;
}

const history = (sessions: Session[], records: AccountRecord[] = []): Account => ({
  name: 'Acme, Inc.',
  sessions: [...sessions].sort((a, b) => (a.started < b.started ? -1 : 1)),
  records,
});

function review(account: Account, arrived: Session[], extra: Partial<MergeReviewInput> = {}): MergeReview {
  return reviewMerged({
    account,
    arrived: { sessions: arrived.map((s) => s.id), records: [] },
    bankOf: (ref) => banks.find((b) => b.id === ref.id && b.hash === ref.hash),
    knowledge: bank('knowledge'),
    now: new Date('2026-11-20T09:00:00.000Z'),
    rep: 'sam',
    ...extra,
  });
}

const withRaised = (account: Account, ...reviews: MergeReview[]): Account => ({
  ...account,
  records: [...account.records, ...reviews.flatMap((r) => r.raised.map((x) => x.record))],
});

describe('two reps who recorded different problem statements', () => {
  let dana: Session;
  let lee: Session;
  beforeAll(async () => {
    dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
    // Lee opened the account on his own machine before pulling Dana's call.
    lee = await call('knowledge', 'Lee', '2026-11-05', { ...KNOWLEDGE, problem_statement: OTHER });
  });

  it('raises one loop-back, on the call that arrived, naming both calls', () => {
    expect(lee.flags).toEqual([]);
    const found = review(history([dana, lee]), [lee]);
    expect(found.reviewed).toBe(1);
    expect(found.raised).toHaveLength(1);
    const [raised] = found.raised;
    expect(raised?.session).toMatchObject({ id: lee.id, loop: 'knowledge', rep: 'Lee' });
    expect(raised?.record).toMatchObject({
      kind: 'flag_raised',
      account: 'Acme, Inc.',
      session: lee.id,
      rep: 'sam',
    });
    expect(raised?.record.flag).toMatchObject({
      id: mergeFlagId(lee.id, 'knowledge'),
      rule: 'shift',
      decision: 'deferred',
      evidence: [{ question: 'problem_statement', before: STATEMENT, after: OTHER }],
    });
    expect(raised?.record.flag.id).toMatch(/^m[0-9a-z]{11}-1$/);
    expect(raised?.record.flag.revisit).toContain('problem_statement');
    expect(raised?.record.flag.message).toMatch(
      /^Dana's call on 3 Nov and Lee's call on 5 Nov recorded different answers to (".+"|[0-9]+ questions about the problem \(the evidence names them\)): re-evaluate the problem with them\.$/,
    );
    expect(found.skipped).toEqual([]);
  });

  it("every clone raises the same flag under the same id (Lee receiving Dana's call)", () => {
    const fromDana = review(history([dana, lee]), [lee]).raised.map((r) => r.record.flag);
    const fromLee = review(history([dana, lee]), [dana]).raised.map((r) => r.record.flag);
    expect(fromLee).toEqual(fromDana);
  });

  it('lives like any flag: open, sends the deal back to Knowledge, shown by prep and flags', () => {
    const account = withRaised(history([dana, lee]), review(history([dana, lee]), [lee]));
    const [view] = flagsByDeal(account);
    expect(view).toMatchObject({ status: 'open', session: { id: lee.id, loop: 'knowledge' } });
    expect(view?.merged).toEqual({ at: '2026-11-20T09:00:00.000Z', rep: 'sam' });
    const outline = outlineOf(bank('knowledge'));
    expect(nextLoopWith(account, outline, new Date('2026-11-21T09:00:00Z')).loop).toBe('knowledge');
    const prep = buildPrep({ account, banks: { knowledge: outline }, now: new Date('2026-11-21T09:00:00Z') });
    expect(prep.openFlags.map((v) => v.flag.message)).toEqual([
      expect.stringContaining("Lee's call on 5 Nov"),
    ]);
    expect(renderFlagViews(accountFlags(account), 200)).toMatch(
      /open · found in the knowledge session of .+ when teammates' calls were merged/,
    );
  });

  it('is resolved by a later Knowledge call that restates the problem, or by hand', async () => {
    const account = withRaised(history([dana, lee]), review(history([dana, lee]), [lee]));
    const id = account.records[0]?.kind === 'flag_raised' ? account.records[0].flag.id : '';
    const again = await call('knowledge', 'Dana', '2026-11-24', KNOWLEDGE, account.sessions, {
      records: account.records,
    });
    expect(again.resolved?.map((r) => r.flag)).toEqual([id]);
    expect(flagsByDeal({ ...account, sessions: [...account.sessions, again] })[0]?.status).toBe('resolved');
    const byHand = flagResolvedRecord(
      'Acme, Inc.',
      id,
      'Same problem, checked',
      new Date('2026-11-22T09:00:00Z'),
    );
    expect(flagsByDeal({ ...account, records: [...account.records, byHand] })[0]?.resolution).toMatchObject({
      how: 'by_hand',
    });
  });

  it('raises nothing the second time, nor for copies two clones wrote', () => {
    const account = history([dana, lee]);
    const first = review(account, [lee]);
    expect(review(withRaised(account, first), [lee]).raised).toEqual([]);
    // Dana's and Lee's clones both raised it, then merged: two files, one flag.
    const second = review(account, [dana], { rep: 'lee', now: new Date('2026-11-20T10:00:00Z') });
    const both = withRaised(account, first, second);
    expect(both.records).toHaveLength(2);
    expect(flagViews(both.sessions, both.records)).toHaveLength(1);
    expect(flagViews(both.sessions, both.records)[0]?.merged?.rep).toBe('sam');
    expect(review(both, [dana, lee]).raised).toEqual([]);
  });

  it('skips a call whose bank version is not on this machine, and says so', () => {
    const found = review(history([dana, lee]), [lee], {
      bankOf: (ref) => (ref.hash === lee.bank.hash ? undefined : banks.find((b) => b.id === ref.id)),
    });
    expect(found.raised).toEqual([]);
    expect(found.reviewed).toBe(0);
    expect(found.skipped).toEqual([
      {
        session: { id: lee.id, loop: 'knowledge', started: lee.started, rep: 'Lee' },
        deal: null,
        bank: { id: lee.bank.id, version: lee.bank.version, hash: lee.bank.hash },
      },
    ]);
    expect(renderArrivals({ accounts: [found] }).join('\n')).toMatch(
      /not reviewed: Lee's knowledge call of 2026-11-05, its bank knowledge-discovery version \d+ .* is not on this machine/,
    );
  });
});

describe('calls that agree raise nothing', () => {
  it('the same problem in other words, and an Options call in step with it', async () => {
    const dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
    const lee = await call('knowledge', 'Lee', '2026-11-05', { ...KNOWLEDGE, problem_statement: REWORDED });
    const options = await call('options', 'Lee', '2026-11-09', OPTIONS, [lee]);
    const account = history([dana, lee, options]);
    expect(review(account, [lee, options])).toMatchObject({ reviewed: 2, raised: [], skipped: [] });
    expect(review(account, [dana])).toMatchObject({ reviewed: 3, raised: [] });
  });

  it("respects the rep's judgement: a reworded problem is the same problem", async () => {
    // The statement Lee heard is close to Dana's first one (too close to call: he judged it
    // reworded) but far from the way Dana wrote the same problem in a call Lee had not pulled.
    const heard = 'New customers wait two months to go live and we lose renewals over it.';
    const dana1 = await call('knowledge', 'Dana', '2026-11-01', KNOWLEDGE);
    const dana2 = await call(
      'knowledge',
      'Dana',
      '2026-11-03',
      { ...KNOWLEDGE, problem_statement: REWORDED },
      [dana1],
    );
    expect(dana2.shifts).toEqual([]);
    const lee = await call(
      'knowledge',
      'Lee',
      '2026-11-05',
      { ...KNOWLEDGE, problem_statement: heard },
      [dana1],
      {
        judge: 'reworded',
      },
    );
    expect(lee.judgements).toMatchObject([{ question: 'problem_statement', verdict: 'reworded' }]);
    const account = history([dana1, dana2, lee]);
    expect(review(account, [lee]).raised).toEqual([]);
    // Without the rep's word, the same calls are a divergence: the judgement is what holds it back.
    const unjudged = history([dana1, dana2, { ...lee, judgements: [] }]);
    expect(review(unjudged, [lee]).raised).toHaveLength(1);
    const moved = history([
      dana1,
      dana2,
      { ...lee, judgements: lee.judgements.map((j) => ({ ...j, before: OTHER })) },
    ]);
    // A judgement against another problem than the one the merge compares with does not hold it back.
    expect(review(moved, [lee]).raised).toHaveLength(1);
  });
});

describe('a shift outside the Knowledge loop (a tracked answer of an Options call)', () => {
  const heard = 'New customers wait two months to go live and we lose renewals over it.';

  it('raises a shift loop-back naming both calls, unless the rep judged it reworded', async () => {
    const dana1 = await call('knowledge', 'Dana', '2026-11-01', { ...KNOWLEDGE, root_cause: STATEMENT });
    const dana2 = await call('knowledge', 'Dana', '2026-11-03', { ...KNOWLEDGE, root_cause: REWORDED }, [
      dana1,
    ]);
    expect(dana2.shifts).toEqual([]);
    const lee = await call('options', 'Lee', '2026-11-05', { ...OPTIONS, root_cause: heard }, [dana1], {
      judge: 'reworded',
    });
    expect(lee.flags).toEqual([]);
    expect(review(history([dana1, dana2, lee]), [lee]).raised).toEqual([]);
    const unjudged = review(history([dana1, dana2, { ...lee, judgements: [] }]), [lee]);
    expect(unjudged.raised.map((r) => r.record.flag)).toMatchObject([
      {
        id: mergeFlagId(lee.id, 'shift:root_cause'),
        rule: 'shift',
        evidence: [{ question: 'root_cause', before: REWORDED, after: heard }],
      },
    ]);
    expect(unjudged.raised[0]?.record.flag.message).toMatch(
      /^Dana's call on 3 Nov and Lee's call on 5 Nov recorded different answers to (".+"|[0-9]+ questions about the problem \(the evidence names them\)): re-evaluate/,
    );
  });
});

describe("a teammate's Options call that adds someone to the decision", () => {
  it("raises the bank's new-stakeholder loop-back on that call", async () => {
    const dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
    // Lee ran the first Options call without Dana's Knowledge call on his machine: nobody named
    // before, so nobody new to him.
    const lee = await call('options', 'Lee', '2026-11-05', {
      ...OPTIONS,
      decision_people: ['VP Customer Success', 'CFO'],
    });
    expect(lee.flags).toEqual([]);
    const found = review(history([dana, lee]), [lee]);
    const rule = bank('options').rules.find((r) => r.id === 'new_stakeholder');
    expect(rule?.when).toContain('new_people("decision_people"');
    expect(found.raised.map((r) => r.record.flag.rule)).toEqual([rule?.id]);
    const flag = found.raised[0]?.record.flag;
    expect(flag?.id).toBe(mergeFlagId(lee.id, `rule:${rule?.id}`));
    expect(flag?.message).toMatch(/^Lee's call on 5 Nov, read after Dana's call on 3 Nov: Someone new/);
    expect(flag?.evidence).toContainEqual(
      expect.objectContaining({ question: 'decision_people', after: ['VP Customer Success', 'CFO'] }),
    );
    expect(flag?.revisit).toEqual(rule?.revisit);
  });

  it('raises nothing when a later call already raised the same loop-back itself', async () => {
    const dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
    const lee = await call('options', 'Lee', '2026-11-05', {
      ...OPTIONS,
      decision_people: ['VP Customer Success', 'CFO'],
    });
    // Dana heard of the CFO herself two days later, without Lee's call: her call raised it.
    const danaOptions = await call(
      'options',
      'Dana',
      '2026-11-07',
      { ...OPTIONS, decision_people: ['VP Customer Success', 'CFO'] },
      [dana],
    );
    expect(danaOptions.flags.map((f) => f.rule)).toEqual(['new_stakeholder']);
    expect(review(history([dana, lee, danaOptions]), [lee]).raised).toEqual([]);
  });

  it('is moot once Lee himself restated the problem in a later Knowledge call', async () => {
    const dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
    const lee = await call('options', 'Lee', '2026-11-05', {
      ...OPTIONS,
      decision_people: ['VP Customer Success', 'CFO'],
    });
    const leeAgain = await call(
      'knowledge',
      'Lee',
      '2026-11-08',
      { ...KNOWLEDGE, stakeholders: ['VP Customer Success', 'RevOps', 'CFO'] },
      [lee],
    );
    expect(review(history([dana, lee, leeAgain]), [lee, leeAgain]).raised).toEqual([]);
    // Dana's restatement, made without Lee's call, is not.
    const danaAgain = await call('knowledge', 'Dana', '2026-11-08', KNOWLEDGE, [dana]);
    expect(review(history([dana, lee, danaAgain]), [lee]).raised).toHaveLength(1);
  });
});

describe('conflicts', () => {
  const at = (day: string) => new Date(`2026-11-${day}T18:00:00.000Z`);

  it('two wons with other cadences: the one recorded last decides, and the summary says so', async () => {
    const dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
    const mine = wonRecord('Acme, Inc.', '2026-11-10', '30d', at('10'), { rep: 'Dana' });
    const theirs = wonRecord('Acme, Inc.', '2026-11-11', 'quarterly', at('11'), { rep: 'Lee' });
    const account = history([dana], [mine, theirs]);
    const found = reviewMerged({
      account,
      arrived: { sessions: [], records: [theirs] },
      bankOf: () => undefined,
      knowledge: undefined,
      now: at('20'),
    });
    expect(found.conflicts).toEqual([
      {
        kind: 'close',
        deal: null,
        rule: 'latest_close',
        closes: [
          { kind: 'won', on: '2026-11-10', every: '30d', at: mine.at, rep: 'Dana', arrived: false },
          { kind: 'won', on: '2026-11-11', every: 'quarterly', at: theirs.at, rep: 'Lee', arrived: true },
        ],
        applied: {
          kind: 'won',
          on: '2026-11-11',
          every: 'quarterly',
          at: theirs.at,
          rep: 'Lee',
          arrived: true,
        },
      },
    ]);
    expect(renderArrivals({ accounts: [found] }).join('\n')).toMatch(
      /closes disagree: Dana's won on 2026-11-10, check-ins every 30 days .* and Lee's won on 2026-11-11, check-ins quarterly .*; journey goes by the one recorded last: Lee's won/,
    );
    // The same close twice is no conflict; a won against a lost is.
    const same = wonRecord('Acme, Inc.', '2026-11-10', '30d', at('11'), { rep: 'Lee' });
    const agree = { ...account, records: [mine, same] };
    expect(
      reviewMerged({
        account: agree,
        arrived: { sessions: [], records: [same] },
        bankOf: () => undefined,
        knowledge: undefined,
        now: at('20'),
      }).conflicts,
    ).toEqual([]);
    const lost = lostRecord('Acme, Inc.', '2026-11-11', 'Went with Globex', at('11'), { rep: 'Lee' });
    const split = { ...account, records: [mine, lost] };
    const both = reviewMerged({
      account: split,
      arrived: { sessions: [], records: [lost] },
      bankOf: () => undefined,
      knowledge: undefined,
      now: at('20'),
    });
    expect(both.conflicts).toMatchObject([{ kind: 'close', applied: { kind: 'lost' } }]);
  });

  it('only closes recorded independently: with what this clone pushes known, an old close is history', () => {
    const old = wonRecord('Acme, Inc.', '2025-11-10', '30d', new Date('2025-11-10T18:00:00Z'), {
      rep: 'Dana',
    });
    const change = wonRecord('Acme, Inc.', '2025-11-10', 'quarterly', at('11'), { rep: 'Lee' });
    const account: Account = { name: 'Acme, Inc.', sessions: [], records: [old, change] };
    const input = {
      account,
      arrived: { sessions: [], records: [change] },
      bankOf: () => undefined,
      knowledge: undefined,
      now: at('20'),
    };
    expect(reviewMerged(input).conflicts).toHaveLength(1);
    expect(reviewMerged({ ...input, local: { records: [] } }).conflicts).toEqual([]);
    expect(reviewMerged({ ...input, local: { records: [old] } }).conflicts).toHaveLength(1);
  });

  it('two reps closing one deal within a day: the rep whose close was shared first hears of it too', () => {
    const dana = wonRecord('Acme, Inc.', '2026-11-10', '30d', at('10'), { rep: 'Dana' });
    const lee = wonRecord('Acme, Inc.', '2026-11-10', 'quarterly', at('11'), { rep: 'Lee' });
    const account: Account = { name: 'Acme, Inc.', sessions: [], records: [dana, lee] };
    // Dana pushed hers before Lee's arrived: hers is neither arriving nor this clone's unpushed part.
    const found = reviewMerged({
      account,
      arrived: { sessions: [], records: [lee] },
      local: { records: [] },
      bankOf: () => undefined,
      knowledge: undefined,
      now: at('20'),
    });
    expect(found.conflicts).toHaveLength(1);
    expect(found.conflicts[0]).toMatchObject({
      kind: 'close',
      rule: 'latest_close',
      applied: { rep: 'Lee' },
    });
  });

  it("an account spelled two ways: the newest call's spelling is shown", async () => {
    const dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
    const lee = await call(
      'knowledge',
      'Lee',
      '2026-11-05',
      { ...KNOWLEDGE, problem_statement: REWORDED },
      [],
      {
        account: 'ACME Inc',
      },
    );
    const found = review(history([dana, lee]), [lee]);
    expect(found.raised).toEqual([]);
    expect(found.conflicts).toEqual([
      {
        kind: 'account_name',
        rule: 'newest_session',
        applied: 'ACME Inc',
        spellings: [
          { name: 'Acme, Inc.', sessions: 1, arrived: false },
          { name: 'ACME Inc', sessions: 1, arrived: true },
        ],
      },
    ]);
    expect(renderArrivals({ accounts: [found] }).join('\n')).toMatch(
      /the account is spelled "Acme, Inc." \(1 call\), "ACME Inc" \(1 call\); journey shows the newest call's spelling, "ACME Inc"/,
    );
    // Nothing that arrived is spelled otherwise: no report.
    expect(review(history([dana, { ...lee, account: 'Acme, Inc.' }]), [lee]).conflicts).toEqual([]);
    // Nor when the two spellings were both here before the pull.
    const third = await call(
      'knowledge',
      'Lee',
      '2026-11-07',
      { ...KNOWLEDGE, problem_statement: REWORDED },
      [],
      {
        account: 'ACME Inc',
      },
    );
    expect(review(history([dana, lee, third]), [third]).conflicts).toEqual([]);
  });
});

describe('reviewArrivals: after a pull, in a data folder', () => {
  it('writes each new flag once, and nothing the second time', async () => {
    const home = await mkdtemp(join(tmpdir(), 'journey-arrivals-'));
    try {
      const { createSessionFile } = await import('../../src/store/sessions.js');
      const { reviewArrivals } = await import('../../src/app/arrivals.js');
      const dana = await call('knowledge', 'Dana', '2026-11-03', KNOWLEDGE);
      const lee = await call('knowledge', 'Lee', '2026-11-05', { ...KNOWLEDGE, problem_statement: OTHER });
      await mkdir(join(home, 'accounts'), { recursive: true });
      await createSessionFile(home, dana);
      const path = await createSessionFile(home, lee);
      const arrived = { paths: [relative(home, path), 'config.yaml', 'accounts/acmeinc/notes.txt'] };
      const context = { rep: 'Sam', now: new Date('2026-11-20T09:00:00Z') };
      const first = await reviewArrivals(home, arrived, context);
      expect(first.problems).toEqual([]);
      expect(first.accounts).toHaveLength(1);
      expect(first.accounts[0]?.raised).toHaveLength(1);
      expect(first.accounts[0]?.written).toHaveLength(1);
      expect(existsSync(first.accounts[0]?.written[0] ?? '')).toBe(true);
      expect(first.accounts[0]?.written[0]).toMatch(/records[\\/]\d{8}T\d{6}Z-flagraised-[a-z0-9]+\.yaml$/);
      const lines = renderArrivals(first).join('\n');
      expect(lines).toMatch(/Reviewed 1 call against the merged history: 1 new loop-back flag/);
      expect(lines).toMatch(/Dana's call on 3 Nov and Lee's call on 5 Nov recorded different answers/);
      const second = await reviewArrivals(home, arrived, context);
      expect(second.accounts[0]?.raised).toEqual([]);
      expect(second.accounts[0]?.written).toEqual([]);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
