/**
 * A BPE encoding's ranks as one compact, shareable table: an open-addressing hash of token bytes →
 * rank in a `SharedArrayBuffer` (~8 MB for o200k's 200k tokens, against ~65 MB of JS Maps of strings
 * per thread in gpt-tokenizer), so that every validation worker thread reads the same memory.
 *
 * Layout (32-bit words, then bytes): `[capacity, poolBytes]`, `capacity` slots of
 * `[offset, length, rank]` (offset -1 = empty), then the token bytes back to back.
 */
export type BpeRankTable = SharedArrayBuffer;

const HEADER = 2;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of `bytes[start, end)`: the hash both this table and the counter's memo use. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

/**
 * Builds the table from gpt-tokenizer's rank decoder (index = rank; a string, or the bytes of a
 * token that is not valid UTF-8), with the library's lookup semantics: a byte string that is valid
 * UTF-8 finds the string token of those bytes (the last rank when a string repeats, as its Map keeps),
 * and only byte tokens that are not valid UTF-8 are found by their bytes.
 */
export function buildRankTable(
  rankDecoder: readonly (string | readonly number[] | undefined)[],
): BpeRankTable {
  // Keys back to back in one growing buffer (no object per token: this runs once per process and
  // its garbage would be most of the process's peak memory).
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let bytes = new Uint8Array(4 * 1024 * 1024);
  const ends = new Int32Array(rankDecoder.length);
  const ranks = new Int32Array(rankDecoder.length);
  let keys = 0;
  let used = 0;
  rankDecoder.forEach((value, rank) => {
    if (value === undefined) return;
    const need = typeof value === "string" ? value.length * 3 : value.length;
    if (used + need > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, used + need));
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    let n: number;
    if (typeof value === "string") {
      n = encoder.encodeInto(value, bytes.subarray(used)).written;
      // A string with a lone surrogate could only equal a piece with the same one; none exists in
      // the OpenAI encodings, and skipping keeps the table's keys exactly the strings' bytes.
      if (decoder.decode(bytes.subarray(used, used + n)) !== value) return;
    } else {
      bytes.set(value, used);
      n = value.length;
      if (isValidUtf8(bytes.subarray(used, used + n))) return; // the library looks these up as a string
    }
    used += n;
    ends[keys] = used;
    ranks[keys] = rank;
    keys++;
  });
  let capacity = 1;
  while (capacity < keys * 2.5) capacity *= 2;
  const words = HEADER + capacity * 3;
  const buffer = new SharedArrayBuffer(words * 4 + used);
  const slots = new Int32Array(buffer, 0, words);
  const pool = new Uint8Array(buffer, words * 4);
  pool.set(bytes.subarray(0, used));
  slots[0] = capacity;
  slots[1] = used;
  for (let s = 0; s < capacity; s++) slots[HEADER + s * 3] = -1;
  const mask = capacity - 1;
  for (let k = 0; k < keys; k++) {
    const at = k === 0 ? 0 : ends[k - 1]!;
    const length = ends[k]! - at;
    for (let s = hashBytes(pool, at, at + length) & mask; ; s = (s + 1) & mask) {
      const base = HEADER + s * 3;
      const off = slots[base]!;
      if (off === -1) {
        slots[base] = at;
        slots[base + 1] = length;
        slots[base + 2] = ranks[k]!;
        break;
      }
      if (sameBytes(pool, off, slots[base + 1]!, pool, at, length)) {
        slots[base + 2] = ranks[k]!; // a repeated string: the later rank wins, as in the library's Map
        break;
      }
    }
  }
  return buffer;
}

/** Reads a table built by `buildRankTable` (in this thread or another). */
export class RankTableReader {
  private readonly slots: Int32Array;
  private readonly pool: Uint8Array;
  private readonly mask: number;

  constructor(buffer: BpeRankTable) {
    const capacity = new Int32Array(buffer, 0, 1)[0]!;
    const words = HEADER + capacity * 3;
    this.slots = new Int32Array(buffer, 0, words);
    this.pool = new Uint8Array(buffer, words * 4);
    this.mask = capacity - 1;
  }

  /** The rank of `bytes[start, end)` (its hash given), or -1. */
  rank(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const { slots, pool, mask } = this;
    const length = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const base = HEADER + s * 3;
      const off = slots[base]!;
      if (off === -1) return -1;
      if (slots[base + 1] === length && sameBytes(pool, off, length, bytes, start, length))
        return slots[base + 2]!;
    }
  }
}

function sameBytes(a: Uint8Array, ao: number, al: number, b: Uint8Array, bo: number, bl: number): boolean {
  if (al !== bl) return false;
  for (let i = 0; i < al; i++) if (a[ao + i] !== b[bo + i]) return false;
  return true;
}

/** gpt-tokenizer's `isValidUTF8` (strict: no overlongs, no surrogates, nothing past U+10FFFF). */
function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let cp: number;
    if (b <= 0x7f) {
      n = 1;
      cp = b;
    } else if ((b & 0xe0) === 0xc0) {
      if (b <= 0xc1) return false;
      n = 2;
      cp = b & 0x1f;
    } else if ((b & 0xf0) === 0xe0) {
      n = 3;
      cp = b & 0x0f;
    } else if ((b & 0xf8) === 0xf0) {
      if (b > 0xf4) return false;
      n = 4;
      cp = b & 0x07;
    } else return false;
    if (i + n > bytes.length) return false;
    for (let j = 1; j < n; j++) {
      const c = bytes[i + j]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((n === 2 && cp < 0x80) || (n === 3 && cp < 0x800) || (n === 4 && cp < 0x10000)) return false;
    if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += n;
  }
  return true;
}
