// Loop-backs a rep can trust: each defect found on healthy deals, replayed through the runner.
import { describe, expect, it } from 'vitest';
import type { QuestionBank } from '../../src/bank/bank.js';
import { type Background, backgroundFor, NO_BACKGROUND } from '../../src/journey/background.js';
import type { AskContext, Reply, RunnerMessage } from '../../src/journey/port.js';
import { statementHistory } from '../../src/journey/problem.js';
import { runInterview } from '../../src/journey/runner.js';
import { newSession } from '../../src/journey/session.js';
import type { Session } from '../../src/model/session.js';
import { bankFrom, fixedClock, script } from '../helpers.js';

const knowledge = bankFrom(`id: k
version: 1
loop: knowledge
title: K
questions:
  - { id: root_cause, ask: Root cause?, type: text, tracks: problem }
  - { id: stakeholders, ask: Stakeholders?, type: list, tracks: problem }
  - { id: urgency, ask: Urgency?, type: scale }
  - { id: problem_statement, ask: Statement?, type: long, role: problem_statement, tracks: problem }
`);

const options = bankFrom(
  `id: o
version: 1
loop: options
title: O
aliases: { Finance: [CFO, finance team] }
questions:
  - id: still_holds
    ask: Is that still the problem?
    type: confirm
    follow_ups:
      - { id: what_differs, ask: What is different about it now?, type: text, when: '!answers.still_holds' }
  - { id: people, ask: Who decides?, type: list }
  - { id: budget_status, ask: Budget?, type: choice, ordered: true, choices: [none, being_set, approved] }
  - { id: budget_amount, ask: Amount?, type: number, when: answers.budget_status == "approved" }
  - { id: root_cause, ask: Cause now?, type: text, tracks: problem }
  - { id: next_step, ask: Next step?, type: text }
rules:
  - id: no_longer_holds
    when: '!answers.still_holds'
    loop_back: { message: The problem moved., revisit: [root_cause, problem_statement] }
  - id: new_person
    when: size(new_people("people", "stakeholders")) > 0
    loop_back: { message: Someone new decides., revisit: [stakeholders, problem_statement] }
  - id: budget_cut
    when: decreased("budget_status") || decreased("budget_amount")
    loop_back: { message: The budget went down., revisit: [urgency, problem_statement] }
  - id: low_budget_tip
    when: answers.budget_status == "none"
    tip: No budget yet.
  - id: broken
    when: int(answers.next_step) > 0
    tip: never
`,
  'o.yaml',
);

const a = (value: unknown): Reply => ({ kind: 'answer', value }) as Reply;

interface Run {
  session: Session;
  asked: { id: string; context: AskContext }[];
  shown: RunnerMessage[];
}

async function run(
  bank: QuestionBank,
  replies: Reply[],
  background: Background = NO_BACKGROUND,
  decisions: ('now' | 'defer' | 'cancel')[] = [],
  start = '2026-03-10T10:00:00.000Z',
): Promise<Run> {
  const clock = fixedClock(start);
  const s = script(replies, decisions);
  const { session } = await runInterview({
    bank,
    knowledge,
    background,
    session: newSession({
      id: `20260310T100000Z-${bank.loop}-abc${start.slice(8, 10)}`,
      account: 'Acme',
      bank,
      now: clock(),
    }),
    prompts: s.prompts,
    save: async () => undefined,
    clock,
  });
  return { session, asked: s.asked, shown: s.shown };
}

const rules = (s: Session) => s.flags.map((f) => f.rule);

const earlierOptions = (people: string[], budget: string, amount?: number): Session[] => {
  const s = newSession({
    id: '20260301T100000Z-options-prev01',
    account: 'Acme',
    bank: options,
    now: new Date('2026-03-01T10:00:00Z'),
  });
  const at = '2026-03-01T10:00:01.000Z';
  return [
    {
      ...s,
      status: 'complete',
      entries: [
        { question: 'people', ask: 'Who decides?', type: 'list', answer: people, at },
        { question: 'budget_status', ask: 'Budget?', type: 'choice', answer: budget, at },
        ...(amount === undefined
          ? []
          : [{ question: 'budget_amount', ask: 'Amount?', type: 'number' as const, answer: amount, at }]),
      ],
    },
  ];
};

describe('loop-backs that do not cry wolf', () => {
  it('the same people spelled differently are not someone new (aliases, case, punctuation)', async () => {
    const bg = backgroundFor(
      earlierOptions(['VP Customer Success', 'Finance'], 'approved', 100000),
      new Date('2026-03-10T09:00:00Z'),
    );
    const r = await run(
      options,
      [a(true), a(['vp customer success', 'CFO']), a('approved'), a(100000), a('Handoffs'), a('Demo')],
      bg,
    );
    expect(rules(r.session)).toEqual([]);
  });

  it('the contact on the call is nobody new when she is named among the decision makers', async () => {
    const earlier = earlierOptions(['VP Customer Success'], 'approved', 100000);
    earlier[0] = { ...(earlier[0] as Session), contact: 'Priya Nair' };
    const bg = backgroundFor(earlier, new Date('2026-03-10T09:00:00Z'));
    const r = await run(
      options,
      [
        a(true),
        a(['VP Customer Success', 'Priya Nair (Head of Ops)']),
        a('approved'),
        a(100000),
        a('Handoffs'),
        a('Demo'),
      ],
      bg,
    );
    expect(rules(r.session)).toEqual([]);
  });

  it('someone new is flagged once, and not again in the next session with the same people', async () => {
    const first = earlierOptions(['VP Customer Success'], 'approved', 100000);
    const bg = backgroundFor(first, new Date('2026-03-10T09:00:00Z'));
    const r = await run(
      options,
      [
        a(true),
        a(['VP Customer Success', 'Head of Legal']),
        a('approved'),
        a(100000),
        a('Handoffs'),
        a('Demo'),
      ],
      bg,
    );
    expect(rules(r.session)).toEqual(['new_person']);
    const later = backgroundFor([...first, r.session], new Date('2026-03-20T09:00:00Z'));
    const again = await run(
      options,
      [
        a(true),
        a(['VP Customer Success', 'Head of Legal']),
        a('approved'),
        a(100000),
        a('Handoffs'),
        a('Demo'),
      ],
      later,
      [],
      '2026-03-20T10:00:00.000Z',
    );
    expect(rules(again.session)).toEqual([]);
  });

  it.each([
    ['a budget moving to approved', 'being_set', undefined, 'approved', 120000, []],
    ['an amount going up', 'approved', 100000, 'approved', 150000, []],
    ['an amount cut', 'approved', 100000, 'approved', 50000, ['budget_cut']],
    ['approval withdrawn', 'approved', 100000, 'being_set', undefined, ['budget_cut']],
  ])('%s: %j → %j raises %j', async (_, beforeStatus, beforeAmount, status, amount, expected) => {
    const bg = backgroundFor(
      earlierOptions(['VP'], beforeStatus as string, beforeAmount as number | undefined),
      new Date('2026-03-10T09:00:00Z'),
    );
    const replies = [
      a(true),
      a(['VP']),
      a(status),
      ...(amount === undefined ? [] : [a(amount)]),
      a('Handoffs'),
      a('Demo'),
    ];
    const r = await run(options, replies, bg);
    expect(rules(r.session)).toEqual(expected);
  });

  it('a reworded tracked answer is not a shift; a different one is', async () => {
    const bg: Background = {
      ...NO_BACKGROUND,
      previous: { root_cause: 'Nobody owns the handoff between sales and CS' },
    };
    const same = await run(
      options,
      [a(true), a(['VP']), a('approved'), a(1), a('No one owns the hand-off from sales to CS'), a('Demo')],
      bg,
    );
    expect(rules(same.session)).toEqual([]);
    const moved = await run(
      options,
      [a(true), a(['VP']), a('approved'), a(1), a('Our tool cannot model multi-entity customers'), a('Demo')],
      bg,
    );
    expect(rules(moved.session)).toEqual(['shift']);
  });
});

describe('when a loop-back is raised', () => {
  it('a budget loop-back comes right after the budget questions, not at the end of the call', async () => {
    const bg = backgroundFor(earlierOptions(['VP'], 'approved', 100000), new Date('2026-03-10T09:00:00Z'));
    const r = await run(options, [a(true), a(['VP']), a('approved'), a(40000), a('Handoffs'), a('Demo')], bg);
    const flagShownAfter = r.shown.findIndex((m) => m.kind === 'flag');
    expect(flagShownAfter).toBeGreaterThanOrEqual(0);
    // The runner shows the flag before asking root_cause: the script had been asked 4 questions then.
    const askedBeforeFlag = r.asked.filter((x) =>
      ['still_holds', 'people', 'budget_status', 'budget_amount'].includes(x.id),
    );
    expect(askedBeforeFlag).toHaveLength(4);
    expect(r.session.flags[0]?.rule).toBe('budget_cut');
    const budgetAnsweredAt = r.session.entries.find((e) => e.question === 'budget_amount')?.at ?? '';
    const causeAnsweredAt = r.session.entries.find((e) => e.question === 'root_cause')?.at ?? '';
    const flagAt = r.session.flags[0]?.at ?? '';
    expect(flagAt > budgetAnsweredAt).toBe(true);
    expect(flagAt < causeAnsweredAt).toBe(true);
  });

  it('"No" to "still the problem?" raises the loop-back only after its follow-up is asked', async () => {
    const r = await run(options, [
      a(false),
      a('It is the tool, not the handoff'),
      a(['VP']),
      a('none'),
      a('x'),
      a('Demo'),
    ]);
    const flag = r.session.flags.find((f) => f.rule === 'no_longer_holds');
    const followUpAt = r.session.entries.find((e) => e.question === 'what_differs')?.at ?? '';
    expect(flag).toBeDefined();
    expect((flag?.at ?? '') > followUpAt).toBe(true);
  });

  it('a condition that fails at run time is a recorded warning naming the bank and rule, not a silent false', async () => {
    const r = await run(options, [a(true), a(['VP']), a('none'), a('x'), a('not a number')]);
    expect(r.session.warnings.map((w) => w.text).join('\n')).toMatch(/o\.yaml.*broken/);
    expect(r.shown.some((m) => m.kind === 'warning' && /broken/.test(m.text))).toBe(true);
  });
});

describe('re-evaluation never loses or reverts', () => {
  const statementFirst: Background = {
    ...NO_BACKGROUND,
    previous: { problem_statement: 'A', root_cause: 'Handoffs', stakeholders: ['VP'] },
    history: { stakeholders: [['VP']] },
  };

  it('choosing Now twice pre-fills the newest statement, and saving it unchanged keeps it (no A→B→C→B)', async () => {
    const r = await run(
      options,
      [
        a(false), // still_holds → no_longer_holds
        a('moved'), // what_differs
        a('Tool limits'), // re-evaluation 1: root_cause
        a('C'), // re-evaluation 1: problem_statement
        a(['VP', 'Head of Legal']), // people → new_person
        a(['VP', 'Head of Legal']), // re-evaluation 2: stakeholders
        a('C'), // re-evaluation 2: problem_statement, kept as it was pre-filled
        a('none'),
        a('Tool limits'),
        a('Demo'),
      ],
      statementFirst,
      ['now', 'now'],
    );
    const second = r.asked.filter((x) => x.id === 'problem_statement')[1];
    expect(second?.context.previous).toBe('C');
    expect(statementHistory([r.session]).map((v) => v.text)).toEqual(['C']);
  });

  it('a re-asked list starts from the newest answer, so keeping it records no shift', async () => {
    const r = await run(
      options,
      [a(true), a(['VP', 'Head of Legal']), a(['VP']), a('A'), a('none'), a('Handoffs'), a('Demo')],
      statementFirst,
      ['now'],
    );
    const reasked = r.asked.find((x) => x.id === 'stakeholders');
    expect(reasked?.context.previous).toEqual(['VP']);
    expect(r.session.shifts).toEqual([]);
    expect(r.session.flags.map((f) => f.decision)).toEqual(['reevaluated']);
  });
});

describe('restating the problem', () => {
  it('resolves the open flags whose questions were asked again, says which, and leaves the others open', async () => {
    const prior = newSession({
      id: '20260301T100000Z-options-prev02',
      account: 'Acme',
      bank: options,
      now: new Date('2026-03-01T10:00:00Z'),
    });
    const flag = (id: string, revisit: string[]) => ({
      id,
      rule: 'new_person',
      message: `flag ${id}`,
      evidence: [],
      revisit,
      decision: 'deferred' as const,
      at: '2026-03-01T10:05:00.000Z',
    });
    const earlier: Session[] = [
      {
        ...prior,
        status: 'complete',
        flags: [
          flag('prev02-1', ['root_cause', 'problem_statement']),
          flag('prev02-2', ['missing_question']),
        ],
      },
    ];
    const bg = backgroundFor(earlier, new Date('2026-03-10T09:00:00Z'));
    const r = await run(knowledge, [a('Handoffs'), a(['VP']), a(3), a('Onboarding is slow')], bg);
    expect((r.session.resolved ?? []).map((x) => x.flag)).toEqual(['prev02-1']);
    const told = r.shown.find((m) => m.kind === 'resolved');
    expect(told?.kind === 'resolved' && told.flags.map((f) => f.id)).toEqual(['prev02-1']);
  });

  it('a flag raised and deferred in a session is not resolved by an answer given before it', async () => {
    const r = await run(
      options,
      [
        a(false), // still_holds → no_longer_holds, re-evaluated now
        a('moved'),
        a('Tool limits'),
        a('The tool cannot model multi-entity customers'),
        a(['VP']),
        a('none'),
        a('Tool limits'),
        { kind: 'flag', text: 'they said the real issue is churn' },
        a('Demo'),
      ],
      { ...NO_BACKGROUND, previous: { problem_statement: 'A', root_cause: 'Handoffs' } },
      ['now', 'defer'],
    );
    const manual = r.session.flags.find((f) => f.rule === 'manual');
    expect(manual?.decision).toBe('deferred');
    expect((r.session.resolved ?? []).map((x) => x.flag)).not.toContain(manual?.id);
  });
});
