import { type ScanOptions, scanDataset } from "./scan-dataset.js";
import { seedOf, stableHash53 } from "./stable-hash.js";
import type { DatasetSources, ValidRow } from "./types.js";

export type SplitPart = "train" | "validation";

export interface SplitOptions extends ScanOptions {
  /** Fraction of the valid rows that go to validation, 0..1. */
  validationRatio: number;
  seed: number | string;
  /** Valid rows, when the caller already knows (from the validation report): saves a pass. */
  rows?: number;
}

export interface SplitPlan {
  seed: number | string;
  validationRatio: number;
  rows: number;
  train: number;
  validation: number;
  /** Sorted valid-row indexes of the smaller part (`selectedPart`); the other part is the rest. */
  selected: Int32Array;
  selectedPart: SplitPart;
}

/** Validation rows: round(rows × ratio), and at least one row on each side when there are two rows. */
export function validationSize(rows: number, ratio: number): number {
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError("validationRatio must be between 0 and 1");
  let k = Math.round(rows * ratio);
  if (rows >= 2 && ratio > 0 && k === 0) k = 1;
  if (rows >= 2 && ratio < 1 && k === rows) k = rows - 1;
  return k;
}

/**
 * Decides a deterministic train/validation split of the valid rows: each row gets a seeded hash of
 * its content (identical rows land on the same side unless they straddle the cut), and the rows with
 * the smallest hashes form the validation part, exactly `validationSize` of them. Memory holds the
 * indexes of the smaller part only.
 */
export async function planSplit(sources: DatasetSources, opts: SplitOptions): Promise<SplitPlan> {
  let rows = opts.rows;
  if (rows === undefined) {
    rows = 0;
    for await (const e of scanDataset(sources, opts)) if (e.kind === "valid") rows++;
  }
  const validation = validationSize(rows, opts.validationRatio);
  const selectedPart: SplitPart = validation <= rows - validation ? "validation" : "train";
  const k = selectedPart === "validation" ? validation : rows - validation;
  // Validation = the k smallest (hash, index); train's k = the largest, so negate to reuse "smallest".
  const sign = selectedPart === "validation" ? 1 : -1;
  const heap = new MaxHeap(k);
  const seed = seedOf(opts.seed);
  let seen = 0;
  for await (const e of scanDataset(sources, opts)) {
    if (e.kind !== "valid") continue;
    seen++;
    heap.offer(sign * stableHash53(e.row.json.trim(), seed), sign * e.row.index);
  }
  if (seen !== rows) throw new Error(`split planned for ${rows} valid rows but the files hold ${seen}`);
  const selected = heap.indexes().map((i) => sign * i);
  selected.sort();
  return {
    seed: opts.seed,
    validationRatio: opts.validationRatio,
    rows,
    train: rows - validation,
    validation,
    selected,
    selectedPart,
  };
}

/** Every valid row with its part, in file order (one streaming pass). */
export async function* splitRows(
  sources: DatasetSources,
  plan: SplitPlan,
  opts: ScanOptions = {},
): AsyncGenerator<{ part: SplitPart; row: ValidRow }> {
  const other: SplitPart = plan.selectedPart === "train" ? "validation" : "train";
  let next = 0;
  for await (const e of scanDataset(sources, opts)) {
    if (e.kind !== "valid") continue;
    const hit = next < plan.selected.length && plan.selected[next] === e.row.index;
    if (hit) next++;
    yield { part: hit ? plan.selectedPart : other, row: e.row };
  }
}

/** One part of the split as JSONL bytes, to store as a derived version. */
export async function* splitPart(
  sources: DatasetSources,
  plan: SplitPlan,
  part: SplitPart,
  opts: ScanOptions = {},
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const { part: p, row } of splitRows(sources, plan, opts))
    if (p === part) yield encoder.encode(`${row.json.trim()}\n`);
}

/** Max-heap on (key, index) of capacity k: keeps the k smallest pairs offered. */
class MaxHeap {
  private readonly keys: Float64Array;
  private readonly idx: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.keys = new Float64Array(capacity);
    this.idx = new Float64Array(capacity);
  }

  private greater(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka > kb || (ka === kb && this.idx[a]! > this.idx[b]!);
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const i = this.idx[a]!;
    this.idx[a] = this.idx[b]!;
    this.idx[b] = i;
  }

  offer(key: number, index: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let c = this.size++;
      this.keys[c] = key;
      this.idx[c] = index;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.greater(c, p)) break;
        this.swap(c, p);
        c = p;
      }
      return;
    }
    const top = this.keys[0]!;
    if (key > top || (key === top && index > this.idx[0]!)) return;
    this.keys[0] = key;
    this.idx[0] = index;
    let p = 0;
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < this.size && this.greater(l, m)) m = l;
      if (r < this.size && this.greater(r, m)) m = r;
      if (m === p) break;
      this.swap(p, m);
      p = m;
    }
  }

  indexes(): Int32Array {
    return Int32Array.from(this.idx.subarray(0, this.size));
  }
}
