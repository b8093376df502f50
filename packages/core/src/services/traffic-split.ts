export interface Share {
  revisionId: string;
  percent: number;
}

/**
 * Scales weights to whole percents summing to 100 by largest remainders (ties: the earlier entry),
 * so 1:1:1 becomes 34/33/33 and 10:30 becomes 25/75. All zero stays all zero.
 */
export function normalizeWeights(shares: Share[], total = 100): Share[] {
  const sum = shares.reduce((s, x) => s + x.percent, 0);
  if (sum <= 0) return shares.map((x) => ({ ...x, percent: 0 }));
  const exact = shares.map((x) => (x.percent * total) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((s, x) => s + x, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return shares.map((x, i) => ({ ...x, percent: floors[i] ?? 0 }));
}

/**
 * A canary of `weight` percent: the revisions carrying traffic now give it up in proportion to
 * their shares (90/10 before a 10% canary → 81/9/10). Answers null when none carries any.
 */
export function canarySplit(current: Share[], revisionId: string, weight: number): Share[] | null {
  const carrying = current.filter((x) => x.percent > 0);
  if (!carrying.length) return null;
  const rest = normalizeWeights(carrying, 100 - weight);
  return [...rest, { revisionId, percent: weight }];
}
