/**
 * The `regex` metric: 1 when the output matches the configured pattern (JavaScript syntax, flags
 * among `imsu`). Patterns are checked when a run is created (`checkMetricConfig`); scoring never
 * throws — a pattern that does not compile scores nothing.
 */

/** The compiled pattern, or the reason it does not compile. */
export function compileMetricPattern(pattern: string, flags = ""): RegExp | string {
  if (!/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length)
    return `flags "${flags}" must be distinct letters among i, m, s, u`;
  try {
    return new RegExp(pattern, flags);
  } catch (err) {
    return (err as Error).message;
  }
}

/** 1 or 0; null when the pattern does not compile. */
export function regexMatch(output: string, pattern: string, flags?: string): 0 | 1 | null {
  const re = compileMetricPattern(pattern, flags);
  if (typeof re === "string") return null;
  return re.test(output) ? 1 : 0;
}
