/**
 * The replica's `/metrics` (Prometheus text format 0.0.4), written by hand: a few counters, two
 * gauges read at scrape time and three histograms do not justify a dependency in every replica.
 * Names follow the OpenTelemetry GenAI conventions (`gen_ai.server.*` → `gen_ai_server_*_seconds`);
 * labels are bounded (route is one of four, status one of a handful of codes).
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const TPOT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.counts[i]!++;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((b, i) => {
      lines.push(`${this.name}_bucket{le="${b}"} ${this.counts[i]}`);
    });
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
    lines.push(`${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines.join("\n");
  }
}

export class ReplicaMetrics {
  private readonly requests = new Map<string, number>();
  inFlight = 0;
  promptTokens = 0;
  generatedTokens = 0;
  queuedTotal = 0;
  readonly duration = new Histogram(
    "gen_ai_server_request_duration_seconds",
    "Time from a request's arrival to its last byte.",
    LATENCY_BUCKETS,
  );
  readonly ttft = new Histogram(
    "gen_ai_server_time_to_first_token_seconds",
    "Time from a generation request's arrival (queue included) to its first token.",
    LATENCY_BUCKETS,
  );
  readonly tpot = new Histogram(
    "gen_ai_server_time_per_output_token_seconds",
    "Decoding time per output token after the first.",
    TPOT_BUCKETS,
  );

  countRequest(route: string, status: number): void {
    const key = `route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  render(state: { queueDepth: number; parallel: number; ready: boolean }): string {
    const out = [
      "# HELP infera_replica_requests_total Requests answered, by route and HTTP status.",
      "# TYPE infera_replica_requests_total counter",
      ...[...this.requests].map(([labels, n]) => `infera_replica_requests_total{${labels}} ${n}`),
      "# HELP infera_replica_requests_in_flight Requests holding a sequence (generating or embedding).",
      "# TYPE infera_replica_requests_in_flight gauge",
      `infera_replica_requests_in_flight ${this.inFlight}`,
      "# HELP infera_replica_queue_depth Requests waiting for a free sequence.",
      "# TYPE infera_replica_queue_depth gauge",
      `infera_replica_queue_depth ${state.queueDepth}`,
      "# HELP infera_replica_requests_queued_total Requests that had to wait for a sequence.",
      "# TYPE infera_replica_requests_queued_total counter",
      `infera_replica_requests_queued_total ${this.queuedTotal}`,
      "# HELP infera_replica_parallel_sequences Sequences decoded concurrently (--parallel).",
      "# TYPE infera_replica_parallel_sequences gauge",
      `infera_replica_parallel_sequences ${state.parallel}`,
      "# HELP infera_replica_ready 1 once the model is loaded.",
      "# TYPE infera_replica_ready gauge",
      `infera_replica_ready ${state.ready ? 1 : 0}`,
      "# HELP gen_ai_server_prompt_tokens_total Prompt tokens evaluated.",
      "# TYPE gen_ai_server_prompt_tokens_total counter",
      `gen_ai_server_prompt_tokens_total ${this.promptTokens}`,
      "# HELP gen_ai_server_generated_tokens_total Tokens generated.",
      "# TYPE gen_ai_server_generated_tokens_total counter",
      `gen_ai_server_generated_tokens_total ${this.generatedTokens}`,
      this.duration.render(),
      this.ttft.render(),
      this.tpot.render(),
    ];
    return `${out.join("\n")}\n`;
  }
}
