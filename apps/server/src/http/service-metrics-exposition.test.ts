import type { MetricTarget, ScrapeDelta } from "@infera/core";
import { describe, expect, it } from "vitest";
import { createServiceMetricsExposition } from "./service-metrics-exposition.js";

const target = (replicaId: string, over: Partial<MetricTarget> = {}): MetricTarget => ({
  replicaId,
  pid: 1,
  port: 1,
  serviceId: "svc_1",
  serviceName: "chat",
  revisionId: "rev_1",
  revisionNumber: 3,
  modelName: 'tiny "q4"',
  ...over,
});
const delta = (over: Partial<ScrapeDelta> = {}): ScrapeDelta => ({
  requests: 4,
  errors: 1,
  promptTokens: 40,
  generatedTokens: 12,
  duration: { bounds: [0.1, 1], counts: [1, 4, 4], sum: 1.5 },
  ttft: { bounds: [0.1, 1], counts: [2, 3, 3], sum: 0.4 },
  tpot: { bounds: [0.01], counts: [3, 3], sum: 0.02 },
  coldStarts: 1,
  inFlight: 2,
  ...over,
});

describe("services in the server's Prometheus text", () => {
  it("adds replicas of one revision into one series, with bounded, escaped labels", () => {
    const { observer, render } = createServiceMetricsExposition();
    observer.scraped(target("rep_a"), delta());
    observer.scraped(target("rep_b"), delta({ errors: 0, inFlight: 1 }));
    const text = render();
    const labels = 'service="chat",revision="3",model="tiny \\"q4\\""';
    expect(text).toContain(`gen_ai_server_request_duration_seconds_bucket{${labels},le="0.1"} 2\n`);
    expect(text).toContain(`gen_ai_server_request_duration_seconds_bucket{${labels},le="+Inf"} 8\n`);
    expect(text).toContain(`gen_ai_server_request_duration_seconds_sum{${labels}} 3\n`);
    expect(text).toContain(`gen_ai_server_time_per_output_token_seconds_count{${labels}} 6\n`);
    expect(text).toContain(`infera_service_requests_total{${labels},outcome="error"} 1\n`);
    expect(text).toContain(`infera_service_requests_total{${labels},outcome="success"} 7\n`);
    expect(text).toContain(`infera_service_tokens_total{${labels},gen_ai_token_type="input"} 80\n`);
    expect(text).toContain(`infera_service_requests_in_flight{${labels}} 3\n`);
    expect(text).not.toMatch(/rep_a|rep_b|svc_1|rev_1/);
  });

  it("drops a replica that left from the in-flight gauge, keeps the counters", () => {
    const { observer, render } = createServiceMetricsExposition();
    observer.scraped(target("rep_a"), delta());
    observer.scraped(target("rep_b"), delta({ inFlight: 5 }));
    observer.present([target("rep_b")]);
    const text = render();
    expect(text).toMatch(/infera_service_requests_in_flight\{[^}]*\} 5\n/);
    expect(text).toMatch(/infera_service_cold_starts_total\{[^}]*\} 2\n/);
  });
});
