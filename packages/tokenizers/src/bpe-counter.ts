import { type BpeRankTable, hashBytes, RankTableReader } from "./bpe-rank-table.js";

/** Memo slots (a power of two; hash, offset, length, count); it starts over at half full or when its bytes run out. */
const MEMO_SLOTS = 1 << 18;
const MEMO_BYTES = 3 * 1024 * 1024;
const NONE = 0x7fffffff;

/**
 * Counts tokens of plain text (special-token text counted as text) exactly as gpt-tokenizer's
 * `countTokens(text, { disallowedSpecial: new Set() })` does: split by the encoding's regex; a piece
 * whose UTF-8 bytes are a token is one; otherwise the library's byte-pair merge (lowest rank first,
 * leftmost on ties) over the shared rank table. Merge results are memoized per thread in a bounded
 * table of typed arrays (a few MB, no per-piece strings kept).
 */
export function bpeCounter(table: BpeRankTable, split: RegExp): (text: string) => number {
  const ranks = new RankTableReader(table);
  // Sticky: every position of the text starts a piece (each character is a letter, number,
  // space or other), so piece i starts where piece i - 1 ended and `test` (no match array) suffices.
  const sticky = new RegExp(split.source, split.flags.replace("g", "").replace("y", "") + "gy");
  const loose = new RegExp(split.source, split.flags.includes("g") ? split.flags : `${split.flags}g`);
  let bytes = new Uint8Array(1024);
  let starts = new Int32Array(1025);
  let pairRanks = new Int32Array(1025);
  const memoSlots = new Int32Array(MEMO_SLOTS * 4).fill(-1);
  const memoPool = new Uint8Array(MEMO_BYTES);
  let memoUsed = 0;
  let memoCount = 0;

  const pairRank = (a: number, b: number) => {
    const r = ranks.rank(bytes, a, b, hashBytes(bytes, a, b));
    return r === -1 ? NONE : r;
  };

  /** gpt-tokenizer's `bytePairMerge` over bytes[0, n), returning the number of parts. */
  const merge = (n: number): number => {
    if (starts.length < n + 1) {
      starts = new Int32Array(n + 1);
      pairRanks = new Int32Array(n + 1);
    }
    let len = n + 1;
    for (let i = 0; i <= n; i++) {
      starts[i] = i;
      pairRanks[i] = i < n - 1 ? pairRank(i, i + 2) : NONE;
    }
    while (len > 1) {
      let lowest = NONE;
      let at = -1;
      for (let i = 0; i < len - 1; i++) {
        const r = pairRanks[i]!;
        if (r < lowest) {
          lowest = r;
          at = i;
        }
      }
      if (at === -1) break;
      starts.copyWithin(at + 1, at + 2, len);
      pairRanks.copyWithin(at, at + 1, len);
      len--;
      pairRanks[at] = at + 2 < len ? pairRank(starts[at]!, starts[at + 2]!) : NONE;
      if (at > 0) pairRanks[at - 1] = at + 1 < len ? pairRank(starts[at - 1]!, starts[at + 1]!) : NONE;
    }
    return len - 1;
  };

  /** Tokens of the piece text[start, end). */
  const piece = (text: string, start: number, end: number): number => {
    if (bytes.length < (end - start) * 3) bytes = new Uint8Array((end - start) * 3);
    // UTF-8 as TextEncoder writes it (a lone surrogate becomes U+FFFD), hashed on the way.
    let n = 0;
    let h = 0x811c9dc5;
    let wellFormed = true;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        bytes[n++] = c;
        h = Math.imul(h ^ c, 0x01000193);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else {
          c = 0xfffd;
          wellFormed = false;
        }
      }
      const from = n;
      if (c < 0x800) {
        bytes[n++] = 0xc0 | (c >> 6);
        bytes[n++] = 0x80 | (c & 0x3f);
      } else if (c < 0x10000) {
        bytes[n++] = 0xe0 | (c >> 12);
        bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[n++] = 0x80 | (c & 0x3f);
      } else {
        bytes[n++] = 0xf0 | (c >> 18);
        bytes[n++] = 0x80 | ((c >> 12) & 0x3f);
        bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[n++] = 0x80 | (c & 0x3f);
      }
      for (let k = from; k < n; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    }
    h >>>= 0;
    if (n <= 1) return n;
    // The memo first (it holds every piece seen, whole tokens too: one probe, mostly in cache for
    // the frequent pieces), then the shared table, then the merge.
    const mask = MEMO_SLOTS - 1;
    let s = h & mask;
    for (;;) {
      const base = s * 4;
      const off = memoSlots[base + 1]!;
      if (off === -1) break;
      if (memoSlots[base] === (h | 0) && memoSlots[base + 2] === n) {
        let same = true;
        for (let k = 0; k < n; k++)
          if (memoPool[off + k] !== bytes[k]) {
            same = false;
            break;
          }
        if (same) return memoSlots[base + 3]!;
      }
      s = (s + 1) & mask;
    }
    // The library looks the whole piece up as a string first (a piece with a lone surrogate never
    // matches one), then merges its bytes.
    const count = wellFormed && ranks.rank(bytes, 0, n, h) !== -1 ? 1 : merge(n);
    if (n <= 256) {
      if (memoCount >= MEMO_SLOTS / 2 || memoUsed + n > MEMO_BYTES) {
        memoSlots.fill(-1);
        memoUsed = 0;
        memoCount = 0;
        s = h & mask;
      }
      memoPool.set(bytes.subarray(0, n), memoUsed);
      memoSlots[s * 4] = h | 0;
      memoSlots[s * 4 + 1] = memoUsed;
      memoSlots[s * 4 + 2] = n;
      memoSlots[s * 4 + 3] = count;
      memoUsed += n;
      memoCount++;
    }
    return count;
  };

  return (text: string): number => {
    let total = 0;
    let at = 0;
    sticky.lastIndex = 0;
    while (at < text.length) {
      if (sticky.test(text)) {
        const end = sticky.lastIndex;
        total += piece(text, at, end);
        at = end;
        continue;
      }
      // A position no alternative matches (not in the OpenAI patterns): continue as matchAll does.
      loose.lastIndex = at;
      const m = loose.exec(text);
      if (m === null) break;
      const end = m.index + m[0].length;
      if (end === m.index) loose.lastIndex += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
      else total += piece(text, m.index, end);
      at = end === m.index ? loose.lastIndex : end;
      sticky.lastIndex = at;
    }
    return total;
  };
}
