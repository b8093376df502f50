import type { FineTuneJobConfig, TrainingMethod, TrainingPrecision, TrainingStage } from "@infera/contracts";
import { DomainError } from "../shared/errors.js";

interface RuntimeSupport {
  name: string;
  stages: readonly TrainingStage[];
  methods: readonly TrainingMethod[];
  precisions: readonly TrainingPrecision[];
  maxGpus: number;
  ddp: boolean;
}

/**
 * What each trainer runtime can do, until the runtime catalog (runtime descriptors with their
 * declared capabilities) replaces this table. `reference` is the bundled CPU trainer (fp32, no GPUs);
 * `hf-peft` is where bf16/fp16, GPUs and DDP go.
 */
const RUNTIMES: readonly RuntimeSupport[] = [
  {
    name: "reference",
    stages: ["sft", "pretrain"],
    methods: ["lora", "full"],
    precisions: ["fp32"],
    maxGpus: 0,
    ddp: false,
  },
  {
    name: "hf-peft",
    stages: ["sft", "pretrain"],
    methods: ["lora", "full"],
    precisions: ["fp32", "bf16", "fp16"],
    maxGpus: 8,
    ddp: true,
  },
];

type Wanted = Pick<FineTuneJobConfig, "runtime" | "stage" | "method" | "precision" | "gpu_count" | "ddp">;

/** What of `want` the runtime cannot do, as [field, what was asked]. */
function gaps(r: RuntimeSupport, want: Wanted): [string, string][] {
  const out: [string, string][] = [];
  if (!r.stages.includes(want.stage)) out.push(["stage", want.stage]);
  if (!r.methods.includes(want.method)) out.push(["method", want.method]);
  if (!r.precisions.includes(want.precision)) out.push(["precision", want.precision]);
  if (want.gpu_count > r.maxGpus) out.push(["gpu_count", String(want.gpu_count)]);
  if (want.ddp && !r.ddp) out.push(["ddp", "true"]);
  return out;
}

/**
 * Refuses (422) a runtime that does not exist or cannot run what the job asks for, naming the
 * runtimes that can.
 */
export function checkLocalRuntimeSupport(want: Wanted): void {
  const runtime = RUNTIMES.find((r) => r.name === want.runtime);
  if (!runtime)
    throw new DomainError(
      "unprocessable_content",
      `runtime "${want.runtime}" does not exist (runtimes: ${RUNTIMES.map((r) => r.name).join(", ")})`,
      { field: "runtime", runtimes: RUNTIMES.map((r) => r.name) },
    );
  const missing = gaps(runtime, want);
  if (!missing.length) return;
  const able = RUNTIMES.filter((r) => gaps(r, want).length === 0).map((r) => r.name);
  const what = missing.map(([field, value]) => `${field} ${value}`).join(", ");
  throw new DomainError(
    "unprocessable_content",
    `runtime "${runtime.name}" does not support ${what}${able.length ? `; use runtime ${able.map((n) => `"${n}"`).join(" or ")}` : "; no runtime supports this combination"}`,
    {
      field: missing[0]![0],
      runtime: runtime.name,
      unsupported: Object.fromEntries(missing),
      supported: {
        stages: runtime.stages,
        methods: runtime.methods,
        precisions: runtime.precisions,
        max_gpus: runtime.maxGpus,
        ddp: runtime.ddp,
      },
      runtimes_that_can: able,
    },
  );
}
