import type {
  RuntimeArtifact,
  RuntimeMethod,
  RuntimePrecision,
  RuntimeStage,
  TrainerRuntimeDescriptor,
} from "../ports/trainer-runtime.js";

/** What a job asks of its runtime; fields left out are not checked. */
export interface TrainingRequirements {
  stage?: RuntimeStage;
  method?: RuntimeMethod;
  precision?: RuntimePrecision;
  /** 0 (or absent) for a CPU job. */
  gpuCount?: number;
  ddp?: boolean;
  artifact?: RuntimeArtifact;
}

export interface UnsupportedItem {
  feature: "stage" | "method" | "precision" | "gpus" | "ddp" | "artifact";
  /** What was asked, as the job spelled it (`bf16`, `2` GPUs, `true` for DDP). */
  value: string;
}

export interface RuntimeSupportCheck {
  ok: boolean;
  unsupported: UnsupportedItem[];
  /** The first other runtime (in catalog order) that supports everything asked, when one does. */
  alternative?: string;
  /** e.g. "bf16 is not supported by reference; use hf-peft"; absent when ok. */
  message?: string;
}

function gaps(runtime: TrainerRuntimeDescriptor, want: TrainingRequirements): UnsupportedItem[] {
  const c = runtime.capabilities;
  const out: UnsupportedItem[] = [];
  if (want.stage && !c.stages.includes(want.stage)) out.push({ feature: "stage", value: want.stage });
  if (want.method && !c.methods.includes(want.method)) out.push({ feature: "method", value: want.method });
  if (want.precision && !c.precisions.includes(want.precision))
    out.push({ feature: "precision", value: want.precision });
  if ((want.gpuCount ?? 0) > 0 && !c.gpus) out.push({ feature: "gpus", value: String(want.gpuCount) });
  if (want.ddp && !c.ddp) out.push({ feature: "ddp", value: "true" });
  if (want.artifact && !c.artifacts.includes(want.artifact))
    out.push({ feature: "artifact", value: want.artifact });
  return out;
}

function describe(item: UnsupportedItem): string {
  switch (item.feature) {
    case "stage":
      return `stage ${item.value}`;
    case "method":
      return `method ${item.value}`;
    case "precision":
      return item.value;
    case "gpus":
      return "GPUs";
    case "ddp":
      return "DDP";
    case "artifact":
      return `${item.value} artifacts`;
  }
}

function list(words: string[]): string {
  return words.length < 2 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * Which of a job's requirements `runtime` cannot meet, and another runtime of `allRuntimes` that
 * meets them all, so a refusal can say what to use instead. Pure: the caller turns a failed check into
 * its own error.
 */
export function checkRuntimeSupports(
  runtime: TrainerRuntimeDescriptor,
  request: TrainingRequirements,
  allRuntimes: readonly TrainerRuntimeDescriptor[],
): RuntimeSupportCheck {
  const unsupported = gaps(runtime, request);
  if (unsupported.length === 0) return { ok: true, unsupported };
  const alternative = allRuntimes.find((r) => r.name !== runtime.name && gaps(r, request).length === 0)?.name;
  const verb = unsupported.length === 1 ? "is" : "are";
  const instead = alternative
    ? `use ${alternative}`
    : unsupported.length === 1
      ? "no runtime supports it"
      : "no runtime supports all of them";
  return {
    ok: false,
    unsupported,
    ...(alternative ? { alternative } : {}),
    message: `${list(unsupported.map(describe))} ${verb} not supported by ${runtime.name}; ${instead}`,
  };
}
