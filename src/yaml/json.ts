// JSON read without a YAML parser, as readYaml reads it: an answers file is often JSON (a script
// writes it), and YAML reads JSON as the same value. Only a text where the two surely agree is read
// here; any other gives undefined, and the caller reads it with readYaml, which also words problems.

// Characters YAML refuses or reads apart in a stream (C1 controls, line and paragraph separators, a
// byte order mark), tabs and carriage returns (whitespace rules JSON and YAML word differently), and
// surrogates: left to readYaml.
const AWKWARD = /[\t\r\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;
// A number of 16 digits or more may round differently through YAML's number reading.
const LONG_NUMBER = /[0-9]{16}/;
/** Every string of a valid JSON text, and whether a colon follows it (then it is a key). */
const STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/** The value of a JSON text, as readYaml would give it; undefined for any other text, or an unsure one. */
export function readJson(text: string): unknown {
  const start = text.trimStart()[0];
  if ((start !== '{' && start !== '[') || AWKWARD.test(text) || LONG_NUMBER.test(text)) return undefined;
  // A key JSON and YAML may each read their own way.
  if (text.includes('__proto__')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // A key given twice is an error to YAML, while JSON keeps the last: the keys written must be as
  // many as the keys read.
  let written = 0;
  for (const match of text.matchAll(STRING)) if (match[1]) written++;
  const counts = { keys: 0, negativeZero: false };
  count(value, counts);
  return written === counts.keys && !counts.negativeZero ? value : undefined;
}

function count(value: unknown, counts: { keys: number; negativeZero: boolean }): void {
  if (Object.is(value, -0)) counts.negativeZero = true;
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) count(item, counts);
    return;
  }
  for (const key of Object.keys(value)) {
    counts.keys++;
    count((value as Record<string, unknown>)[key], counts);
  }
}
