// Conditions cannot hang a call: `matches` runs on RE2 (linear time) in both of its forms, patterns
// RE2 cannot run are refused when the bank loads, and every evaluation has a budget of work whose
// overrun is a ConditionRuntimeError (which the runner records as a warning). Tests assert outcomes;
// timings live in bench/.
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import {
  CONDITION_LIMITS,
  type ConditionContext,
  ConditionRuntimeError,
  emptyContext,
  isPlainPattern,
} from '../../src/bank/conditions.js';
import { parseBank } from '../../src/bank/parse.js';
import { runInterview } from '../../src/journey/runner.js';
import { scriptedPrompts } from '../../src/journey/scripted.js';
import { newSession } from '../../src/journey/session.js';
import { formatProblem } from '../../src/yaml/positions.js';
import { bankFrom, fixedClock } from '../helpers.js';

const HEAD = `id: safety
version: 1
loop: options
title: Safety
questions:
  - { id: text, ask: Text?, type: long }
  - { id: names, ask: Names?, type: list }
  - { id: pattern, ask: Pattern?, type: text }
rules:
`;

/** The rule's condition sits on line 11, its quote in column 11. */
function ruleBank(when: string) {
  return parseBank(`${HEAD}  - id: r\n    when: '${when.replace(/'/g, "''")}'\n    tip: T\n`, 'bank.yaml');
}

function rule(when: string) {
  const result = ruleBank(when);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  const r = result.bank.rules[0];
  if (!r) throw new Error('no rule');
  return r;
}

const context = (answers: ConditionContext['answers']): ConditionContext => emptyContext(answers);

/** What evaluating a condition gives: its value, or the runtime error's message. */
function outcome(when: string, answers: ConditionContext['answers']): boolean | string {
  try {
    return rule(when).evaluate(context(answers));
  } catch (error) {
    if (error instanceof ConditionRuntimeError) return error.message;
    throw error;
  }
}

const attack = `${'a'.repeat(50_000)}!`;

describe('matches runs on RE2: linear time, RE2 syntax', () => {
  it.each([
    ['catastrophic backtracking, method form', 'answers.text.matches("(a+)+$")', { text: attack }, false],
    ['catastrophic backtracking, function form', 'matches(answers.text, "(a+)+$")', { text: attack }, false],
    ['nested alternation', 'answers.text.matches("(a|aa)+b")', { text: attack }, false],
    [
      'inside exists()',
      'answers.names.exists(n, n.matches("^(x+x+)+y$"))',
      { names: ['x'.repeat(5000)] },
      false,
    ],
    [
      'a match anywhere in the text',
      'answers.text.matches("hand-?off")',
      { text: 'No one owns the handoff' },
      true,
    ],
    ['an inline flag (RE2 syntax)', 'answers.text.matches("(?i)CHURN")', { text: 'churn is up' }, true],
    ['a named group (RE2 syntax)', 'answers.text.matches("(?P<word>churn)")', { text: 'churn' }, true],
    ['a Unicode class', 'answers.text.matches("^\\\\p{Greek}+$")', { text: 'αβγ' }, true],
    ['the function form, no match', 'matches(answers.text, "^churn$")', { text: 'churn!' }, false],
  ])('%s', (_name, when, answers, expected) => {
    expect(outcome(when, answers)).toBe(expected);
  });

  it('a pattern made from an answer that RE2 cannot run is a runtime error, not a hang', () => {
    const message = outcome('answers.text.matches(answers.pattern)', { text: 'aaa', pattern: '(a)\\1' });
    expect(message).toMatch(
      /^bank\.yaml:11: rule "r": regular expression "\(a\)\\1" is not supported: invalid escape sequence/,
    );
  });
});

describe('plain patterns are checked without loading RE2, and RE2 agrees they are valid', () => {
  it.each([
    ['churn|attrition', true],
    ['^\\s*(no|none|nope|nothing|not really|n/a)\\b', true],
    ['hand-?off', true],
    ['a\\.b+', true],
    ['[a-z]', false],
    ['a{2}', false],
    ['(?i)x', false],
    ['a**', false],
    ['(a', false],
    ['\\1', false],
  ])('%s → %s', (pattern, plain) => {
    expect(isPlainPattern(pattern)).toBe(plain);
  });

  it('whatever it calls plain, RE2 compiles (property)', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      ' ',
      '(',
      ')',
      '|',
      '*',
      '+',
      '?',
      '.',
      '^',
      '$',
      '\\',
      's',
      'b',
      'd',
      'W',
      '/',
      '-',
      '[',
      '{',
      'é',
      '😀',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const pattern = pieces.join('');
        if (isPlainPattern(pattern)) expect(() => RE2JS.compile(pattern)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('patterns RE2 cannot run are refused when the bank loads, at their line and column', () => {
  it.each([
    [
      'a backreference',
      'answers.text.matches("(a)\\\\1")',
      'bank.yaml:11:33: error: regular expression "(a)\\1" is not supported: invalid escape sequence: `\\1` (conditions use RE2 regular expressions, which have no backreferences or lookaround)',
    ],
    [
      'a lookahead',
      'answers.text.matches("churn(?=ed)")',
      'bank.yaml:11:33: error: regular expression "churn(?=ed)" is not supported: invalid or unsupported Perl syntax: `(?=` (conditions use RE2 regular expressions, which have no backreferences or lookaround)',
    ],
    [
      'a negative lookahead, function form',
      'matches(answers.text, "(?!x)y")',
      'bank.yaml:11:34: error: regular expression "(?!x)y" is not supported: invalid or unsupported Perl syntax: `(?!` (conditions use RE2 regular expressions, which have no backreferences or lookaround)',
    ],
    [
      'a lookbehind inside exists()',
      'answers.names.exists(n, n.matches("(?<=a)b"))',
      'bank.yaml:11:46: error: regular expression "(?<=a)b" is not supported: invalid named capture: `(?<=a)b` (conditions use RE2 regular expressions, which have no backreferences or lookaround)',
    ],
    [
      'a repeat count over 1000',
      'answers.text.matches("a{1001}")',
      'bank.yaml:11:33: error: regular expression "a{1001}" is not supported: invalid repeat count: `{1001}`',
    ],
    [
      'the function form on a list',
      'matches(answers.names, "x")',
      'bank.yaml:11:12: error: matches(list<string>, string) does not fit: write text.matches("pattern") or matches(text, "pattern")',
    ],
    [
      'the name matches runs under',
      're2Matches(answers.text, "x")',
      'bank.yaml:11:12: error: no function re2Matches: write text.matches("pattern")',
    ],
    [
      'matches on a list',
      'answers.names.matches("x")',
      "bank.yaml:11:12: error: condition: found no matching overload for 'list.matches(string)'",
    ],
  ])('%s', (_name, when, expected) => {
    const result = ruleBank(when);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([expected]);
  });
});

describe('every evaluation has a budget of work', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `name ${i}`);
  const tooMuch = /^bank\.yaml:11: rule "r": condition took too much work: /;

  it.each([
    ['nested map over a large list', 'answers.names.map(a, answers.names.map(b, a + b)).size() > 0'],
    ['nested all()', 'answers.names.all(a, answers.names.all(b, a != b || a == b))'],
    ['nested exists() that never finds', 'answers.names.exists(a, answers.names.exists(b, a == b + "!"))'],
    ['split and map', 'answers.text.split(" ").map(w, answers.text.split(" ").size()).size() > 0'],
    [
      'an overrun that || would swallow',
      'answers.names.all(a, answers.names.all(b, a != b + "!")) || size(answers.names) > 0',
    ],
    [
      'an overrun that exists() would swallow',
      'answers.names.exists(a, a == "name 1999" || answers.names.map(b, b).size() < 0)',
    ],
  ])('%s stops with "condition took too much work"', (_name, when) => {
    const result = outcome(when, { names: many, text: many.join(' ') });
    expect(result).toMatch(tooMuch);
    expect(result).toContain(`more than ${CONDITION_LIMITS.steps.toLocaleString('en')} steps`);
  });

  it.each([
    ['a list past the cap', 'answers.text.split("").size() > 0', 'a list of more than 10,000 items'],
    [
      'a text doubled past the cap',
      'cel.bind(a, answers.text + answers.text, cel.bind(b, a + a, cel.bind(c, b + b, cel.bind(d, c + c, cel.bind(e, d + d, cel.bind(f, e + e, f.size() > 0))))))',
      'a text of more than 1,000,000 characters',
    ],
    [
      'a list doubled past the cap',
      'cel.bind(a, answers.names + answers.names, cel.bind(b, a + a, cel.bind(c, b + b, c.size() > 0)))',
      'a list of more than 10,000 items',
    ],
  ])('%s', (_name, when, why) => {
    const result = outcome(when, { names: many, text: 'x'.repeat(20_000) });
    expect(result).toMatch(tooMuch);
    expect(result).toContain(why);
  });

  it.each([
    [
      'a list of 500 items gone through twice',
      'answers.names.exists(a, a.matches("^name 49")) && answers.names.all(a, size(a) > 0)',
      true,
    ],
    [
      'a regular expression over a long answer',
      'answers.text.lowerAscii().matches("churn|attrition")',
      false,
    ],
  ])('real conditions stay well inside it: %s', (_name, when, expected) => {
    const names = many.slice(0, 500);
    expect(outcome(when, { names, text: 'x'.repeat(20_000) })).toBe(expected);
  });

  it('a question whose condition goes over budget is closed, and the run records a warning', async () => {
    const bank = bankFrom(`id: budget
version: 1
loop: options
title: Budget
questions:
  - { id: names, ask: Names?, type: list }
  - id: heavy
    ask: Heavy?
    type: text
    when: answers.names.map(a, answers.names.map(b, a + b)).size() > 0
  - { id: last, ask: Last?, type: text }
`);
    const clock = fixedClock();
    const names = Array.from({ length: 500 }, (_, i) => `person ${i}`);
    const prompts = scriptedPrompts(
      new Map<string, string | string[]>([
        ['names', names],
        ['heavy', 'never asked'],
        ['last', 'done'],
      ]),
      'answers.yaml',
    );
    const result = await runInterview({
      bank,
      session: newSession({ id: '20260301T100000Z-options-abc', account: 'Acme', bank, now: clock() }),
      prompts,
      save: async () => {},
      clock,
    });
    expect(result.outcome).toBe('complete');
    expect(prompts.asked()).toEqual(['names', 'last']);
    expect(result.session.warnings.map((w) => w.text)).toEqual([
      expect.stringMatching(
        /^test\.yaml:10: question "heavy": condition took too much work: more than 1,000,000 steps/,
      ),
    ]);
  });
});

describe('what a condition reads, for re-evaluating it only when that changes', () => {
  it.each([
    ['answers by name', 'answers.text == "x" && size(answers.names) > 0', ['text', 'names']],
    ['our functions', 'answered("text") && changed("names")', ['text', 'names']],
    ['answers as a whole', 'cel.bind(a, answers, a.text == "x")', undefined],
    ['an id not written out', '["text", "names"].exists(q, answered(q))', undefined],
  ])('%s', (_name, when, reads) => {
    expect(rule(when).evaluate.reads).toEqual(reads);
  });
});
