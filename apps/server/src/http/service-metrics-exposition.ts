import type { CumulativeHistogram, MetricTarget, ScrapeDelta } from "@infera/core";

/** Bounded labels: one series per service revision (and its model), never a request, user or replica. */
interface Series {
  labels: string;
  duration: CumulativeHistogram | null;
  ttft: CumulativeHistogram | null;
  tpot: CumulativeHistogram | null;
  success: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  coldStarts: number;
}

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labelsOf = (t: MetricTarget) =>
  `service="${escapeLabel(t.serviceName)}",revision="${t.revisionNumber}",model="${escapeLabel(t.modelName)}"`;

function add(a: CumulativeHistogram | null, b: CumulativeHistogram): CumulativeHistogram | null {
  if (b.counts.length === 0) return a;
  if (!a) return { bounds: [...b.bounds], counts: [...b.counts], sum: b.sum };
  // Replicas of one version share bounds; another set of bounds (a newer replica) starts over.
  if (a.bounds.length !== b.bounds.length || a.bounds.some((x, i) => x !== b.bounds[i]))
    return { bounds: [...b.bounds], counts: [...b.counts], sum: b.sum };
  return { bounds: a.bounds, counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)), sum: a.sum + b.sum };
}

function renderHistogram(
  name: string,
  help: string,
  series: Series[],
  pick: (s: Series) => CumulativeHistogram | null,
) {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
  for (const s of series) {
    const h = pick(s);
    if (!h) continue;
    h.bounds.forEach((b, i) => {
      lines.push(`${name}_bucket{${s.labels},le="${b}"} ${h.counts[i]}`);
    });
    lines.push(`${name}_bucket{${s.labels},le="+Inf"} ${h.counts.at(-1)}`);
    lines.push(`${name}_sum{${s.labels}} ${h.sum}`, `${name}_count{${s.labels}} ${h.counts.at(-1)}`);
  }
  return lines;
}

/**
 * The services' metrics in this process's `/metrics`, named after the OpenTelemetry GenAI semantic
 * conventions (`gen_ai.server.request.duration` → `gen_ai_server_request_duration_seconds`, …). Fed
 * by this process's `services.metrics` scrapes after each commit, so the counters add exactly what the
 * minute rows added; they start at zero with the process, as Prometheus counters may.
 */
export function createServiceMetricsExposition() {
  const series = new Map<string, Series>();
  const inFlight = new Map<string, { labels: string; value: number }>();
  const observer = {
    scraped(target: MetricTarget, delta: ScrapeDelta) {
      const labels = labelsOf(target);
      const s = series.get(labels) ?? {
        labels,
        duration: null,
        ttft: null,
        tpot: null,
        success: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        coldStarts: 0,
      };
      s.duration = add(s.duration, delta.duration);
      s.ttft = add(s.ttft, delta.ttft);
      s.tpot = add(s.tpot, delta.tpot);
      s.success += delta.requests - delta.errors;
      s.errors += delta.errors;
      s.inputTokens += delta.promptTokens;
      s.outputTokens += delta.generatedTokens;
      s.coldStarts += delta.coldStarts;
      series.set(labels, s);
      inFlight.set(target.replicaId, { labels, value: delta.inFlight });
    },
    present(targets: readonly MetricTarget[]) {
      const ids = new Set(targets.map((t) => t.replicaId));
      for (const id of inFlight.keys()) if (!ids.has(id)) inFlight.delete(id);
    },
  };
  const render = (): string => {
    const all = [...series.values()];
    const gauges = new Map<string, number>();
    for (const g of inFlight.values()) gauges.set(g.labels, (gauges.get(g.labels) ?? 0) + g.value);
    const lines = [
      ...renderHistogram(
        "gen_ai_server_request_duration_seconds",
        "GenAI server request duration (arrival to last byte) of service replicas (gen_ai.server.request.duration).",
        all,
        (s) => s.duration,
      ),
      ...renderHistogram(
        "gen_ai_server_time_to_first_token_seconds",
        "Time to the first token, queue included (gen_ai.server.time_to_first_token).",
        all,
        (s) => s.ttft,
      ),
      ...renderHistogram(
        "gen_ai_server_time_per_output_token_seconds",
        "Decoding time per output token after the first (gen_ai.server.time_per_output_token).",
        all,
        (s) => s.tpot,
      ),
      "# HELP infera_service_tokens_total Tokens of service replicas by gen_ai.token.type (input: prompt, output: generated).",
      "# TYPE infera_service_tokens_total counter",
      ...all.flatMap((s) => [
        `infera_service_tokens_total{${s.labels},gen_ai_token_type="input"} ${s.inputTokens}`,
        `infera_service_tokens_total{${s.labels},gen_ai_token_type="output"} ${s.outputTokens}`,
      ]),
      "# HELP infera_service_requests_total Inference requests of service replicas; error: the replica answered 5xx.",
      "# TYPE infera_service_requests_total counter",
      ...all.flatMap((s) => [
        `infera_service_requests_total{${s.labels},outcome="success"} ${s.success}`,
        `infera_service_requests_total{${s.labels},outcome="error"} ${s.errors}`,
      ]),
      "# HELP infera_service_cold_starts_total Replicas that became ready (a start or a restart).",
      "# TYPE infera_service_cold_starts_total counter",
      ...all.map((s) => `infera_service_cold_starts_total{${s.labels}} ${s.coldStarts}`),
      "# HELP infera_service_requests_in_flight Requests holding a sequence at the last scrape, replicas added up.",
      "# TYPE infera_service_requests_in_flight gauge",
      ...[...gauges].map(([labels, v]) => `infera_service_requests_in_flight{${labels}} ${v}`),
    ];
    return `${lines.join("\n")}\n`;
  };
  return { observer, render };
}
