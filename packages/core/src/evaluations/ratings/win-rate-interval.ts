import { bootstrap, type Interval } from "../metrics/bootstrap.js";

/**
 * Win rate of `a` over per-prompt outcomes (1 a won, 0 b won, 0.5 a draw) with its seeded
 * percentile bootstrap interval, resampling prompts: the same outcomes and seed give the same
 * interval. (The metrics module may grow its own `winRateInterval` with this signature; this one
 * is the ratings' until then.)
 */
export function winRateInterval(
  outcomes: readonly (1 | 0 | 0.5)[],
  opts: { seed: number; resamples?: number },
): Interval {
  return bootstrap(outcomes.length, (ix) => ix.reduce((s, i) => s + outcomes[i]!, 0) / ix.length, opts);
}
