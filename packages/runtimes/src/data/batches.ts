import { deriveRng } from "../trainer/rng.js";

/** A tokenized training example; mask[i] = 1 when token i is a target the loss learns. */
export interface Example {
  ids: number[];
  mask: number[];
}

export interface MicroBatch {
  batch: number;
  seq: number;
  inputs: Int32Array;
  targets: Int32Array;
  /** 1 where the loss counts (target supervised and not padding). */
  weights: Float32Array;
  /** Supervised target tokens. */
  supervised: number;
  /** Non-padding input tokens. */
  tokens: number;
}

/** Right-pads examples to the longest in the batch; inputs are ids[0..n-2], targets ids[1..n-1]. */
export function makeMicroBatch(examples: Example[], padId: number): MicroBatch {
  const seq = Math.max(...examples.map((e) => e.ids.length - 1));
  const batch = examples.length;
  const inputs = new Int32Array(batch * seq).fill(padId);
  const targets = new Int32Array(batch * seq).fill(padId);
  const weights = new Float32Array(batch * seq);
  let supervised = 0;
  let tokens = 0;
  examples.forEach((e, b) => {
    for (let t = 0; t < e.ids.length - 1; t++) {
      inputs[b * seq + t] = e.ids[t]!;
      targets[b * seq + t] = e.ids[t + 1]!;
      const w = e.mask[t + 1] ? 1 : 0;
      weights[b * seq + t] = w;
      supervised += w;
      tokens++;
    }
  });
  return { batch, seq, inputs, targets, weights, supervised, tokens };
}

export interface DataPosition {
  epoch: number;
  /** Index into the epoch's permutation of the next example to read. */
  index: number;
}

/**
 * Seeded data order: epoch e visits the examples in a permutation derived from (seed, e) only, so
 * a position (epoch, index) is all a checkpoint needs to continue the exact same order.
 */
export class DataOrder {
  private cache: { epoch: number; order: number[] } | undefined;

  constructor(
    private readonly size: number,
    private readonly seed: number,
  ) {}

  private orderOf(epoch: number): number[] {
    if (this.cache?.epoch !== epoch)
      this.cache = { epoch, order: deriveRng(this.seed, 1, epoch).permutation(this.size) };
    return this.cache.order;
  }

  /** The next micro-batch's example indices (the last one of an epoch may be shorter) and the new position. */
  next(position: DataPosition, batchSize: number): { indices: number[]; position: DataPosition } {
    const order = this.orderOf(position.epoch);
    const indices = order.slice(position.index, position.index + batchSize);
    const index = position.index + indices.length;
    return {
      indices,
      position:
        index >= this.size ? { epoch: position.epoch + 1, index: 0 } : { epoch: position.epoch, index },
    };
  }

  batchesPerEpoch(batchSize: number): number {
    return Math.ceil(this.size / batchSize);
  }
}
