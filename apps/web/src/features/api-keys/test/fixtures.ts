import type { ApiKey, ApiKeyWithSecret, ServiceListItem, UsageFigures, UsageReport } from "@infera/contracts";

const at = "2026-11-01T08:00:00.000Z";

/** Well-formed ids. */
export const keyIds = {
  key: `key_${"0".repeat(25)}1`,
  key2: `key_${"0".repeat(25)}2`,
  rotated: `key_${"0".repeat(25)}3`,
};

/** A row of `GET /projects/{id}/api-keys`: active, invoke only, limits set, never expires. */
export function apiKey(over: Partial<ApiKey> = {}): ApiKey {
  return {
    id: keyIds.key,
    project_id: "proj_1",
    name: "support-bot",
    note: "the helpdesk integration",
    scopes: ["inference:invoke"],
    prefix: "ifr_3q2Jx0p4",
    rpm_limit: 600,
    daily_token_limit: 2_000_000,
    expires_at: null,
    status: "active",
    revoked_at: null,
    rotated_from_id: null,
    last_used_at: null,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

/** The answer of create or rotate: the key and its secret. */
export function issuedKey(over: Partial<ApiKeyWithSecret> = {}): ApiKeyWithSecret {
  return { ...apiKey(), secret: `ifr_3q2Jx0p4${"s".repeat(35)}`, ...over };
}

function figures(over: Partial<UsageFigures> = {}): UsageFigures {
  return {
    requests: 0,
    errors: 0,
    success_rate: null,
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
    latency_avg_ms: null,
    latency_p95_ms: null,
    ttft_avg_ms: null,
    cost_estimate: 0,
    priced_requests: 0,
    ...over,
  };
}

/** A week of one key's calls grouped by status code: 120 answered 200, 3 refused 429, over two days. */
export function usageReport(over: Partial<UsageReport> = {}): UsageReport {
  const ok = (requests: number, prompt: number, completion: number) =>
    figures({
      requests,
      success_rate: 1,
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      latency_avg_ms: 200,
      latency_p95_ms: 420,
      cost_estimate: 0.1,
      priced_requests: requests,
    });
  return {
    from: "2026-11-25T00:00:00.000Z",
    to: "2026-12-02T00:00:00.000Z",
    group_by: "status_code",
    granularity: "day",
    currency: "USD",
    totals: figures({
      requests: 123,
      errors: 3,
      success_rate: 120 / 123,
      prompt_tokens: 9000,
      completion_tokens: 3000,
      total_tokens: 12_000,
      latency_avg_ms: 210,
      latency_p95_ms: 432.4,
      cost_estimate: 1.25,
      priced_requests: 120,
    }),
    groups: [
      { ...ok(120, 9000, 3000), group: "200", label: "200" },
      { ...figures({ requests: 3, errors: 3, success_rate: 0 }), group: "429", label: "429" },
    ],
    series: [
      { ...ok(70, 5000, 1000), time: "2026-11-30T00:00:00.000Z", group: "200" },
      {
        ...figures({ requests: 3, errors: 3, success_rate: 0 }),
        time: "2026-11-30T00:00:00.000Z",
        group: "429",
      },
      { ...ok(50, 4000, 2000), time: "2026-12-01T00:00:00.000Z", group: "200" },
    ],
    status_codes: [
      { time: "2026-11-30T00:00:00.000Z", status_code: 200, requests: 70 },
      { time: "2026-11-30T00:00:00.000Z", status_code: 429, requests: 3 },
      { time: "2026-12-01T00:00:00.000Z", status_code: 200, requests: 50 },
    ],
    ...over,
  };
}

/** A service of the project, whose name the secret dialog's example calls as `model`. */
export function exampleService(): ServiceListItem {
  return {
    id: "svc_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "chat-assistant",
    description: "",
    env: "dev",
    exposure: "private",
    ip_allow_list: [],
    desired_state: "active",
    current_state: "ready",
    current_revision_id: null,
    model_version_id: null,
    runtime: "llama.cpp",
    traffic: [],
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    replicas: { ready: 1, min: 1, max: 1 },
  };
}
