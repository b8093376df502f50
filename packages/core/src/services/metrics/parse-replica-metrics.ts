/** A cumulative histogram as a replica reports it: counts by upper bound (`le`), the last being +Inf. */
export interface CumulativeHistogram {
  bounds: number[];
  counts: number[];
  sum: number;
}

/** What one scrape of an `infera-serve` replica's `/metrics` says, cumulative since the process started. */
export interface ReplicaSample {
  /** Inference requests answered (chat, completions, embeddings). */
  requests: number;
  /** Of those, answered with a 5xx: the replica failed them (a 4xx is the caller's, 499 the caller leaving). */
  errors: number;
  promptTokens: number;
  generatedTokens: number;
  inFlight: number;
  queueDepth: number;
  duration: CumulativeHistogram;
  ttft: CumulativeHistogram;
  tpot: CumulativeHistogram;
}

const INFERENCE_ROUTES = new Set(["/v1/chat/completions", "/v1/completions", "/v1/embeddings"]);
const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function histogram(points: { le: string; value: number }[], sum: number): CumulativeHistogram {
  const finite = points
    .filter((p) => p.le !== "+Inf")
    .map((p) => ({ bound: Number(p.le), value: p.value }))
    .sort((a, b) => a.bound - b.bound);
  const inf = points.find((p) => p.le === "+Inf")?.value ?? finite.at(-1)?.value ?? 0;
  return { bounds: finite.map((p) => p.bound), counts: [...finite.map((p) => p.value), inf], sum };
}

/**
 * Parses the Prometheus text of `infera-serve`'s `/metrics` (docs/serving-runtime.md) into the
 * figures the minute rows keep. Unknown series are ignored, so a newer replica with more metrics
 * still parses; a text without the replica's series is an error (the port answers something else).
 */
export function parseReplicaMetrics(text: string): ReplicaSample {
  const sample: ReplicaSample = {
    requests: 0,
    errors: 0,
    promptTokens: 0,
    generatedTokens: 0,
    inFlight: 0,
    queueDepth: 0,
    duration: { bounds: [], counts: [0], sum: 0 },
    ttft: { bounds: [], counts: [0], sum: 0 },
    tpot: { bounds: [], counts: [0], sum: 0 },
  };
  const buckets = new Map<string, { le: string; value: number }[]>();
  const sums = new Map<string, number>();
  let seen = false;
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const [, name, rawLabels = "", rawValue] = m;
    const value = Number(rawValue);
    if (!Number.isFinite(value)) continue;
    const labels: Record<string, string> = {};
    for (const l of rawLabels.matchAll(LABEL)) labels[l[1]!] = l[2]!;
    switch (name) {
      case "infera_replica_requests_total":
        if (!INFERENCE_ROUTES.has(labels.route ?? "")) break;
        sample.requests += value;
        if (Number(labels.status) >= 500) sample.errors += value;
        break;
      case "infera_replica_requests_in_flight":
        sample.inFlight = value;
        seen = true;
        break;
      case "infera_replica_queue_depth":
        sample.queueDepth = value;
        break;
      case "gen_ai_server_prompt_tokens_total":
        sample.promptTokens = value;
        break;
      case "gen_ai_server_generated_tokens_total":
        sample.generatedTokens = value;
        break;
      default: {
        const h = /^(gen_ai_server_\w+_seconds)_(bucket|sum)$/.exec(name!);
        if (!h) break;
        if (h[2] === "sum") sums.set(h[1]!, value);
        else if (labels.le !== undefined) {
          const list = buckets.get(h[1]!) ?? [];
          list.push({ le: labels.le, value });
          buckets.set(h[1]!, list);
        }
      }
    }
  }
  if (!seen) throw new Error("not an infera-serve /metrics answer (no infera_replica_requests_in_flight)");
  const of = (name: string) => histogram(buckets.get(name) ?? [], sums.get(name) ?? 0);
  sample.duration = of("gen_ai_server_request_duration_seconds");
  sample.ttft = of("gen_ai_server_time_to_first_token_seconds");
  sample.tpot = of("gen_ai_server_time_per_output_token_seconds");
  return sample;
}
