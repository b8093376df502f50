import type {
  EvaluationComparison,
  EvaluationRun,
  EvaluationSample,
  SampleRating,
  WinRate,
} from "@infera/contracts";

const at = "2026-12-01T08:00:00.000Z";

/** The signed-in user of the side-by-side tests (`GET /auth/me`). */
export const meBody = (id = "usr_me") => ({
  body: {
    data: {
      principal_type: "user",
      user: {
        id,
        email: "rater@x.io",
        name: null,
        is_platform_admin: false,
        status: "active",
        last_login_at: null,
        created_at: at,
      },
      service_account: null,
      tenants: [{ id: "ten_1", name: "Acme", role: "member" }],
      csrf_token: "c",
    },
  },
});

/** A finished side-by-side run of two service revisions over typed prompts. */
export function sbsRun(over: Partial<EvaluationRun> = {}): EvaluationRun {
  return {
    id: "evr_1",
    project_id: "proj_1",
    kind: "side_by_side",
    name: "r1 vs r2",
    status: "succeeded",
    targets: [
      {
        key: "a",
        kind: "service_revision",
        model_id: null,
        model_version_id: null,
        service_id: "svc_1",
        revision_id: "rev_1",
        label: "support@r1",
        role: "evaluated",
      },
      {
        key: "b",
        kind: "service_revision",
        model_id: null,
        model_version_id: null,
        service_id: "svc_1",
        revision_id: "rev_2",
        label: "support@r2",
        role: "compared",
      },
    ],
    dataset_id: null,
    dataset_version_id: null,
    config: {
      prompts: ["What is the capital of France?", "Say hi", "Count to three"],
      metrics: [{ name: "latency_ms" }],
      seed: 42,
      generation: { temperature: 0.3, top_p: 0.9, max_tokens: 128 },
    },
    samples_total: 3,
    samples_done: 3,
    eta_seconds: null,
    summary: null,
    gate: null,
    error: null,
    rerun_of: null,
    benchmark_id: null,
    created_by: "usr_me",
    created_at: at,
    started_at: at,
    finished_at: at,
    ...over,
  };
}

export function sample(
  over: Partial<EvaluationSample> & Pick<EvaluationSample, "index" | "target">,
): EvaluationSample {
  return {
    input: "What is the capital of France?",
    reference: null,
    output: "answer",
    scores: {},
    judge_reason: null,
    slice: null,
    latency_ms: 120,
    prompt_tokens: 8,
    completion_tokens: 6,
    reference_tokens: null,
    error: null,
    ...over,
  };
}

export function rating(over: Partial<SampleRating> & Pick<SampleRating, "index">): SampleRating {
  return {
    rater_id: "usr_me",
    rater_label: "rater@x.io",
    score_a: 4,
    score_b: 2,
    winner: "a",
    note: "",
    updated_at: at,
    ...over,
  };
}

export function winRate(over: Partial<WinRate> = {}): WinRate {
  return {
    ratings: 4,
    raters: 2,
    a_wins: 3,
    b_wins: 1,
    ties: 0,
    win_rate_a: 0.75,
    ci_low: 0.5,
    ci_high: 1,
    ...over,
  };
}

export function comparison(over: Partial<EvaluationComparison> = {}): EvaluationComparison {
  return {
    runs: [
      { id: "evr_1", label: "baseline run" },
      { id: "evr_2", label: "candidate run" },
    ],
    metrics: [
      {
        metric: "exact_match",
        values: [
          { value: 0.5, ci_low: 0.4, ci_high: 0.6, n: 100 },
          { value: 0.62, ci_low: 0.52, ci_high: 0.71, n: 100 },
        ],
        deltas: [null, { delta: 0.12, ci_low: 0.05, ci_high: 0.19, paired: true }],
      },
      {
        metric: "latency_ms",
        values: [
          { value: 210, ci_low: 190, ci_high: 230, n: 100 },
          { value: 205, ci_low: 180, ci_high: 226, n: 80 },
        ],
        deltas: [null, { delta: -5, ci_low: -30, ci_high: 21, paired: false }],
      },
    ],
    ...over,
  };
}
