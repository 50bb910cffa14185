import { describe, expect, it } from 'vitest';
import { type ConditionContext, ConditionRuntimeError, emptyContext } from '../../src/bank/conditions.js';
import { bankFrom } from '../helpers.js';

/** A bank with one question of each kind the functions read; rules are added per test. */
const HEAD = `id: functions
version: 1
loop: options
title: Functions
shift_similarity: 0.5
aliases:
  Finance: [CFO, finance team]
  VP Customer Success: [VP CS, Head of CS]
questions:
  - { id: budget, ask: Budget?, type: number }
  - { id: confidence, ask: Confidence?, type: scale }
  - { id: days, ask: Days to go live?, type: measure }
  - { id: decision_date, ask: When?, type: date }
  - { id: budget_status, ask: Status?, type: choice, ordered: true, choices: [none, being_set, approved], other: true }
  - { id: cause, ask: Cause?, type: text }
  - { id: people, ask: People?, type: list }
  - id: vendors_learned
    ask: Learned?
    type: long
    listen_for: [a vendor they did not expect, { id: reframed, text: a vendor reframed the problem }]
rules:
`;

/** Evaluates one condition as a rule of the bank (its condition on line 23 of its file). */
function holds(when: string, context: Partial<ConditionContext>): boolean {
  const bank = bankFrom(
    `${HEAD}  - id: r\n    when: '${when.replace(/'/g, "''")}'\n    tip: T\n`,
    'bank.yaml',
  );
  const rule = bank.rules[0];
  if (!rule) throw new Error('no rule');
  return rule.evaluate({ ...emptyContext(), ...context });
}

const was = (previous: ConditionContext['previous'], answers: ConditionContext['answers']) => ({
  previous,
  answers,
});

describe('increased() and decreased()', () => {
  it.each([
    ['a number up', was({ budget: 100 }, { budget: 120 }), true, false],
    ['a number down', was({ budget: 100 }, { budget: 80 }), false, true],
    ['a number the same', was({ budget: 100 }, { budget: 100 }), false, false],
    ['a scale up', was({ confidence: 3 }, { confidence: 4 }), true, false],
    ['a scale down', was({ confidence: 4 }, { confidence: 2 }), false, true],
    ['a measure by its actual', was({ days: { actual: 40 } }, { days: { actual: 30 } }), false, true],
    [
      'a date later (a slip)',
      was({ decision_date: '2026-03-31' }, { decision_date: '2026-06-30' }),
      true,
      false,
    ],
    ['a date earlier', was({ decision_date: '2026-03-31' }, { decision_date: '2026-03-17' }), false, true],
    ['an ordered choice up', was({ budget_status: 'being_set' }, { budget_status: 'approved' }), true, false],
    ['an ordered choice down', was({ budget_status: 'approved' }, { budget_status: 'none' }), false, true],
    [
      'a free answer among ordered choices',
      was({ budget_status: 'none' }, { budget_status: 'ask me later' }),
      false,
      false,
    ],
    ['no previous answer', was({}, { budget: 120 }), false, false],
    ['no answer now', was({ budget: 100 }, {}), false, false],
  ])('%s', (_name, context, up, down) => {
    const q = Object.keys(context.answers)[0] ?? Object.keys(context.previous)[0] ?? '';
    expect(holds(`increased("${q}")`, context)).toBe(up);
    expect(holds(`decreased("${q}")`, context)).toBe(down);
  });
});

describe('change() and days_moved()', () => {
  it.each([
    ['a number up 25%', 'change("budget") == 0.25', was({ budget: 100 }, { budget: 125 }), true],
    ['a number down 40%', 'change("budget") < -0.3', was({ budget: 100 }, { budget: 60 }), true],
    ['a scale', 'change("confidence") == 0.5', was({ confidence: 2 }, { confidence: 3 }), true],
    [
      'a measure by its actual',
      'change("days") == -0.5',
      was({ days: { actual: 40 } }, { days: { actual: 20 } }),
      true,
    ],
    ['no previous answer', 'change("budget") == 0.0', was({}, { budget: 125 }), true],
    ['a previous answer of 0', 'change("budget") == 0.0', was({ budget: 0 }, { budget: 125 }), true],
    [
      'a date a quarter later',
      'days_moved("decision_date") > 60',
      was({ decision_date: '2026-03-31' }, { decision_date: '2026-06-30' }),
      true,
    ],
    [
      'a date a week earlier',
      'days_moved("decision_date") == -7',
      was({ decision_date: '2026-03-31' }, { decision_date: '2026-03-24' }),
      true,
    ],
    [
      'a date without a previous one',
      'days_moved("decision_date") == 0',
      was({}, { decision_date: '2026-03-24' }),
      true,
    ],
  ])('%s: %s', (_name, when, context, expected) => {
    expect(holds(when, context)).toBe(expected);
  });
});

describe('similar(), heard(), changed() and the lists', () => {
  it.each([
    [
      'a text reworded',
      'similar("cause")',
      was(
        { cause: 'Nobody owns the handoff between sales and CS' },
        { cause: 'No one owns the hand-off from sales to CS' },
      ),
      true,
    ],
    [
      'a text about something else',
      'similar("cause")',
      was(
        { cause: 'Onboarding takes eight weeks' },
        { cause: 'Our tool cannot model multi-entity customers' },
      ),
      false,
    ],
    ['a text without a previous one', 'similar("cause")', was({}, { cause: 'Onboarding' }), false],
    ['a list changed', 'changed("people")', was({ people: ['CFO'] }, { people: ['CFO', 'Legal'] }), true],
    [
      'a list respelled by alias',
      'changed("people")',
      was({ people: ['CFO', 'VP CS'] }, { people: ['Finance', 'Head of CS'] }),
      false,
    ],
    [
      'an alias is not added',
      'size(added("people")) > 0',
      was({ people: ['Finance'] }, { people: ['CFO', 'finance team'] }),
      false,
    ],
    [
      'a new name is added',
      'added("people") == ["Legal"]',
      was({ people: ['Finance'] }, { people: ['CFO', 'Legal'] }),
      true,
    ],
    [
      'against another question',
      'size(added("people", "stakeholders")) > 0',
      was({ stakeholders: ['VP Customer Success'] }, { people: ['VP CS'] }),
      false,
    ],
    [
      'a name removed',
      'removed("people") == ["VP CS"]',
      was({ people: ['CFO', 'VP CS'] }, { people: ['Finance'] }),
      true,
    ],
  ])('%s: %s', (_name, when, context, expected) => {
    expect(holds(when, context)).toBe(expected);
  });

  it.each([
    [{ vendors_learned: ['reframed'] }, true],
    [{ vendors_learned: [] }, false],
    [{ cause: ['reframed'] }, false],
    [undefined, false],
  ])('heard("vendors_learned", "reframed") with ticks %j is %s', (heard, expected) => {
    expect(holds('heard("vendors_learned", "reframed")', { answers: { vendors_learned: 'x' }, heard })).toBe(
      expected,
    );
  });
});

describe('a condition that cannot run is an error, never silently false', () => {
  it.each([
    [
      'a conversion',
      'int(answers.cause) > 0',
      { cause: 'abc' },
      /^bank\.yaml:23: rule "r": int\(\) cannot make a whole number of this value in "int\(answers\.cause\)"$/,
    ],
    [
      'a division by zero',
      'answers.budget >= 0.0 && 10 / int(answers.budget) > 1',
      { budget: 0 },
      /^bank\.yaml:23: rule "r": division by zero in "10 \/ int\(answers\.budget\)"$/,
    ],
    [
      'a modulo by zero',
      'int(answers.budget) % int(answers.budget) == 0',
      { budget: 0 },
      /^bank\.yaml:23: rule "r": modulo by zero/,
    ],
    [
      'an index past the end',
      'answers.people[2] == "CFO"',
      { people: ['CFO'] },
      /^bank\.yaml:23: rule "r": index 2 is past the end of a list of 1 \(test size\(\) first\)/,
    ],
  ])('%s', (_name, when, answers, message) => {
    let thrown: unknown;
    try {
      holds(when, { answers });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConditionRuntimeError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as ConditionRuntimeError).where).toEqual({
      file: 'bank.yaml',
      line: 23,
      kind: 'rule',
      id: 'r',
    });
  });

  it.each([
    ['an answer not given', 'answers.budget > 10.0', {}, {}],
    ['a part of a measure not given', 'answers.days.target > 10.0', { days: { actual: 3 } }, {}],
    ['a previous answer not given', 'previous.budget > 10.0', { budget: 1 }, {}],
    ['a skipped answer guarded', 'has(answers.cause) && int(answers.cause) > 0', {}, {}],
  ])('%s is false, silently', (_name, when, answers, previous) => {
    expect(holds(when, { answers, previous })).toBe(false);
  });

  it('places an error in a question condition at its question', () => {
    const bank = bankFrom(
      `${HEAD.replace('rules:\n', '')}  - id: follow\n    ask: F?\n    type: text\n    when: int(answers.cause) > 0\n`,
      'bank.yaml',
    );
    const condition = bank.conditions.get('follow');
    expect(() => condition?.({ ...emptyContext(), answers: { cause: 'many' } })).toThrow(
      /^bank\.yaml:24: question "follow": int\(\) cannot make a whole number/,
    );
  });

  it("reads a previous scale as a whole number, like this session's", () => {
    expect(
      holds('previous.confidence + 1 == answers.confidence', was({ confidence: 3 }, { confidence: 4 })),
    ).toBe(true);
  });
});
