/**
 * cyrb53: a fast, well-mixed 53-bit string hash (public domain). Stable across runs, platforms and
 * versions, which is all a seeded split needs (not a cryptographic hash).
 */
export function stableHash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A seed given as a number or a string, folded to 32 bits. */
export const seedOf = (seed: number | string): number =>
  typeof seed === "number" ? seed | 0 : (stableHash53(seed, 0) % 4294967296) | 0;
