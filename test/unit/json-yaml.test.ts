// JSON read without a YAML parser (yaml/json.ts) gives exactly what readYaml gives, or nothing: an
// answers file in JSON is read the same either way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/yaml/json.js';
import { readYaml } from '../../src/yaml/source.js';

function expectAgrees(text: string): void {
  const fast = readJson(text);
  if (fast === undefined) return;
  const careful = readYaml(text, 'answers.json');
  expect(careful.ok).toBe(true);
  if (careful.ok) expect(fast).toStrictEqual(careful.value);
}

describe('readJson', () => {
  it.each([
    [
      'an answers map',
      '{"problem_still_holds":false,"budget_amount":120000,"vendors":["Globex"],"note":"a: b #c"}',
    ],
    [
      'an indented map',
      '{\n  "a": 1.5,\n  "b": [1, -2, 3e2, "x"],\n  "c": {"d": null, "e": "\\u00e9\\n\\"q\\""}\n}\n',
    ],
    ['a list', '[{"a": 1}, [], {}]'],
    ['texts past ASCII', '{"a": "Société — €40k", "b": "\\ud83d\\ude00"}'],
  ])('reads %s as readYaml does', (_name, text) => {
    expect(readJson(text)).toBeDefined();
    expectAgrees(text);
  });

  it.each([
    ['a key given twice', '{"a": 1, "a": 2}'],
    ['a key given twice, nested', '{"x": {"a": 1, "a": 2}}'],
    ['a tab', '{\t"a": 1}'],
    ['a carriage return', '{"a": 1}\r\n'],
    ['a long number', '{"a": 12345678901234567890}'],
    ['negative zero', '{"a": -0}'],
    ['a __proto__ key', '{"__proto__": {"a": 1}}'],
    ['YAML that is not JSON', 'a: 1\n'],
    ['a trailing comma', '{"a": 1,}'],
    ['a raw C1 control', '{"a": "\u0085"}'],
    ['a scalar', '"text"'],
  ])('leaves %s to readYaml', (_name, text) => {
    expect(readJson(text)).toBeUndefined();
  });

  it('gives what readYaml gives, or nothing, for any JSON', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify({ v: value }, null, pretty ? 2 : undefined);
        expectAgrees(text);
        if (
          !/[\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/.test(text) &&
          !/[0-9]{16}|__proto__|-0\b/.test(text)
        ) {
          expect(readJson(text)).toBeDefined();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives what readYaml gives, or nothing, for texts made of JSON pieces', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '\n',
      '"a"',
      '"a:b"',
      '1',
      '-0',
      '1e5',
      'null',
      'true',
      '"#"',
      '"\\u0000"',
      '"\\/"',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => expectAgrees(`{${pieces.join('')}`)),
      { numRuns: 3000 },
    );
  });
});
