import { type Interval, meanInterval } from "./bootstrap.js";

/**
 * Win rate of one side from per-comparison outcomes (1 win, 0 loss, 0.5 tie — a tie counts half),
 * with its seeded bootstrap interval. Anything else in the list is left out.
 */
export function winRateInterval(
  outcomes: readonly (1 | 0 | 0.5)[],
  opts: { seed: number; resamples?: number; confidence?: number },
): Interval {
  return meanInterval(
    outcomes.filter((o) => o === 1 || o === 0 || o === 0.5),
    opts,
  );
}
