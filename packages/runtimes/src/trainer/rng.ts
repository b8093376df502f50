/**
 * A small seeded PRNG (sfc32) whose whole state is four uint32s, so a checkpoint can save and restore
 * it exactly. Used for data order, dropout seeds and the validation split.
 */
export class Rng {
  private s: [number, number, number, number];

  constructor(seed: number | readonly number[]) {
    if (typeof seed === "number") {
      this.s = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
      for (let i = 0; i < 15; i++) this.nextUint32();
    } else {
      if (seed.length !== 4) throw new Error("rng state must be four uint32 values");
      this.s = [seed[0]! >>> 0, seed[1]! >>> 0, seed[2]! >>> 0, seed[3]! >>> 0];
    }
  }

  state(): number[] {
    return [...this.s];
  }

  nextUint32(): number {
    let [a, b, c, d] = this.s;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    this.s = [a >>> 0, b, c, d];
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Fisher–Yates permutation of 0..n-1. */
  permutation(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** A derived, independent stream: the same (seed, ...labels) always gives the same generator. */
export function deriveRng(seed: number, ...labels: number[]): Rng {
  const base = new Rng(seed);
  let mix = base.nextUint32();
  for (const label of labels) mix = Math.imul(mix ^ (label >>> 0), 0x85ebca6b) ^ (mix >>> 13);
  return new Rng([base.nextUint32(), base.nextUint32() ^ mix, mix, (seed ^ 0x5bd1e995) >>> 0]);
}
