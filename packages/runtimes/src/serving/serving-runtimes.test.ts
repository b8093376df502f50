import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReplicaArgs, UsageError } from "./replica-options.js";
import { INFERA_SERVE_BIN, llamaCppRuntime, servingRuntimes } from "./serving-runtimes.js";

describe("serving runtime kinds", () => {
  it("lists llama.cpp and openai-compatible as runnable, and the GPU runtimes with the reason they are not", () => {
    expect(servingRuntimes.map((r) => [r.kind, r.runnable])).toEqual([
      ["llama.cpp", true],
      ["openai-compatible", true],
      ["vllm", false],
      ["tgi", false],
      ["triton", false],
      ["hf", false],
    ]);
    for (const r of servingRuntimes.filter((r) => !r.runnable))
      expect(r.unavailableReason).toMatch(/cluster executor/);
  });

  it("llama.cpp replicas run bin/infera-serve on this Node, and the replica reads back what the runtime wrote", () => {
    expect(existsSync(INFERA_SERVE_BIN)).toBe(true);
    expect(llamaCppRuntime.command).toBe(process.execPath);
    const args = llamaCppRuntime.args({
      modelPath: "/m/base.gguf",
      loras: [{ path: "/m/a.gguf", scale: 0.5 }, { path: "/m/b.gguf" }],
      modelId: "support-bot",
      port: 0,
      contextSize: 1024,
      threads: 2,
      parallel: 4,
      readyFile: "/run/r1.json",
    });
    expect(args[0]).toBe(INFERA_SERVE_BIN);
    expect(parseReplicaArgs(args.slice(1))).toMatchObject({
      modelPath: "/m/base.gguf",
      loras: [
        { filePath: "/m/a.gguf", scale: 0.5 },
        { filePath: "/m/b.gguf", scale: 1 },
      ],
      modelId: "support-bot",
      host: "127.0.0.1",
      port: 0,
      contextSize: 1024,
      threads: 2,
      parallel: 4,
      readyFile: "/run/r1.json",
    });
  });

  it("refuses arguments it does not understand, naming them", () => {
    expect(() => parseReplicaArgs([])).toThrow(UsageError);
    expect(() => parseReplicaArgs(["--model", "m.gguf", "--parallel", "0"])).toThrow(
      "--parallel must be an integer ≥ 1",
    );
    expect(() => parseReplicaArgs(["--model", "m.gguf", "--gpu-layers", "9"])).toThrow(
      "unknown option --gpu-layers",
    );
    expect(parseReplicaArgs(["--model=/x/infera-tiny-f32.gguf"]).modelId).toBe("infera-tiny-f32");
  });
});
