import { describe, expect, it } from 'vitest';
import { type Background, NO_BACKGROUND } from '../../src/journey/background.js';
import type { Reply } from '../../src/journey/port.js';
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
  - { id: problem_statement, ask: Statement?, type: long, role: problem_statement, tracks: problem }
rules:
  - id: few_stakeholders
    when: size(answers.stakeholders) < 2
    tip: Ask who else is involved.
`);

const options = bankFrom(
  `id: o
version: 1
loop: options
title: O
questions:
  - { id: vendors, ask: Vendors?, type: list }
  - { id: people, ask: People?, type: list }
  - { id: root_cause, ask: Cause now?, type: text, tracks: problem }
  - { id: next_step, ask: Next step?, type: text }
rules:
  - id: single_vendor
    when: size(answers.vendors) < 2
    tip: Encourage them to talk to other vendors.
  - id: new_person
    when: size(added("people", "stakeholders")) > 0
    loop_back: { message: Someone new decides., revisit: [stakeholders, problem_statement] }
`,
  'o.yaml',
);

const background: Background = {
  previous: { stakeholders: ['VP'], root_cause: 'Handoffs', problem_statement: 'Slow onboarding' },
  account: { loops: ['knowledge'], sessions: 1, days_since_last_contact: 7, stage: 'prospect' },
};

type Decision = 'now' | 'defer' | 'cancel';

const a = (value: string | string[]): Reply => ({ kind: 'answer', value });

async function run(bank = options, replies: Reply[] = [], decisions: Decision[] = [], bg = background) {
  const clock = fixedClock();
  const session = newSession({
    id: `20260301T100000Z-${bank.loop}-abc123`,
    account: 'Acme',
    bank,
    now: clock(),
  });
  const s = script(replies, decisions);
  const saves: Session[] = [];
  const result = await runInterview({
    bank,
    knowledge,
    background: bg,
    session,
    prompts: s.prompts,
    save: async (x) => void saves.push(x),
    clock,
  });
  return { ...result, ...s, saves };
}

describe('rules and flags in the runner', () => {
  it('shows a tip as soon as its answer is given, records it, and fires it once', async () => {
    const r = await run(options, [
      a(['Globex']),
      { kind: 'back' },
      a(['Initech']),
      a(['VP']),
      a('Handoffs'),
      a('Demo'),
    ]);
    expect(r.shown.filter((m) => m.kind === 'tip')).toHaveLength(1);
    const tipIndex = r.shown.findIndex((m) => m.kind === 'tip');
    expect(tipIndex).toBe(0);
    expect(r.session.tips).toEqual([
      expect.objectContaining({ rule: 'single_vendor', text: 'Encourage them to talk to other vendors.' }),
    ]);
  });

  it('raises a loop-back with evidence, and on "now" asks the Knowledge questions again, recorded as Knowledge answers', async () => {
    const r = await run(
      options,
      [
        a(['Globex', 'Initech']),
        a(['VP', 'CFO']),
        a(['VP', 'CFO']),
        a('The tool, not handoffs'),
        a('Handoffs'),
        a('Demo'),
      ],
      ['now'],
    );
    const flag = r.session.flags.find((f) => f.rule === 'new_person');
    expect(flag).toMatchObject({
      id: 'abc123-1',
      message: 'Someone new decides.',
      revisit: ['stakeholders', 'problem_statement'],
      decision: 'reevaluated',
      evidence: [
        { question: 'people', ask: 'People?', after: ['VP', 'CFO'] },
        { question: 'stakeholders', ask: 'Stakeholders?', before: ['VP'] },
      ],
    });
    expect(r.asked.map((q) => [q.id, q.context.revisiting ?? ''])).toEqual([
      ['vendors', ''],
      ['people', ''],
      ['stakeholders', 'abc123-1'],
      ['problem_statement', 'abc123-1'],
      ['root_cause', ''],
      ['next_step', ''],
    ]);
    expect(r.session.revisits).toEqual([
      expect.objectContaining({
        flag: 'abc123-1',
        bank: expect.objectContaining({ id: 'k' }),
        entries: [
          expect.objectContaining({ question: 'stakeholders', answer: ['VP', 'CFO'] }),
          expect.objectContaining({
            question: 'problem_statement',
            role: 'problem_statement',
            answer: 'The tool, not handoffs',
          }),
        ],
      }),
    ]);
    // The re-evaluation is the problem's history, not another flag.
    expect(r.session.shifts.map((s) => s.question)).toEqual(['stakeholders', 'problem_statement']);
    expect(r.session.entries.map((e) => e.question)).toEqual([
      'vendors',
      'people',
      'root_cause',
      'next_step',
    ]);
  });

  it('on "later" keeps the flag open (deferred) and carries on', async () => {
    const r = await run(
      options,
      [a(['Globex', 'Initech']), a(['VP', 'CFO']), a('Handoffs'), a('Demo')],
      ['defer'],
    );
    expect(r.session.flags).toEqual([expect.objectContaining({ rule: 'new_person', decision: 'deferred' })]);
    expect(r.session.revisits).toEqual([]);
    expect(r.shown).toContainEqual({
      kind: 'flag',
      flag: expect.objectContaining({ rule: 'new_person' }),
      // The questions to revisit go with it, as the Knowledge bank asks them.
      asks: { stakeholders: 'Stakeholders?', problem_statement: 'Statement?' },
    });
    expect(r.outcome).toBe('complete');
  });

  it('raises a shift flag when a tracked answer materially changes outside the Knowledge loop', async () => {
    const r = await run(options, [
      a(['Globex', 'Initech']),
      a(['VP']),
      a('The tool cannot model entities'),
      a('Demo'),
    ]);
    expect(r.session.flags).toEqual([
      expect.objectContaining({
        rule: 'shift',
        evidence: [
          {
            question: 'root_cause',
            ask: 'Cause now?',
            before: 'Handoffs',
            after: 'The tool cannot model entities',
          },
        ],
        revisit: ['root_cause', 'problem_statement'],
      }),
    ]);
  });

  it('raises no shift for the same answer re-typed', async () => {
    const r = await run(options, [a(['Globex', 'Initech']), a(['vp']), a('handoffs.'), a('Demo')]);
    expect(r.session.flags).toEqual([]);
  });

  it('records a shift inside a Knowledge session as the problem history, not as an open flag', async () => {
    const r = await run(knowledge, [a('The tool'), a(['VP', 'CFO']), a('Slow onboarding')]);
    expect(r.session.flags).toEqual([]);
    expect(r.session.shifts).toEqual([
      expect.objectContaining({ question: 'root_cause', before: 'Handoffs', after: 'The tool' }),
      expect.objectContaining({ question: 'stakeholders', before: ['VP'], after: ['VP', 'CFO'] }),
    ]);
    expect(r.shown.filter((m) => m.kind === 'shift')).toHaveLength(2);
  });

  it('lets the rep raise a manual flag with a note, and defer it', async () => {
    const r = await run(
      options,
      [
        a(['Globex', 'Initech']),
        { kind: 'flag', text: 'They said the real issue is churn' },
        a(['VP']),
        a('Handoffs'),
        a('Demo'),
      ],
      ['defer'],
      { ...background, previous: { ...background.previous, people: ['VP'] } },
    );
    expect(r.session.flags).toEqual([
      expect.objectContaining({
        rule: 'manual',
        message: 'They said the real issue is churn',
        revisit: ['problem_statement'],
        decision: 'deferred',
      }),
    ]);
  });

  it('evaluates rules that need no answer at the start, and the rest at the end', async () => {
    const r = await run(
      knowledge,
      [a('Handoffs'), { kind: 'skip' }, a('Slow onboarding')],
      [],
      NO_BACKGROUND,
    );
    // few_stakeholders waits for stakeholders; it was skipped, so the condition cannot hold.
    expect(r.session.tips).toEqual([]);
    expect(r.outcome).toBe('complete');
  });

  it('saves and stops when Ctrl-C comes during the re-evaluation, keeping the flag open', async () => {
    const r = await run(
      options,
      [a(['Globex', 'Initech']), a(['VP', 'CFO']), a(['VP', 'CFO']), { kind: 'cancel' }],
      ['now'],
    );
    expect(r.outcome).toBe('cancelled');
    expect(r.session.flags[0]?.decision).toBe('deferred');
    expect(r.saves.at(-1)?.revisits[0]?.entries.map((e) => e.question)).toEqual(['stakeholders']);
  });

  it('stops when Ctrl-C answers the re-evaluate question', async () => {
    const r = await run(options, [a(['Globex', 'Initech']), a(['VP', 'CFO'])], ['cancel']);
    expect(r.outcome).toBe('cancelled');
    expect(r.saves.at(-1)?.flags).toHaveLength(1);
  });
});
