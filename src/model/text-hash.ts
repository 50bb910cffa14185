// A small, well-mixed hash of text, for what needs no secrecy: merge flag ids (journey/merge-names.ts)
// and the fingerprint of an account folder's stamps (store/account-stamp.ts). Not node:crypto: a
// listing of a few hundred accounts paid more for loading crypto than for all of its hashing.
//
// cyrb53 (public domain): two 32-bit multiply-xor lanes with a final mix. Every step is a bijection
// of the lanes, so two texts of one length that differ in a single character never share them.

function lanes(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1, h2];
}

/** cyrb53 as published: a 53-bit number. */
export function hash53(text: string): number {
  const [h1, h2] = lanes(text);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Both lanes whole (64 bits), as base-36 digits around a colon: never one for two texts a character apart. */
export function hash64(text: string): string {
  const [h1, h2] = lanes(text);
  return `${(h2 >>> 0).toString(36)}:${(h1 >>> 0).toString(36)}`;
}
