import { describe, expect, it } from "vitest";
import type { TrainerCapabilities, TrainerRuntimeDescriptor } from "../ports/trainer-runtime.js";
import { checkRuntimeSupports } from "./check-runtime-supports.js";

const runtime = (name: string, capabilities: TrainerCapabilities): TrainerRuntimeDescriptor => ({
  name,
  description: name,
  capabilities,
});

const cpu = runtime("reference", {
  stages: ["sft", "pretrain"],
  methods: ["lora", "full"],
  precisions: ["fp32"],
  gpus: false,
  ddp: false,
  artifacts: ["adapter", "merged", "full"],
});
const gpuNoDpo = runtime("hf-peft", {
  stages: ["sft", "pretrain"],
  methods: ["lora", "qlora", "full"],
  precisions: ["fp32", "fp16", "bf16"],
  gpus: true,
  ddp: true,
  artifacts: ["adapter", "merged", "full"],
});
const gpuDpo = runtime("ms-swift", {
  stages: ["sft", "pretrain", "dpo"],
  methods: ["lora", "qlora", "full"],
  precisions: ["fp32", "fp16", "bf16"],
  gpus: true,
  ddp: true,
  artifacts: ["adapter", "merged", "full"],
});
const all = [cpu, gpuNoDpo, gpuDpo];

describe("checkRuntimeSupports", () => {
  it("accepts what the runtime declares", () => {
    const check = checkRuntimeSupports(
      cpu,
      { stage: "sft", method: "lora", precision: "fp32", gpuCount: 0, ddp: false, artifact: "merged" },
      all,
    );
    expect(check).toEqual({ ok: true, unsupported: [] });
  });

  it("names the unsupported precision and the first runtime that supports it", () => {
    const check = checkRuntimeSupports(cpu, { stage: "sft", precision: "bf16" }, all);
    expect(check).toEqual({
      ok: false,
      unsupported: [{ feature: "precision", value: "bf16" }],
      alternative: "hf-peft",
      message: "bf16 is not supported by reference; use hf-peft",
    });
  });

  it("lists every gap and picks a runtime that closes all of them, skipping one that closes only some", () => {
    const check = checkRuntimeSupports(
      cpu,
      { stage: "dpo", method: "qlora", precision: "bf16", gpuCount: 2, ddp: true },
      all,
    );
    expect(check.unsupported.map((u) => u.feature)).toEqual(["stage", "method", "precision", "gpus", "ddp"]);
    expect(check.alternative).toBe("ms-swift");
    expect(check.message).toBe(
      "stage dpo, method qlora, bf16, GPUs and DDP are not supported by reference; use ms-swift",
    );
  });

  it("says so when no runtime can do it", () => {
    const check = checkRuntimeSupports(gpuNoDpo, { stage: "ppo" }, all);
    expect(check.ok).toBe(false);
    expect(check.alternative).toBeUndefined();
    expect(check.message).toBe("stage ppo is not supported by hf-peft; no runtime supports it");
    const two = checkRuntimeSupports(cpu, { stage: "ppo", artifact: "adapter", method: "freeze" }, all);
    expect(two.message).toBe(
      "stage ppo and method freeze are not supported by reference; no runtime supports all of them",
    );
  });

  it("a CPU job (no GPUs asked) is fine on a CPU runtime; GPUs on it are refused", () => {
    expect(checkRuntimeSupports(cpu, { gpuCount: 0 }, all).ok).toBe(true);
    expect(checkRuntimeSupports(cpu, { gpuCount: 1 }, all)).toMatchObject({
      ok: false,
      unsupported: [{ feature: "gpus", value: "1" }],
      alternative: "hf-peft",
    });
  });
});
