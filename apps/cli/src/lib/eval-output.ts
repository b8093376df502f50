import type { EvaluationRun, MetricSummary } from "@infera/contracts";
import { fmtTime, say } from "./output.js";

/** `0.920 [0.880, 0.950]`: a metric's value with its 95 % interval. */
export function fmtMetric(m: MetricSummary | undefined): string {
  if (!m || m.value === null) return "-";
  const n = (v: number | null) => (v === null ? "?" : Number(v.toPrecision(3)).toString());
  return m.ci_low === null ? n(m.value) : `${n(m.value)} [${n(m.ci_low)}, ${n(m.ci_high)}]`;
}

/** The first metrics of target `a`, for a list row. */
export function metricsLine(run: EvaluationRun, max = 2): string {
  const a = run.summary?.metrics.a;
  if (!a) return "";
  return Object.entries(a)
    .slice(0, max)
    .map(([name, m]) => `${name} ${fmtMetric(m)}`)
    .join(", ");
}

export function progressText(run: EvaluationRun): string {
  if (run.samples_total === null || run.samples_total === 0) return run.status === "queued" ? "queued" : "";
  const pct = Math.floor((100 * run.samples_done) / run.samples_total);
  const eta = run.eta_seconds !== null ? `, ~${Math.ceil(run.eta_seconds)} s left` : "";
  return `${run.samples_done}/${run.samples_total} (${pct}%${eta})`;
}

export function gateText(run: EvaluationRun): string {
  if (!run.gate) return run.kind === "gate" ? "pending" : "";
  return run.gate.passed ? "PASS" : "FAIL";
}

export function targetsText(run: EvaluationRun): string {
  return run.targets
    .map((t) => `${t.key}: ${t.label}${t.role === "baseline" ? " (prod baseline)" : ""}`)
    .join("; ");
}

/** The whole report for people: header, metrics per target, slices, the gate's rules. */
export function printEvaluation(run: EvaluationRun): void {
  const rows: [string, string][] = [
    ["run", `${run.name ? `${run.name} ` : ""}(${run.id})`],
    ["kind", run.kind],
    ["status", `${run.status}${progressText(run) ? ` ${progressText(run)}` : ""}`],
    ["targets", targetsText(run)],
    ["data", run.dataset_version_id ? `dataset version ${run.dataset_version_id}` : "typed prompts"],
    ["created", `${fmtTime(run.created_at)}${run.created_by ? ` by ${run.created_by}` : ""}`],
  ];
  if (run.finished_at) rows.push(["finished", fmtTime(run.finished_at)]);
  if (run.error) rows.push(["error", run.error]);
  if (run.summary) rows.push(["summary", run.summary.sentence]);
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) say(`${k.padEnd(w)}  ${v}`);
  if (run.summary) {
    say();
    for (const [key, metrics] of Object.entries(run.summary.metrics)) {
      const target = run.targets.find((t) => t.key === key);
      say(`${key}: ${target?.label ?? key}`);
      for (const [name, m] of Object.entries(metrics ?? {}))
        say(`  ${name.padEnd(18)} ${fmtMetric(m)}  (n=${m.n})`);
    }
    for (const [slice, byTarget] of Object.entries(run.summary.slices ?? {})) {
      const a = byTarget.a ?? {};
      say(
        `  slice ${slice}: ${Object.entries(a)
          .map(([n, m]) => `${n} ${fmtMetric(m)}`)
          .join(", ")}`,
      );
    }
  }
  if (run.gate) {
    say();
    say(`gate: ${run.gate.passed ? "PASS" : "FAIL"}`);
    for (const r of run.gate.rules) {
      say(`  ${r.passed ? "pass" : "FAIL"}  ${r.reason}`);
      // A pass-rate rule's failing prompts, each with its sample index (`eval samples` shows the answer).
      for (const f of r.regression?.failures ?? [])
        say(`        prompt #${f.prompt_index} (sample ${f.index}): ${f.reason}`);
    }
  }
}
