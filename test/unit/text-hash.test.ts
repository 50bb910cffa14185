// The hash behind an account folder's fingerprint (a stamp that moved must always show) and merge flag ids.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFlagId } from '../../src/journey/merge-names.js';
import { hash64, Lanes } from '../../src/model/text-hash.js';

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

describe("Lanes, fed stamps as numbers (an account folder's fingerprint)", () => {
  const stamp = fc.record({
    size: fc.nat(),
    mtimeMs: fc.double({ min: 0, max: 4e12, noNaN: true }),
    ctimeMs: fc.double({ min: 0, max: 4e12, noNaN: true }),
    ino: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  });
  type Stamp = { size: number; mtimeMs: number; ctimeMs: number; ino: number };
  const digestOf = (stamps: Stamp[]) => {
    const lanes = new Lanes();
    for (const s of stamps) lanes.number(s.size).number(s.mtimeMs).number(s.ctimeMs).number(s.ino);
    return lanes.digest();
  };

  it('never gives one digest to two lists of stamps that differ in one number (property)', () => {
    fc.assert(
      fc.property(
        fc.array(stamp, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom('size', 'mtimeMs', 'ctimeMs', 'ino'),
        fc.double({ min: 0, max: 4e12, noNaN: true }),
        (stamps, at, field, value) => {
          const i = at % stamps.length;
          const moved = stamps.map((s, j) => (j === i ? { ...s, [field]: value } : s));
          fc.pre(!Object.is(stamps[i]?.[field], value));
          expect(digestOf(moved)).not.toBe(digestOf(stamps));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('tells apart a time moved by its smallest step (a quarter of a microsecond here)', () => {
    const base = { size: 120, mtimeMs: 1795928398707.2231, ctimeMs: 1795928398707.2231, ino: 42 };
    const next = base.mtimeMs + 2 ** -12; // one unit in the last place of a time in 2026
    expect(next).not.toBe(base.mtimeMs);
    expect(digestOf([{ ...base, mtimeMs: next }])).not.toBe(digestOf([base]));
  });

  it('feeds text as hash64 reads it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        expect(new Lanes().text(text).digest()).toBe(hash64(text));
      }),
    );
  });
});
