import { describe, expect, it } from 'vitest';
import { type ConditionContext, emptyContext } from '../../src/bank/conditions.js';
import { parseBank } from '../../src/bank/parse.js';
import { formatProblem } from '../../src/yaml/positions.js';
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
      'a backreference',
      '  - id: a\n    when: answers.cause.matches("(a)\\\\1")\n    tip: T\n',
      'bank.yaml:10:33: error: regular expression "(a)\\1" is not supported: invalid escape sequence: `\\1` (conditions use RE2 regular expressions, which have no backreferences or lookaround)',
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

const TYPED = `id: r
version: 1
loop: options
title: R
questions:
  - { id: budget, ask: Budget?, type: number }
  - { id: decision_date, ask: When?, type: date }
  - { id: stage, ask: Stage?, type: choice, choices: [early, late] }
  - { id: status, ask: Status?, type: choice, ordered: true, choices: [none, approved] }
  - { id: cause, ask: Cause?, type: text, listen_for: [{ id: reframed, text: a new cause }] }
rules:
  - id: a
    tip: T
`;

describe('what lint catches before a condition runs, at its line and column', () => {
  it.each([
    [
      'increased() on a text',
      'increased("cause")',
      'bank.yaml:13:21: error: increased("cause") needs a number, scale, measure, date or ordered choice question, but "cause" is text',
    ],
    [
      'decreased() on a choice not declared ordered',
      'decreased("stage")',
      'bank.yaml:13:21: error: decreased("stage") needs choices in order: add "ordered: true" to "stage" (first choice = lowest)',
    ],
    [
      'change() on a date',
      'change("decision_date") > 0.1',
      'bank.yaml:13:18: error: change("decision_date") needs a number, scale or measure question, but "decision_date" is date',
    ],
    [
      'days_moved() on a number',
      'days_moved("budget") > 7',
      'bank.yaml:13:22: error: days_moved("budget") needs a date question, but "budget" is number',
    ],
    [
      'similar() on an ordered choice',
      'similar("status")',
      'bank.yaml:13:19: error: similar("status") needs a text or long question, but "status" is choice',
    ],
    [
      'heard() with a cue the question does not have',
      'heard("cause", "reframe")',
      'bank.yaml:13:26: error: "cause" has no cue "reframe" (its cues: reframed)',
    ],
    [
      'heard() on a question without cues',
      'heard("budget", "big")',
      'bank.yaml:13:27: error: "budget" has no cue "big" (give a listen_for entry an id: - { id: big, text: … })',
    ],
    [
      'heard() on an unknown question',
      'heard("caus", "reframed")',
      'bank.yaml:13:17: error: unknown question id "caus" in heard() (name a question of this bank)',
    ],
    [
      'a division by a literal zero',
      'answers.budget / 0.0 > 1.0',
      'bank.yaml:13:28: error: division by zero: "/ 0" fails whenever the condition runs',
    ],
    [
      'a modulo by a literal zero',
      'int(answers.budget) % 0 == 1',
      'bank.yaml:13:33: error: modulo by zero: "% 0" fails whenever the condition runs',
    ],
    [
      'an unknown account fact',
      'account.session > 2',
      'bank.yaml:13:19: error: unknown account fact "session" (account has: loops, sessions, days_since_last_contact, stage)',
    ],
    [
      'an answer where a question id belongs',
      'increased(answers.budget)',
      'bank.yaml:13:29: error: increased() takes a question id in quotes: write increased("budget"), not increased(answers.budget)',
    ],
    [
      'one of our functions with the wrong arguments',
      'heard("cause")',
      'bank.yaml:13:11: error: heard(string) does not fit: write heard("question_id", "cue_id")',
    ],
    [
      'an unknown function',
      'grew("budget")',
      /^bank\.yaml:13:11: error: no function grew\(string\) \(functions: answered, changed, added, removed, increased, decreased, change, days_moved, similar, heard, new_people, kept, difference, worse_streak, behind, met, and CEL's own\)$/,
    ],
  ])('%s', (_name, when, expected) => {
    const result = parseBank(TYPED.replace('    tip: T', `    when: ${when}\n    tip: T`), 'bank.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map(formatProblem);
    expect(messages).toHaveLength(1);
    if (typeof expected === 'string') expect(messages[0]).toBe(expected);
    else expect(messages[0]).toMatch(expected);
  });

  it('accepts each function on the types it applies to', () => {
    const when =
      'increased("budget") || decreased("decision_date") || increased("status") || change("budget") > 0.2 || days_moved("decision_date") > 7 || similar("cause") || heard("cause", "reframed")';
    const result = parseBank(TYPED.replace('    tip: T', `    when: ${when}\n    tip: T`), 'bank.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });
});
