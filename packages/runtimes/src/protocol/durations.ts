/**
 * Parses the elapsed/remaining time strings the Python trainers log: Python's `str(timedelta)`
 * ("0:10:04", "1 day, 4:06:56") as LLaMA-Factory writes them, and ms-swift's "1m 39s", "2h 3m", "1d 4h".
 * Returns seconds, or undefined for anything else.
 */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  const clock = /^(?:(\d+) days?, )?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text);
  if (clock) {
    const [, days, h, m, s] = clock;
    return Number(days ?? 0) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
  }
  const units: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
  const parts = text.split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)([dhms])$/.exec(part);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]!]!;
  }
  return total;
}
