import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkRuntimeSupports } from "@infera/core";
import { describe, expect, it } from "vitest";
import { ProtocolParser } from "../protocol/parser.js";
import { gpuTrainerRuntimes, INFERA_TRAIN_BIN, referenceRuntime, trainerRuntimes } from "./index.js";

describe("trainer runtime catalog", () => {
  it("the reference runtime runs bin/infera-train on this Node with the spec, watching stdin, resuming when asked", () => {
    expect(existsSync(INFERA_TRAIN_BIN)).toBe(true);
    expect(referenceRuntime.command).toBe(process.execPath);
    expect(referenceRuntime.args("/w/job.json", { resume: false })).toEqual([
      INFERA_TRAIN_BIN,
      "--spec",
      "/w/job.json",
      "--stop-when-stdin-closes",
    ]);
    expect(referenceRuntime.args("/w/job.json", { resume: true }).slice(-2)).toEqual([
      "--resume-from",
      "latest",
    ]);
    expect(trainerRuntimes.map((r) => r.name)).toEqual(["reference", "hf-peft", "ms-swift", "llama-factory"]);
  });

  it("what the reference runtime refuses names a GPU runtime that can do it", () => {
    expect(
      checkRuntimeSupports(referenceRuntime, { stage: "sft", precision: "bf16" }, trainerRuntimes),
    ).toEqual({
      ok: false,
      unsupported: [{ feature: "precision", value: "bf16" }],
      alternative: "hf-peft",
      message: "bf16 is not supported by reference; use hf-peft",
    });
    expect(
      checkRuntimeSupports(referenceRuntime, { method: "freeze", gpuCount: 8, ddp: true }, trainerRuntimes)
        .alternative,
    ).toBe("ms-swift");
    expect(
      checkRuntimeSupports(
        referenceRuntime,
        { stage: "sft", method: "lora", precision: "fp32", gpuCount: 0, artifact: "adapter" },
        trainerRuntimes,
      ).ok,
    ).toBe(true);
    for (const r of gpuTrainerRuntimes)
      expect(r.capabilities.gpus && r.capabilities.precisions).toContain("bf16");
  });

  it("its command really starts the trainer: a missing spec answers failed invalid_spec on stdout, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "infera-catalog-"));
    const child = spawn(
      referenceRuntime.command,
      referenceRuntime.args(join(dir, "missing.json"), { resume: false }),
      {
        cwd: dir,
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    const parser = new ProtocolParser();
    const events: ReturnType<ProtocolParser["push"]> = [];
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => events.push(...parser.push(chunk)));
    const code = await new Promise((r) => child.on("exit", r));
    expect(code).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: "failed", reason: "invalid_spec" });
  });
});
