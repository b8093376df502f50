/**
 * Whole percents summing to 100 by largest remainders (ties: the earlier entry), as the server's
 * `normalize: true` does, so the console shows the split the server will store before it is sent.
 */
export function normalizePercents(weights: number[], total = 100): number[] {
  const sum = weights.reduce((s, x) => s + x, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
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
  return floors;
}

/**
 * The split after a canary of `weight` percent, as the server computes it: the revisions carrying
 * traffic give it up in proportion (90/10 before a 10% canary → 81/9/10). Keys are revision ids;
 * `newKey` stands for the revision the deploy makes.
 */
export function canaryPreview(current: { id: string; percent: number }[], newKey: string, weight: number) {
  const carrying = current.filter((x) => x.percent > 0);
  const rest = normalizePercents(
    carrying.map((x) => x.percent),
    100 - weight,
  );
  return [...carrying.map((x, i) => ({ id: x.id, percent: rest[i] ?? 0 })), { id: newKey, percent: weight }];
}
