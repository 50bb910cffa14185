import { describe, expect, it } from 'vitest';
import { type ConditionContext, emptyContext } from '../../src/bank/conditions.js';
import { parseBank } from '../../src/bank/parse.js';
import { formatProblem } from '../../src/yaml/source.js';
import { bankFrom } from '../helpers.js';

const bank = bankFrom(`id: rules
version: 1
loop: options
title: Rules
questions:
  - { id: vendors, ask: Vendors?, type: list }
  - { id: people, ask: People?, type: list }
  - { id: cause, ask: Cause?, type: text }
  - { id: budget, ask: Budget?, type: number }
  - { id: stage, ask: Stage?, type: choice, choices: [early, late] }
rules:
  - id: single_vendor
    when: size(answers.vendors) < 2
    tip: Encourage them to talk to other vendors.
  - id: new_person
    when: size(added("people", "stakeholders")) > 0 || size(added("people")) > 0
    loop_back: { message: New person, revisit: [stakeholders] }
  - id: gone_person
    when: size(removed("people")) > 0
    tip: Someone left the decision.
  - id: cause_changed
    when: changed("cause")
    loop_back: { message: Cause moved, revisit: [root_cause] }
  - id: churn
    when: answers.cause.lowerAscii().matches("churn|attrition")
    tip: Churn mentioned.
  - id: returning
    when: account.sessions > 2 && "knowledge" in account.loops && account.stage == "prospect"
    tip: A returning prospect.
  - id: stale
    when: account.days_since_last_contact > 30
    tip: Long time no see.
  - id: skipped_budget
    when: '!answered("budget")'
    tip: Ask about budget.
  - id: budget_up
    when: has(previous.budget) && answers.budget > previous.budget * 1.5
    tip: Budget grew a lot.
`);

function fires(id: string, context: Partial<ConditionContext>): boolean {
  const rule = bank.rules.find((r) => r.id === id);
  if (!rule) throw new Error(id);
  return rule.evaluate({ ...emptyContext(), ...context });
}

const account = {
  loops: ['knowledge', 'options', 'options'] as const,
  sessions: 3,
  days_since_last_contact: 40,
  stage: 'prospect' as const,
};

describe('rule conditions', () => {
  it.each([
    ['single_vendor', { answers: { vendors: ['Globex'] } }, true],
    ['single_vendor', { answers: { vendors: ['Globex', 'Initech'] } }, false],
    ['single_vendor', { answers: {} }, false],
    ['new_person', { answers: { people: ['CFO', 'VP'] }, previous: { stakeholders: ['vp'] } }, true],
    [
      'new_person',
      { answers: { people: ['VP'] }, previous: { stakeholders: ['vp'], people: ['VP'] } },
      false,
    ],
    ['new_person', { answers: { people: ['VP', 'CFO'] }, previous: { people: ['VP'] } }, true],
    ['new_person', { answers: { people: ['VP'] }, previous: {} }, false],
    ['gone_person', { answers: { people: ['VP'] }, previous: { people: ['VP', 'CFO'] } }, true],
    ['cause_changed', { answers: { cause: 'The tool' }, previous: { cause: 'Handoffs' } }, true],
    ['cause_changed', { answers: { cause: 'handoffs!' }, previous: { cause: 'Handoffs' } }, false],
    ['cause_changed', { answers: { cause: 'The tool' }, previous: {} }, false],
    ['churn', { answers: { cause: 'Customer CHURN is up' } }, true],
    ['returning', { account: { ...account, loops: [...account.loops] } }, true],
    ['returning', { account: { ...account, loops: [...account.loops], stage: 'customer' as const } }, false],
    ['stale', { account: { ...account, loops: [] } }, true],
    ['skipped_budget', { answers: {} }, true],
    ['skipped_budget', { answers: { budget: 10 } }, false],
    ['budget_up', { answers: { budget: 200 }, previous: { budget: 100 } }, true],
    ['budget_up', { answers: { budget: 120 }, previous: { budget: 100 } }, false],
  ] as const)('%s with %j → %s', (id, context, expected) => {
    expect(fires(id, context as Partial<ConditionContext>)).toBe(expected);
  });

  it('knows which answers each rule waits for, and which earlier answers it reads', () => {
    const byId = Object.fromEntries(
      bank.rules.map((r) => [r.id, { dependsOn: r.dependsOn, readsPrevious: r.readsPrevious }]),
    );
    expect(byId.new_person).toEqual({ dependsOn: ['people'], readsPrevious: ['stakeholders'] });
    expect(byId.returning).toEqual({ dependsOn: [], readsPrevious: [] });
    expect(byId.budget_up).toEqual({ dependsOn: ['budget'], readsPrevious: ['budget'] });
  });
});

const HEAD = `id: r
version: 1
loop: options
title: R
questions:
  - { id: vendors, ask: Vendors?, type: list }
  - { id: cause, ask: Cause?, type: text }
rules:
`;

describe('rule mistakes are found when the bank loads, at their line and column', () => {
  it.each([
    [
      'a syntax error',
      '  - id: a\n    when: size(answers.vendors) <\n    tip: T\n',
      'bank.yaml:10:34: error: condition ends too early: something is missing at its end',
    ],
    [
      'an unknown question in answers',
      '  - id: a\n    when: answers.vendor == "x"\n    tip: T\n',
      /^bank\.yaml:10:19: error: unknown question id "vendor"/,
    ],
    [
      'an unknown question in a function',
      '  - id: a\n    when: changed("caus")\n    tip: T\n',
      'bank.yaml:10:19: error: unknown question id "caus" in changed() (name a question of this bank)',
    ],
    [
      'a text compared with a number',
      '  - id: a\n    when: answers.cause > 3\n    tip: T\n',
      /^bank\.yaml:10:11: error: type mismatch in condition: cannot use string > int/,
    ],
    [
      'added() on a text question',
      '  - id: a\n    when: size(added("cause")) > 0\n    tip: T\n',
      'bank.yaml:10:22: error: added("cause") needs a multi or list question, but "cause" is text',
    ],
    [
      'an inline regex flag',
      '  - id: a\n    when: answers.cause.matches("(?i)churn")\n    tip: T\n',
      'bank.yaml:10:33: error: regular expression "(?i)churn" is not supported: for case-insensitive matching write x.lowerAscii().matches("…")',
    ],
    [
      'an unknown function',
      '  - id: a\n    when: grew("cause")\n    tip: T\n',
      /^bank\.yaml:10:11: error: no function grew\(string\)/,
    ],
    [
      'both a tip and a loop-back',
      '  - id: a\n    when: answered("cause")\n    tip: T\n    loop_back: { message: M, revisit: [x] }\n',
      'bank.yaml:9:9: error: a rule has either "loop_back" or "tip", not both or neither',
    ],
    [
      'neither',
      '  - id: a\n    when: answered("cause")\n',
      'bank.yaml:9:9: error: a rule has either "loop_back" or "tip", not both or neither',
    ],
    [
      'an empty revisit',
      '  - id: a\n    when: answered("cause")\n    loop_back: { message: M, revisit: [] }\n',
      /^bank\.yaml:11:39: error: "revisit": name at least one Knowledge-loop question/,
    ],
    [
      'a duplicate rule id',
      '  - id: a\n    when: answered("cause")\n    tip: T\n  - id: a\n    when: answered("cause")\n    tip: U\n',
      'bank.yaml:12:9: error: duplicate rule id "a" (first used on line 9)',
    ],
  ])('%s', (_name, rules, expected) => {
    const result = parseBank(HEAD + rules, 'bank.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map(formatProblem);
    expect(messages).toHaveLength(1);
    if (typeof expected === 'string') expect(messages[0]).toBe(expected);
    else expect(messages[0]).toMatch(expected);
  });

  it('checks revisit ids against the Knowledge questions it is given', () => {
    const text = `${HEAD}  - id: a\n    when: answered("cause")\n    loop_back: { message: M, revisit: [root_cause, rot_cause] }\n`;
    const result = parseBank(text, 'bank.yaml', { knowledgeIds: new Set(['root_cause']) });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'bank.yaml:11:52: error: revisit names "rot_cause", which is not a Knowledge-loop question',
    ]);
  });

  it('allows one problem statement, in a Knowledge bank only', () => {
    const options = `${HEAD.replace('rules:\n', '')}  - { id: s, ask: S?, type: long, role: problem_statement }\n`;
    expect(
      parseBank(options, 'o.yaml').ok
        ? []
        : (parseBank(options, 'o.yaml') as { problems: { message: string }[] }).problems.map(
            (p) => p.message,
          ),
    ).toEqual(['only a Knowledge bank has a problem statement']);
    const knowledge = `id: k\nversion: 1\nloop: knowledge\ntitle: K\nquestions:\n  - { id: a, ask: A?, type: long, role: problem_statement }\n  - { id: b, ask: B?, type: long, role: problem_statement }\n`;
    const result = parseBank(knowledge, 'k.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'k.yaml:7:41: error: a bank has one problem statement; line 6 is already it',
    ]);
  });
});
