import type { RoutableRevision } from "@infera/core";

/**
 * A revision of the service by its traffic share, at random with those weights (a 90/10 canary sends
 * about one call in ten to the new revision); none when no revision has a share.
 */
export function pickRevision(
  revisions: readonly RoutableRevision[],
  random: () => number = Math.random,
): RoutableRevision | null {
  let total = 0;
  for (const r of revisions) total += Math.max(0, r.trafficPercent);
  if (total <= 0) return null;
  let point = random() * total;
  for (const r of revisions) {
    if (r.trafficPercent <= 0) continue;
    point -= r.trafficPercent;
    if (point < 0) return r;
  }
  // Rounding at the very top of the range lands on the last revision with a share.
  return [...revisions].reverse().find((r) => r.trafficPercent > 0) ?? null;
}
