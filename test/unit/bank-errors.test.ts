import { describe, expect, it } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { DEFAULT_SHIFT_SIMILARITY } from '../../src/model/compare.js';
import { formatProblem } from '../../src/yaml/positions.js';

/** A valid bank's head; tests append questions to it. Lines 1-5. */
const HEAD = `id: test-bank
version: 1
loop: knowledge
title: Test bank
questions:
`;

function problems(text: string): string[] {
  const result = parseBank(text, 'bank.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('parseBank reports every problem at its line and column', () => {
  it.each([
    [
      'YAML syntax error',
      `${HEAD}  - id: a\n    ask: "unclosed\n`,
      [/^bank\.yaml:7:10: error: YAML syntax: /],
    ],
    [
      'duplicate key',
      `${HEAD}  - id: a\n    ask: A?\n    ask: B?\n    type: text\n`,
      ['bank.yaml:8:5: error: this key appears twice in the same map: keep one'],
    ],
    [
      'alias',
      `${HEAD}  - id: a\n    ask: &x A?\n    type: text\n  - id: b\n    ask: *x\n    type: text\n`,
      ['bank.yaml:10:10: error: aliases (*x) are not allowed: write the value out in full'],
    ],
    [
      'unknown tag',
      `${HEAD}  - id: a\n    ask: !shout A?\n    type: text\n`,
      [/^bank\.yaml:7:10: error: .*custom tags are not allowed/],
    ],
    ['missing key', `${HEAD}  - id: a\n    type: text\n`, ['bank.yaml:6:5: error: missing "ask"']],
    [
      'unknown key with a suggestion',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    listen: [x]\n`,
      [
        /^bank\.yaml:9:5: error: unknown key "listen": did you mean "listen_for"\? \(expected one of: id, ask, type/,
      ],
    ],
    [
      'a comma inside a flow map',
      `${HEAD}  - id: a\n    ask: A?\n    type: choice\n    choices:\n      - { id: x, label: Yes, really }\n`,
      [/^bank\.yaml:10:30: error: unknown key "really".*a comma starts a new key/],
    ],
    [
      'bad question type',
      `${HEAD}  - id: a\n    ask: A?\n    type: essay\n`,
      [
        'bank.yaml:8:11: error: "type" must be one of: text, long, choice, multi, list, confirm, number, scale, date, measure (got "essay")',
      ],
    ],
    [
      'bad loop',
      'id: b\nversion: 1\nloop: pricing\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: text\n',
      ['bank.yaml:3:7: error: "loop" must be one of: knowledge, options, results (got "pricing")'],
    ],
    [
      'id not in snake_case',
      `${HEAD}  - id: Budget-Size\n    ask: A?\n    type: text\n`,
      ['bank.yaml:6:9: error: "id" use snake_case: lowercase letters, digits and _, starting with a letter'],
    ],
    [
      'version that is not a whole number',
      'id: b\nversion: 1.5\nloop: options\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: text\n',
      ['bank.yaml:2:10: error: "version" should be a whole number, not 1.5'],
    ],
    [
      'choice question without choices',
      `${HEAD}  - id: a\n    ask: A?\n    type: choice\n`,
      ['bank.yaml:8:11: error: a choice question needs "choices"'],
    ],
    [
      'unit on a text question',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    unit: USD\n`,
      ['bank.yaml:9:11: error: "unit" does not apply to a text question'],
    ],
    [
      'scale with min above max',
      `${HEAD}  - id: a\n    ask: A?\n    type: scale\n    min: 5\n    max: 1\n`,
      ['bank.yaml:10:10: error: "max" (1) must be above "min" (5)'],
    ],
    [
      'wrong type of value',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    required: sometimes\n`,
      ['bank.yaml:9:15: error: "required" should be true or false, not "sometimes"'],
    ],
    [
      'duplicate question id, in a follow-up',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    follow_ups:\n      - id: a\n        ask: Again?\n        type: text\n`,
      ['bank.yaml:10:13: error: duplicate question id "a" (first used on line 6)'],
    ],
    [
      'duplicate choice',
      `${HEAD}  - id: a\n    ask: A?\n    type: choice\n    choices: [x, y, x]\n`,
      ['bank.yaml:9:21: error: duplicate choice "x" in "a"'],
    ],
    [
      'unknown question id in a condition',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n  - id: b\n    ask: B?\n    type: text\n    when: answers.aa == "x"\n`,
      [
        'bank.yaml:12:19: error: unknown question id "aa" in condition (answers.<id> must name a question of this bank)',
      ],
    ],
    [
      'syntax error in a condition',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n  - id: b\n    ask: B?\n    type: text\n    when: answers.a == "x" &&\n`,
      ['bank.yaml:12:30: error: condition ends too early: something is missing at its end'],
    ],
    [
      'type mismatch in a condition',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n  - id: b\n    ask: B?\n    type: text\n    when: answers.a > 3\n`,
      [/^bank\.yaml:12:11: error: type mismatch in condition: cannot use string > int/],
    ],
    [
      'a condition that is not true or false',
      `${HEAD}  - id: a\n    ask: A?\n    type: number\n  - id: b\n    ask: B?\n    type: text\n    when: answers.a + 1.0\n`,
      ['bank.yaml:12:11: error: a condition must be true or false, but this gives double'],
    ],
    [
      'a cue map with a misspelt key',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    listen_for: [{ id: new_leader, txt: A new owner }]\n`,
      [
        'bank.yaml:9:18: error: missing "text"',
        /^bank\.yaml:9:36: error: unknown key "txt": did you mean "text"\? \(expected one of: id, text\)$/,
      ],
    ],
    [
      'a cue id not in snake_case',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    listen_for: [{ id: New-Leader, text: A new owner }]\n`,
      ['bank.yaml:9:24: error: "id" use snake_case: lowercase letters, digits and _, starting with a letter'],
    ],
    [
      'a listen_for entry that is neither a text nor a map',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    listen_for: [3]\n`,
      ['bank.yaml:9:18: error: item 1 of "listen_for" should be a text or a map with "id" and "text"'],
    ],
    [
      'a duplicate cue id',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    listen_for:\n      - { id: vague, text: A vague answer }\n      - { id: vague, text: No number }\n`,
      ['bank.yaml:11:15: error: duplicate cue "vague" in "a"'],
    ],
    [
      'ordered on a text question',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    ordered: true\n`,
      ['bank.yaml:9:14: error: "ordered" does not apply to a text question'],
    ],
    [
      'every_time that is not true or false',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\nrules:\n  - id: r\n    when: answered("a")\n    tip: T\n    every_time: sometimes\n`,
      ['bank.yaml:13:17: error: "every_time" should be true or false, not "sometimes"'],
    ],
    [
      'a misspelt every_time',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\nrules:\n  - id: r\n    when: answered("a")\n    tip: T\n    everytime: true\n`,
      [/^bank\.yaml:13:5: error: unknown key "everytime": did you mean "every_time"\?/],
    ],
    [
      'shift_similarity above 1',
      `shift_similarity: 1.5\n${HEAD}  - id: a\n    ask: A?\n    type: text\n`,
      ['bank.yaml:1:19: error: "shift_similarity" must be 1 or less'],
    ],
    [
      'an alias of two names',
      `aliases:\n  Finance: [CFO, finance team]\n  Legal: [cfo]\n${HEAD}  - id: a\n    ask: A?\n    type: text\n`,
      [
        'bank.yaml:3:11: error: alias "cfo" already stands for "Finance": a name can stand for one name only, not also "Legal"',
      ],
    ],
    [
      'an alias that is a name of its own',
      `aliases:\n  Finance: [CFO]\n  CFO: [Chief Financial Officer]\n${HEAD}  - id: a\n    ask: A?\n    type: text\n`,
      ['bank.yaml:2:13: error: "CFO" is a name of its own in aliases, so it cannot also stand for "Finance"'],
    ],
    [
      'an example ticking cues that do not exist',
      `${HEAD}  - id: a\n    ask: A?\n    type: text\n    listen_for: [{ id: vague, text: A vague answer }]\nexamples:\n  - name: e\n    answers: { a: x }\n    heard: { a: [vage], b: [vague] }\n    expect: {}\n`,
      [
        'bank.yaml:13:18: error: example "e": "a" has no cue "vage" (its cues: vague)',
        'bank.yaml:13:28: error: example "e" ticks cues of "b", which is not a question of this bank',
      ],
    ],
    [
      'a name without aliases',
      `aliases:\n  Finance: []\n${HEAD}  - id: a\n    ask: A?\n    type: text\n`,
      ['bank.yaml:2:12: error: "Finance": name at least one alias'],
    ],
  ])('%s', (_name, text, expected) => {
    const found = problems(text);
    expect(found).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      if (typeof want === 'string') expect(found[i]).toBe(want);
      else expect(found[i]).toMatch(want);
    });
  });

  it('reports schema and reference problems together, in one pass', () => {
    const text = `${HEAD}  - id: a\n    ask: A?\n    type: essay\n  - id: a\n    ask: B?\n    type: text\n    when: answers.zz\n`;
    const found = problems(text);
    expect(found).toEqual([
      expect.stringMatching(/^bank\.yaml:8:11: error: "type" must be one of/),
      'bank.yaml:9:9: error: duplicate question id "a" (first used on line 6)',
      expect.stringMatching(/^bank\.yaml:12:19: error: unknown question id "zz"/),
    ]);
  });

  it('refuses a file that is not a map', () => {
    expect(problems('- just\n- a list\n')).toEqual([
      'bank.yaml:1:1: error: a bank is a map with id, version, loop, title and questions',
    ]);
  });

  it('refuses a file over the size cap without parsing it', () => {
    expect(problems(`# ${'x'.repeat(1024 * 1024)}\n`)).toEqual([
      'bank.yaml:1:1: error: file is larger than 1024 KiB',
    ]);
  });

  it('survives deep nesting without a crash', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(() => problems(deep)).not.toThrow();
    expect(problems(deep).length).toBeGreaterThan(0);
  });
});

describe('a valid bank', () => {
  const text = `${HEAD}  - id: a\n    ask: A?\n    type: choice\n    choices: [yes_please, { id: no_thanks, label: "No, thanks" }]\n`;

  it('normalises choices to ids and labels', () => {
    const result = parseBank(text, 'bank.yaml');
    if (!result.ok) throw new Error('expected a valid bank');
    expect(result.bank.questions[0]?.choices).toEqual([
      { id: 'yes_please', label: 'yes_please' },
      { id: 'no_thanks', label: 'No, thanks' },
    ]);
  });

  it('hashes content, not comments or layout', () => {
    const a = parseBank(text, 'a.yaml');
    const b = parseBank(`# a comment\n${text.replace('title: Test bank', 'title:   "Test bank"')}`, 'b.yaml');
    const c = parseBank(text.replace('A?', 'A changed?'), 'c.yaml');
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid banks');
    expect(a.bank.hash).toBe(b.bank.hash);
    expect(a.bank.hash).not.toBe(c.bank.hash);
  });
});

describe('a bank with cues, ordered choices, every_time rules, aliases and shift_similarity', () => {
  const text = `id: test-bank
version: 1
loop: options
title: Test bank
shift_similarity: 0.6
aliases:
  Finance: [CFO, Finance team]
  VP Customer Success: [VP CS]
questions:
  - id: learned
    ask: Learned?
    type: text
    listen_for: [a vendor they did not expect, { id: reframed, text: A vendor reframed the problem }]
  - id: status
    ask: Status?
    type: choice
    ordered: true
    choices: [none, approved]
    follow_ups:
      - { id: why, ask: Why?, type: text }
rules:
  - id: r
    when: answered("learned")
    tip: T
    every_time: true
  - id: s
    when: answered("status")
    tip: U
`;
  const result = parseBank(text, 'bank.yaml');
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  const { bank } = result;

  it('reads listen_for texts and cues', () => {
    expect(bank.byId.get('learned')?.listenFor).toEqual([
      'a vendor they did not expect',
      'A vendor reframed the problem',
    ]);
    expect(bank.byId.get('learned')?.cues).toEqual([
      { id: 'reframed', text: 'A vendor reframed the problem' },
    ]);
  });

  it('reads ordered choices and every_time', () => {
    expect(bank.all.map((q) => [q.id, q.ordered])).toEqual([
      ['learned', false],
      ['status', true],
      ['why', false],
    ]);
    expect(bank.rules.map((r) => [r.id, r.everyTime])).toEqual([
      ['r', true],
      ['s', false],
    ]);
  });

  it('maps each alias, and each canonical name, to the normalised canonical name', () => {
    expect([...bank.aliases]).toEqual([
      ['finance', 'finance'],
      ['vp customer success', 'vp customer success'],
      ['cfo', 'finance'],
      ['finance team', 'finance'],
      ['vp cs', 'vp customer success'],
    ]);
    expect(bank.shiftSimilarity).toBe(0.6);
  });

  it('knows the line each question and rule starts on', () => {
    expect(bank.all.map((q) => [q.id, q.line])).toEqual([
      ['learned', 10],
      ['status', 14],
      ['why', 20],
    ]);
    expect(bank.rules.map((r) => [r.id, r.line])).toEqual([
      ['r', 22],
      ['s', 26],
    ]);
  });

  it('gives an old bank the defaults', () => {
    const old = parseBank(`${HEAD}  - { id: a, ask: A?, type: text, listen_for: [x] }\n`, 'old.yaml');
    if (!old.ok) throw new Error('expected a valid bank');
    expect(old.bank.shiftSimilarity).toBe(DEFAULT_SHIFT_SIMILARITY);
    expect(old.bank.aliases.size).toBe(0);
    expect(old.bank.questions[0]).toMatchObject({ listenFor: ['x'], cues: [], ordered: false, line: 6 });
  });
});
