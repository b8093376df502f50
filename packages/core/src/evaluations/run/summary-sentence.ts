import type { GateOutcome, MetricSummary } from "@infera/contracts";

/**
 * The one sentence a person reads first about a finished run: the first metric of each target with
 * its interval, and a gate's verdict. (A fallback for the runner; the metrics module may offer a
 * richer one.)
 */
export function runSummarySentence(
  metrics: Partial<Record<"a" | "b", Record<string, MetricSummary>>>,
  labels: Partial<Record<"a" | "b", string>>,
  first: string | undefined,
  gate: GateOutcome | null,
): string {
  const parts: string[] = [];
  for (const key of ["a", "b"] as const) {
    const m = metrics[key];
    if (!m) continue;
    const name = first && m[first] ? first : Object.keys(m)[0];
    const s = name ? m[name] : undefined;
    const label = labels[key] ?? key;
    parts.push(
      s?.value == null
        ? `${label}: no ${name ?? "score"}`
        : `${label}: ${name!.replace(/_/g, " ")} ${fmt(s.value)} [${fmt(s.ci_low)}, ${fmt(s.ci_high)}] over ${s.n} samples`,
    );
  }
  let sentence = parts.join("; ");
  if (gate) {
    const failed = gate.rules.filter((r) => !r.passed).map((r) => r.reason);
    sentence = `Gate ${gate.passed ? "passed" : "failed"}${failed.length ? ` (${failed.join("; ")})` : gate.rules.length ? "" : " (no rule applies)"}: ${sentence}`;
  }
  return `${sentence}.`;
}

function fmt(v: number | null): string {
  if (v === null) return "—";
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}
