// A small, well-mixed hash, for what needs no secrecy: merge flag ids (journey/merge-names.ts) and the
// fingerprint of an account folder's stamps (store/account-stamp.ts). Not node:crypto: a listing of a
// few hundred accounts paid more for loading crypto than for all of its hashing.
//
// cyrb53 (public domain): two 32-bit multiply-xor lanes with a final mix. Every step is a bijection
// of the lanes, so two inputs of one length that differ in a single character (or number) never
// share them.

/** cyrb53's lanes, fed a piece at a time: a fingerprint of thousands of stamps never builds their text. */
export class Lanes {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  /** Feeds each UTF-16 code unit of `text`, as cyrb53 does. */
  text(text: string): this {
    for (let i = 0; i < text.length; i++) this.unit(text.charCodeAt(i));
    return this;
  }

  /** Feeds a number exactly: the two 32-bit halves of its 64-bit float. */
  number(n: number): this {
    FLOAT[0] = n;
    this.unit(HALVES[0] as number);
    return this.unit(HALVES[1] as number);
  }

  /** Both lanes whole (64 bits), as base-36 digits around a colon. */
  digest(): string {
    const [h1, h2] = this.mixed();
    return `${(h2 >>> 0).toString(36)}:${(h1 >>> 0).toString(36)}`;
  }

  /** cyrb53 as published: a 53-bit number. */
  digest53(): number {
    const [h1, h2] = this.mixed();
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }

  private unit(c: number): this {
    this.h1 = Math.imul(this.h1 ^ c, 2654435761);
    this.h2 = Math.imul(this.h2 ^ c, 1597334677);
    return this;
  }

  private mixed(): [number, number] {
    const { h1, h2 } = this;
    const m1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    const m2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(m1 ^ (m1 >>> 13), 3266489909);
    return [m1, m2];
  }
}

/** One float's bytes, read back as two 32-bit halves (for Lanes.number). */
const FLOAT = new Float64Array(1);
const HALVES = new Uint32Array(FLOAT.buffer);

/** cyrb53 as published: a 53-bit number. */
export function hash53(text: string): number {
  return new Lanes().text(text).digest53();
}

/** Both lanes whole (64 bits), as base-36 digits around a colon: never one for two texts a character apart. */
export function hash64(text: string): string {
  return new Lanes().text(text).digest();
}
