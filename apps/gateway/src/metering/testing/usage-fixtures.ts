import type { UsageRecord } from "@infera/contracts";

const id = (prefix: string, n: number) => `${prefix}_${String(n).padStart(26, "0")}`;

/**
 * The n-th record of a deterministic stream: ids in order (so a test can tell which are missing),
 * spread over two keys, three statuses, streamed or not, priced or not, and several minutes.
 */
export function usageRecordNo(n: number, startMs = Date.UTC(2026, 0, 1)): UsageRecord {
  const streamed = n % 2 === 0;
  return {
    id: id("usg", n),
    at: new Date(startMs + n * 7).toISOString(),
    tenant_id: id("ten", 1),
    project_id: id("proj", 1),
    api_key_id: n % 3 === 0 ? null : `key_${n % 2}`,
    service_id: id("svc", 1),
    revision_id: id("rev", n % 2),
    model_version_id: id("mv", 1),
    endpoint: "chat/completions",
    status_code: n % 17 === 0 ? 429 : n % 31 === 0 ? 500 : 200,
    prompt_tokens: 10 + (n % 50),
    completion_tokens: n % 200,
    latency_ms: 5 + ((n * 37) % 3000) + 0.25,
    ttft_ms: streamed ? 1 + (n % 90) : null,
    tpot_ms: streamed && n % 200 > 1 ? 2.5 : null,
    cost_estimate: n % 5 === 0 ? null : 0.000125,
    streamed,
  };
}
