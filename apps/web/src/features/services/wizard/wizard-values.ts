import type { InferaClient } from "@infera/client";
import {
  CreateServiceInput,
  type Env,
  type ServiceExposure,
  type ServiceRuntimeKind,
} from "@infera/contracts";

/** The create request as the client takes it (the contract's input: defaults may be left out). */
export type CreateServiceBody = Parameters<InferaClient["services"]["create"]>[1];

export const STEPS = ["basics", "model", "runtime", "resources", "autoscaling"] as const;
export type StepKey = (typeof STEPS)[number];

/**
 * The wizard's form values, flat: one form field per setting. `model_ref` is `tag:<name>` or
 * `version:<id>`; `ip_allow_list` is the text area's lines.
 */
export interface ServiceWizardValues {
  name?: string;
  description?: string;
  env?: Env;
  exposure?: ServiceExposure;
  ip_allow_list?: string;
  model_id?: string;
  model_ref?: string;
  runtime_kind: ServiceRuntimeKind;
  context_size?: number | null;
  threads?: number | null;
  parallel?: number | null;
  base_url?: string;
  upstream_model?: string;
  api_key?: string;
  resource_class?: string;
  gpu_count?: number | null;
  metric: "concurrency" | "qps";
  target?: number | null;
  min_replicas?: number | null;
  max_replicas?: number | null;
  scale_down_delay_seconds?: number | null;
  scale_to_zero: boolean;
}

/** A new service: the contract's autoscaling defaults, llama.cpp, and a model version when one is given (Deploy from a job). */
export function defaultValues(modelVersionId?: string | null): ServiceWizardValues {
  return {
    exposure: "private",
    runtime_kind: "llama.cpp",
    model_ref: modelVersionId ? `version:${modelVersionId}` : undefined,
    gpu_count: 0,
    metric: "concurrency",
    target: 4,
    min_replicas: 1,
    max_replicas: 1,
    scale_down_delay_seconds: 300,
    scale_to_zero: false,
  };
}

const given = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null && v !== "";

/** The allow-list's lines, trimmed, blanks dropped. */
export function allowListLines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The request body as it will be sent: unset optional settings are left out (the server's defaults apply). */
export function toInput(v: ServiceWizardValues): CreateServiceBody {
  const ref = v.model_ref ?? "";
  const model = ref.startsWith("version:")
    ? { version_id: ref.slice("version:".length) }
    : { model_id: v.model_id ?? "", tag: ref.startsWith("tag:") ? ref.slice("tag:".length) : undefined };
  const llama = v.runtime_kind === "llama.cpp";
  const upstream = v.runtime_kind === "openai-compatible";
  const runtime = Object.fromEntries(
    Object.entries({
      kind: v.runtime_kind,
      context_size: llama ? v.context_size : undefined,
      threads: llama ? v.threads : undefined,
      parallel: llama ? v.parallel : undefined,
      base_url: upstream ? v.base_url?.trim() : undefined,
      upstream_model: upstream ? v.upstream_model?.trim() : undefined,
      api_key: upstream ? v.api_key : undefined,
    }).filter(([, x]) => given(x)),
  ) as CreateServiceBody["config"]["runtime"];
  const exposure = v.exposure ?? "private";
  return {
    name: v.name?.trim() ?? "",
    description: v.description?.trim() || undefined,
    env: v.env,
    exposure,
    ip_allow_list: exposure === "public" ? allowListLines(v.ip_allow_list) : [],
    config: {
      model,
      runtime,
      resources: { resource_class: v.resource_class ?? "", gpu_count: v.gpu_count ?? 0 },
      autoscaling: {
        metric: v.metric,
        target: v.target ?? undefined,
        min_replicas: v.min_replicas ?? undefined,
        max_replicas: v.max_replicas ?? undefined,
        scale_down_delay_seconds: v.scale_down_delay_seconds ?? undefined,
        scale_to_zero: v.scale_to_zero,
      },
    },
  };
}

/** The form field and step a contract path (or a server error's `field`) names. */
export function fieldOf(path: (string | number)[]): {
  name: keyof ServiceWizardValues | null;
  step: StepKey | null;
} {
  const [head, second, third] = path.map(String);
  const basics = ["name", "description", "env", "exposure", "ip_allow_list"];
  if (head && basics.includes(head)) return { name: head as keyof ServiceWizardValues, step: "basics" };
  // requireResourceClass names its fields without the config prefix.
  if (head === "resource_class" || head === "gpu_count") return { name: head, step: "resources" };
  if (head !== "config") return { name: null, step: null };
  if (second === "model") return { name: "model_ref", step: "model" };
  if (second === "runtime")
    return {
      name: third === "kind" || !third ? "runtime_kind" : (third as keyof ServiceWizardValues),
      step: "runtime",
    };
  if (second === "resources")
    return { name: (third as keyof ServiceWizardValues | undefined) ?? "resource_class", step: "resources" };
  if (second === "autoscaling")
    return { name: (third as keyof ServiceWizardValues | undefined) ?? "min_replicas", step: "autoscaling" };
  return { name: null, step: null };
}

export interface FieldIssue {
  name: keyof ServiceWizardValues | null;
  step: StepKey | null;
  message: string;
}

/** The contract's verdict on the body, each issue on its form field and step. */
export function checkValues(v: ServiceWizardValues): FieldIssue[] {
  const parsed = CreateServiceInput.safeParse(toInput(v));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ ...fieldOf(i.path as (string | number)[]), message: i.message }));
}
