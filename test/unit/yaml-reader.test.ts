// The YAML reader's two parsers agree: a file the fast parser reads under watch (it may hold an alias
// or a flow key) gives what the careful parser gives, and what the careful one refuses is refused.
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { formatProblem } from '../../src/yaml/positions.js';
import { readYaml } from '../../src/yaml/source.js';

const read = (text: string) => {
  const result = readYaml(text, 'f.yaml');
  return result.ok ? { value: result.value } : { problems: result.problems.map(formatProblem) };
};

describe('readYaml', () => {
  it.each([
    ['a `,? ` inside a quoted pattern', 'when: \'text.matches("(honestly|really),? (no|none)")\'\nx: 1\n'],
    ['a `*` inside quoted text', 'tip: "read *this* first"\nlist: ["*", \'a, *b\']\n'],
    ['a flow explicit key that is text', 'a: { ? b : 1, c: 2 }\nd: "x,? y"\n'],
    ['a `?` ending a comment before a flow map', '# why?\na: { b: 1, c: [2, 3] }\ne: "x,? y"\n'],
  ])('reads %s as the careful parser does, on the fast path', (_name, text) => {
    expect(read(text)).toEqual({ value: parseDocument(text).toJS() });
    const result = readYaml(text, 'f.yaml');
    // The fast path's source parses positions only when asked (a getter); the careful one has them.
    expect(result.ok && Object.getOwnPropertyDescriptor(result.source, 'doc')?.get).toBeTypeOf('function');
  });

  it.each([
    ['an alias in a flow map', 'a: &x 1\nb: { c: *x }\n', 'aliases (*x) are not allowed'],
    ['an alias after a `,? ` in quotes', 'p: "a,? b"\na: &x [1]\nb: *x\n', 'aliases (*x) are not allowed'],
    ['a flow key that is a list', 'p: "a,? b"\na: { ? [x, y] : 1 }\n', 'a key must be plain text'],
    ['a flow key that is a map', 'a: { ? { x: 1 } : 1 }\n', 'a key must be plain text'],
    ['a block key that is a list', '? [x, y]\n: 1\n', 'a key must be plain text'],
  ])('refuses %s', (_name, text, message) => {
    const result = read(text);
    expect(result.problems?.join('\n')).toContain(message);
  });

  it('reads an empty flow key as the careful parser does', () => {
    const text = 'p: "a,? b"\na: { ? : 1 }\n';
    const careful = parseDocument(text).toJS();
    expect(read(text)).toEqual({ value: careful });
  });
});

describe('readYaml, comments after a flow map', () => {
  it('reads a flow map followed by a comment on the fast path', () => {
    const text = 'p: "a,? b"\nlabels: { 1: Not likely, 5: Likely }\n# a comment\nq: 1\n';
    const result = readYaml(text, 'f.yaml');
    expect(result.ok && result.value).toEqual(parseDocument(text).toJS());
    expect(result.ok && Object.getOwnPropertyDescriptor(result.source, 'doc')?.get).toBeTypeOf('function');
  });

  it('refuses a flow key that is a list with a comment before its colon', () => {
    const text = 'p: "a,? b"\na: { ? [x, y] # why\n  : 1 }\n';
    expect(read(text).problems?.join('\n')).toContain('a key must be plain text');
  });
});
