import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeLoraGguf } from "../formats/export-gguf.js";
import { INFERA_TINY_DIR, MODEL_FILES, readModelDir } from "../formats/model-dir.js";
import { toNamedTensors } from "../formats/tensors.js";
import { llamaGreedy, loadGgufModel } from "../llamacpp/engine.js";
import { initBackend } from "../model/backend.js";
import { initLora, LORA_TARGET_MODULES, type LoraSpec } from "../model/weights.js";
import { type ReplicaProcess, ReplicaStartError, startReplicaProcess } from "./start-replica-process.js";

const GGUF = join(INFERA_TINY_DIR, MODEL_FILES.gguf);
const dir = mkdtempSync(join(tmpdir(), "infera-serve-"));
const base = { contextSize: 256, threads: 1, parallel: 1 };

async function startFailure(spec: Parameters<typeof startReplicaProcess>[0]) {
  const e = await startReplicaProcess(spec).then(
    () => {
      throw new Error("the replica started");
    },
    (e: unknown) => e as ReplicaStartError,
  );
  expect(e).toBeInstanceOf(ReplicaStartError);
  const lines = e.stderr.trim().split("\n");
  return {
    exitCode: e.exitCode,
    lines,
    error: JSON.parse(lines.at(-1)!).error as { code: string; message: string },
  };
}

describe("a replica that cannot start says why on one JSON line of stderr", () => {
  it("a missing model file, a file that is not a GGUF, a GGUF llama.cpp cannot load, a missing adapter", async () => {
    const truncated = join(dir, "truncated.gguf");
    writeFileSync(truncated, readFileSync(GGUF).subarray(0, 4096));
    const [missing, notGguf, broken, noAdapter] = await Promise.all([
      startFailure({ ...base, modelPath: join(dir, "nope.gguf") }),
      startFailure({ ...base, modelPath: join(INFERA_TINY_DIR, MODEL_FILES.tokenizer) }),
      startFailure({ ...base, modelPath: truncated }),
      startFailure({ ...base, modelPath: GGUF, loras: [{ path: join(dir, "a.gguf") }] }),
    ]);
    expect(missing.exitCode).toBe(1);
    expect(missing.lines).toHaveLength(1);
    expect(missing.error).toEqual({
      code: "model_not_found",
      message: `model file not found: ${join(dir, "nope.gguf")}`,
    });
    expect([notGguf.exitCode, notGguf.error.code]).toEqual([1, "model_not_gguf"]);
    expect([broken.exitCode, broken.error.code]).toEqual([1, "model_load_failed"]);
    expect(broken.error.message).toContain(truncated);
    expect([noAdapter.exitCode, noAdapter.error.code]).toEqual([1, "adapter_not_found"]);
  });
});

describe("a fine-tuned version's LoRA adapter applied on the base", () => {
  const spec: LoraSpec = { rank: 8, alpha: 16, dropout: 0, targetModules: [...LORA_TARGET_MODULES] };
  const adapter = join(dir, "adapter.gguf");
  let withAdapter: ReplicaProcess;
  let plain: ReplicaProcess;

  beforeAll(async () => {
    // An adapter as the trainer exports it (encodeLoraGguf), with non-zero B so it changes the output.
    await initBackend();
    const { config } = await readModelDir();
    const lora = initLora(config, spec, 11);
    let seed = 100;
    for (const [name, v] of Object.entries(lora))
      if (name.endsWith(".lora_b")) v.assign(tf.randomNormal(v.shape, 0, 0.05, "float32", seed++));
    writeFileSync(adapter, encodeLoraGguf(config, spec, toNamedTensors(lora)));
    [withAdapter, plain] = await Promise.all([
      startReplicaProcess({ ...base, modelPath: GGUF, loras: [{ path: adapter }], modelId: "tiny-ft" }),
      startReplicaProcess({ ...base, modelPath: GGUF }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([withAdapter?.stop("SIGKILL"), plain?.stop("SIGKILL")]);
  });

  it("changes the greedy output against the base, and equals llama.cpp in-process with the same adapter", async () => {
    const { tokenizer: tok } = await readModelDir();
    const direct = await loadGgufModel(GGUF);
    let differs = 0;
    for (const prompt of ["Anna had a", "The dog", "Question: What is the capital of Japan?\nAnswer:"]) {
      const complete = async (r: ReplicaProcess) => {
        const res = await fetch(`${r.baseUrl}/v1/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ prompt, max_tokens: 16, temperature: 0 }),
        });
        return ((await res.json()) as { model: string; choices: { text: string }[] }).choices[0]!.text;
      };
      const [tuned, untuned] = await Promise.all([complete(withAdapter), complete(plain)]);
      const ids = tok.encode(prompt, { addBos: true });
      // The replica ends its answer at an end-of-generation token; llamaGreedy yields it.
      const answer = (greedy: number[]) => {
        const end = greedy.findIndex((t) => direct.isEogToken(t as never));
        return tok.decode(end >= 0 ? greedy.slice(0, end) : greedy);
      };
      expect(tuned, prompt).toBe(
        answer(await llamaGreedy(direct, ids, 16, { loras: [{ filePath: adapter }] })),
      );
      expect(untuned, prompt).toBe(answer(await llamaGreedy(direct, ids, 16)));
      if (tuned !== untuned) differs++;
    }
    await direct.dispose();
    expect(differs).toBeGreaterThan(0);
    const models = (await (await fetch(`${withAdapter.baseUrl}/v1/models`)).json()) as {
      data: { id: string }[];
    };
    expect(models.data.map((m) => m.id)).toEqual(["tiny-ft"]);
  });
});
