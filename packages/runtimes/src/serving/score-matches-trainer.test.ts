import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TrainJobSpec } from "@infera/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { encodeDataset } from "../data/encode.js";
import type { ChatMessage } from "../data/records.js";
import { MODEL_FILES } from "../formats/model-dir.js";
import { loadBaseModel } from "../trainer/base-model.js";
import { evaluateLoss } from "../trainer/step.js";
import { runCollect } from "../trainer/test-fixtures.js";
import { type ReplicaProcess, startReplicaProcess } from "./start-replica-process.js";

// The independent value: the reference trainer's validation loss (TF.js, token-mean NLL of the
// assistant tokens and their <|im_end|>) against llama.cpp's scores of the same records served by
// infera-serve, for the bundled base and for a short LoRA fine-tune of it. Both run the F32 weights.
const ASSETS = fileURLToPath(new URL("../../assets/", import.meta.url));
const BASE = join(ASSETS, "infera-tiny");
const EXAMPLE = join(ASSETS, "examples/support-routing");
const dir = mkdtempSync(join(tmpdir(), "infera-score-"));
const replicas: ReplicaProcess[] = [];
let baseServedLoss: number | undefined;

afterAll(async () => {
  for (const r of replicas) await r.stop("SIGKILL");
});

function lines(file: string, n: number): string[] {
  return readFileSync(join(EXAMPLE, file), "utf8").trim().split("\n").slice(0, n);
}

/** llama.cpp's token-mean NLL of each record's last assistant turn given the turns before it. */
async function servedLoss(replica: ReplicaProcess, records: { messages: ChatMessage[] }[]) {
  let nll = 0;
  let tokens = 0;
  for (const { messages } of records) {
    const res = await fetch(`${replica.baseUrl}/infera/v1/score`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: messages.slice(0, -1), continuation: messages.at(-1)!.content }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { continuation_tokens: number; logprob_sum: number };
    nll -= body.logprob_sum;
    tokens += body.continuation_tokens;
  }
  return { loss: nll / tokens, tokens };
}

describe("llama.cpp's scores agree with the trainer's validation loss", () => {
  const validation = lines("validation.jsonl", 16);
  const records = validation.map((l) => JSON.parse(l) as { messages: ChatMessage[] });

  it("on the bundled base", async () => {
    const base = await loadBaseModel(BASE);
    const { examples } = encodeDataset(
      records.map((r, i) => ({ kind: "chat" as const, messages: r.messages, line: i + 1 })),
      { stage: "sft", tokenizer: base.tokenizer, maxLength: 128, file: "validation.jsonl" },
    );
    const trainer = evaluateLoss(
      { config: base.config, base: base.weights, trainable: {} },
      examples,
      8,
      base.tokenizer.eosId,
    );
    const replica = await startReplicaProcess({
      modelPath: join(BASE, MODEL_FILES.gguf),
      contextSize: 256,
      threads: 1,
      parallel: 1,
    });
    replicas.push(replica);
    const served = await servedLoss(replica, records);
    baseServedLoss = served.loss;
    console.log(`base: trainer ${trainer.loss} over ${trainer.tokens} tokens; llama.cpp ${served.loss}`);
    expect(served.tokens).toBe(trainer.tokens);
    expect(Math.abs(served.loss - trainer.loss)).toBeLessThan(1e-3);
  });

  it("on a short LoRA fine-tune (the trainer's own reported eval_loss)", async () => {
    writeFileSync(join(dir, "train.jsonl"), `${lines("train.jsonl", 48).join("\n")}\n`);
    writeFileSync(join(dir, "validation.jsonl"), `${validation.join("\n")}\n`);
    const shipped = JSON.parse(readFileSync(join(EXAMPLE, "job.json"), "utf8"));
    const spec = TrainJobSpec.parse({
      ...shipped,
      base_model: BASE,
      data: { train: join(dir, "train.jsonl"), validation: join(dir, "validation.jsonl") },
      output_dir: join(dir, "out"),
      epochs: 1,
      eval_steps: undefined,
      export_gguf: true,
    });
    const { events, exitCode } = await runCollect(spec);
    expect(exitCode, JSON.stringify(events.at(-1))).toBe(0);
    const evalLoss = events.flatMap((e) =>
      e.type === "metrics" && e.eval_loss !== undefined ? [e.eval_loss] : [],
    );
    const adapter = events.flatMap((e) =>
      e.type === "artifact" && e.path.endsWith("adapter.gguf") ? [e.path] : [],
    )[0];
    expect(adapter).toBeDefined();
    const replica = await startReplicaProcess({
      modelPath: join(BASE, MODEL_FILES.gguf),
      loras: [{ path: adapter! }],
      contextSize: 256,
      threads: 1,
      parallel: 1,
    });
    replicas.push(replica);
    const served = await servedLoss(replica, records);
    console.log(`fine-tune: trainer eval_loss ${evalLoss.at(-1)}; llama.cpp ${served.loss}`);
    expect(Math.abs(served.loss - evalLoss.at(-1)!)).toBeLessThan(1e-3);
    // Three steps on the example already make the references far more likely than the base finds them.
    expect(served.loss).toBeLessThan(baseServedLoss! - 1);
  });
});
