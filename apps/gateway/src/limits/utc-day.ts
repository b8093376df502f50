const DAY_MS = 86_400_000;

/** The UTC day a moment falls in, `YYYY-MM-DD`: the daily token counters' name. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Milliseconds from a moment to the next UTC midnight (when the daily token counters start again). */
export function msUntilNextUtcDay(ms: number): number {
  return DAY_MS - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Days since the epoch, UTC: the same day as `utcDay`, as a number. */
export function utcDayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
