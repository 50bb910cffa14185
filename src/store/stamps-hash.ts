// A 64-bit hash of a folder's stamps, to tell whether any of them moved since it was taken. Not a
// defence against anyone (a stamp is the file system's, not a person's), and not node:crypto: a
// listing of a few hundred accounts paid more for loading crypto than for all of its hashing.
//
// Two 32-bit multiply-xor lanes with a final mix (the public-domain cyrb53 construction, its two
// lanes kept whole). Every step is a bijection of the state, so two texts of one length that differ in
// a single character never collide: a stamp that moved by one digit always shows.

/** The hash of `text`, as 13 or fewer base-36 digits, a colon and as many again. */
export function stampsHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(36)}:${(h1 >>> 0).toString(36)}`;
}
