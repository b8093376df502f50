import type { EvaluationRun, EvaluationSample, GateRule, GateRuleOutcome, Model } from "@infera/contracts";

const at = "2025-03-01T08:00:00.000Z";

/** A run as `GET /evaluations/{id}` answers it: an automatic run of one version, succeeded, with two metrics. */
export function evaluationRun(over: Partial<EvaluationRun> = {}): EvaluationRun {
  return {
    id: "evr_1",
    project_id: "proj_1",
    kind: "automatic",
    name: "router-check",
    status: "succeeded",
    targets: [
      {
        key: "a",
        kind: "model_version",
        model_id: "mdl_1",
        model_version_id: "mv_2",
        service_id: null,
        revision_id: null,
        label: "support-router:staging",
        role: "evaluated",
      },
    ],
    dataset_id: "ds_1",
    dataset_version_id: "dsv_1",
    config: {
      dataset_version_id: "dsv_1",
      metrics: [{ name: "exact_match" }, { name: "rouge_l" }],
      seed: 42,
      generation: { temperature: 0, top_p: 1, max_tokens: 64 },
    },
    samples_total: 200,
    samples_done: 200,
    eta_seconds: null,
    summary: {
      metrics: {
        a: {
          exact_match: { value: 0.62, ci_low: 0.55, ci_high: 0.69, n: 200 },
          rouge_l: { value: 71.4, ci_low: 68.2, ci_high: 74.9, n: 200 },
        },
      },
      sentence: "support-router:staging answers 62% of the samples exactly.",
    },
    gate: null,
    error: null,
    rerun_of: null,
    benchmark_id: null,
    created_by: "usr_1",
    created_at: at,
    started_at: at,
    finished_at: "2025-03-01T08:05:00.000Z",
    ...over,
  };
}

export function gateOutcome(over: Partial<GateRuleOutcome> = {}): GateRuleOutcome {
  return {
    rule_id: "egr_1",
    metric: "exact_match",
    comparator: "at_least",
    value: 0.62,
    ci_low: 0.55,
    ci_high: 0.69,
    threshold: 0.5,
    baseline_value: null,
    passed: true,
    reason: "exact match 0.62 [0.55, 0.69] is at least 0.50",
    ...over,
  };
}

/** A gate run of mv_2 against prod with the given rule outcomes. */
export function gateRun(rules: GateRuleOutcome[], over: Partial<EvaluationRun> = {}): EvaluationRun {
  const base = evaluationRun();
  return evaluationRun({
    id: "evr_g",
    kind: "gate",
    name: "release-gate",
    targets: [
      ...base.targets,
      {
        key: "b",
        kind: "model_version",
        model_id: "mdl_1",
        model_version_id: "mv_1",
        service_id: null,
        revision_id: null,
        label: "support-router:prod",
        role: "baseline",
      },
    ],
    gate: { passed: rules.every((r) => r.passed), rules },
    ...over,
  });
}

export function sample(index: number, over: Partial<EvaluationSample> = {}): EvaluationSample {
  return {
    index,
    target: "a",
    input: `question ${index}`,
    reference: `answer ${index}`,
    output: index % 2 ? `answer ${index}` : `wrong ${index}`,
    scores: { exact_match: index % 2, rouge_l: index % 2 ? 100 : 40 },
    judge_reason: null,
    slice: null,
    latency_ms: 120,
    prompt_tokens: 8,
    completion_tokens: 4,
    reference_tokens: null,
    error: null,
    ...over,
  };
}

/** A gate rule as `GET /projects/{id}/evaluation-gate-rules` lists it: exact match ≥ 0.8 for every model. */
export function gateRule(over: Partial<GateRule> = {}): GateRule {
  return {
    id: "egr_1",
    project_id: "proj_1",
    model_id: null,
    metric: "exact_match",
    comparator: "at_least",
    threshold: 0.8,
    prompt_count: null,
    margin: null,
    description: "release floor",
    created_at: at,
    created_by: "usr_1",
    ...over,
  };
}

/** A model of the project as its list (and the model pickers) show it. */
export function projectModel(over: Partial<Model> = {}): Model {
  return {
    id: "mdl_1",
    name: "support-router",
    description: "",
    owner_type: "tenant",
    owner_id: "ten_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    visibility: "private",
    scope: "project",
    source: "",
    license: "",
    tags: [],
    latest_version_id: null,
    latest_version: null,
    version_count: 0,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}
