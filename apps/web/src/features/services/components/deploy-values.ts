import type { ServiceConfigInput, ServiceRevisionConfig, ServiceRuntimeKind } from "@infera/contracts";

/** A deploy request's `config`, every default spelled out (what the wizard shows, it sends). */
type ConfigInput = ServiceConfigInput;

/** The deploy wizard's form, flat: one field per input of a revision's configuration. */
export interface DeployFormValues {
  model_mode: "version" | "tag";
  version_id?: string;
  model_id?: string;
  tag?: string;
  kind: ServiceRuntimeKind;
  context_size?: number | null;
  threads?: number | null;
  parallel?: number | null;
  base_url?: string;
  upstream_model?: string;
  /** Write-only: a revision's key is never answered, so a new one must be typed again. */
  api_key?: string;
  resource_class: string;
  gpu_count: number;
  metric: "concurrency" | "qps";
  target: number;
  min_replicas: number;
  max_replicas: number;
  scale_down_delay_seconds: number;
}

/** The form prefilled from a revision: the same model version (pinned), runtime, resources, autoscaling. */
export function valuesFromConfig(config: ServiceRevisionConfig): DeployFormValues {
  const r = config.runtime;
  return {
    model_mode: "version",
    version_id: config.model.version_id,
    model_id: config.model.model_id,
    tag: "latest",
    kind: r.kind,
    context_size: r.context_size ?? null,
    threads: r.threads ?? null,
    parallel: r.parallel ?? null,
    base_url: r.base_url ?? "",
    upstream_model: r.upstream_model ?? "",
    api_key: "",
    resource_class: config.resources.resource_class,
    gpu_count: config.resources.gpu_count,
    metric: config.autoscaling.metric,
    target: config.autoscaling.target,
    min_replicas: config.autoscaling.min_replicas,
    max_replicas: config.autoscaling.max_replicas,
    scale_down_delay_seconds: config.autoscaling.scale_down_delay_seconds,
  };
}

const present = <T>(v: T | null | undefined | ""): v is T => v !== null && v !== undefined && v !== "";

/** The deploy request's `config` from the form: only the fields of the chosen runtime. */
export function configFromValues(v: DeployFormValues): ConfigInput {
  const runtime: ConfigInput["runtime"] = { kind: v.kind };
  if (v.kind === "llama.cpp") {
    if (present(v.context_size)) runtime.context_size = v.context_size;
    if (present(v.threads)) runtime.threads = v.threads;
    if (present(v.parallel)) runtime.parallel = v.parallel;
  }
  if (v.kind === "openai-compatible") {
    if (present(v.base_url)) runtime.base_url = v.base_url.trim();
    if (present(v.upstream_model)) runtime.upstream_model = v.upstream_model.trim();
    if (present(v.api_key)) runtime.api_key = v.api_key;
  }
  return {
    model:
      v.model_mode === "version"
        ? { version_id: (v.version_id ?? "").trim() }
        : { model_id: (v.model_id ?? "").trim(), ...(present(v.tag) ? { tag: v.tag.trim() } : {}) },
    runtime,
    resources: { resource_class: v.resource_class, gpu_count: v.gpu_count },
    autoscaling: {
      metric: v.metric,
      target: v.target,
      min_replicas: v.min_replicas,
      max_replicas: v.max_replicas,
      scale_down_delay_seconds: v.scale_down_delay_seconds,
      // The contract ties the two together: zero replicas at rest is scale to zero.
      scale_to_zero: v.min_replicas === 0,
    },
  };
}

/**
 * Before/after of a deploy, in the request's terms: the current revision as a request would give
 * it, and the new one with a typed key shown only as "set" (a secret never goes into the page).
 */
export function deployDiff(current: ServiceRevisionConfig, next: ConfigInput) {
  const before = configFromValues(valuesFromConfig(current));
  const beforeRuntime: Record<string, unknown> = { ...before.runtime };
  if (current.runtime.api_key_set) beforeRuntime.api_key = "(set)";
  const afterRuntime: Record<string, unknown> = { ...next.runtime };
  if (next.runtime.api_key !== undefined) afterRuntime.api_key = "(new)";
  return { before: { ...before, runtime: beforeRuntime }, after: { ...next, runtime: afterRuntime } };
}
