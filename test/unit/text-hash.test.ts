// The hash behind an account folder's fingerprint (a stamp that moved must always show) and merge flag ids.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFlagId } from '../../src/journey/merge-names.js';
import { hash64 } from '../../src/model/text-hash.js';

describe('hash64', () => {
  it('is the same for the same text, run after run', () => {
    expect(hash64('a.yaml\t120\t1795928398707.2231\t1795928398707.2231\t42')).toBe(
      hash64('a.yaml\t120\t1795928398707.2231\t1795928398707.2231\t42'),
    );
    expect(hash64('')).toMatch(/^[0-9a-z]+:[0-9a-z]+$/);
  });

  it('never gives one hash to two texts that differ in a single character (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 0xffff }),
        (text, at, step) => {
          const i = at % text.length;
          const changed = String.fromCharCode((text.charCodeAt(i) + step) % 0x10000);
          const other = text.slice(0, i) + changed + text.slice(i + 1);
          expect(hash64(other)).not.toBe(hash64(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('tells apart the stamps of many folders (no two of 20,000 alike)', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 20_000; n++) {
      seen.add(
        hash64(`2026010${n % 10}T090000Z-knowledge-b${n}.yaml\t${4000 + n}\t${1795928398707 + n}.5\t${n}`),
      );
    }
    expect(seen.size).toBe(20_000);
  });

  it('keeps merge flag ids as they were made before (ids are written in session files)', () => {
    expect(mergeFlagId('20260301T100000Z-knowledge-abc1234', 'shift:problem')).toBe('m1e30hj8n5hv-1');
  });
});
