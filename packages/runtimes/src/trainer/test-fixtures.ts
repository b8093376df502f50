import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RuntimeEvent, TrainJobSpecInput } from "@infera/contracts";
import { TrainJobSpec } from "@infera/contracts";
import { encodeSafetensors } from "../formats/safetensors.js";
import { initBackend } from "../model/backend.js";
import { disposeWeights, initWeights, type LlamaConfig } from "../model/index.js";
import { createEmitter } from "../protocol/emitter.js";
import { trainBpe } from "../tokenizer/index.js";
import { runJob } from "./run-job.js";

const CORPUS = [
  "The quick brown fox jumps over the lazy dog.",
  "Which team should handle this ticket? My package has not arrived.",
  "I was charged twice for my order. Please refund my money.",
  "Hello, I cannot log in to my account since Monday.",
  "user assistant system billing shipping account refund",
];

/** A real (randomly initialised) base model directory small enough for unit tests: config, tokenizer, weights. */
export async function makeTinyBase(
  dir: string,
  overrides: Partial<LlamaConfig> = {},
  seed = 7,
): Promise<string> {
  await initBackend();
  mkdirSync(dir, { recursive: true });
  const tok = trainBpe(CORPUS, { vocabSize: 320 });
  const config: LlamaConfig = {
    vocabSize: tok.size,
    dim: 32,
    nLayers: 2,
    nHeads: 4,
    nKvHeads: 2,
    hiddenDim: 64,
    maxSeqLen: 128,
    ropeTheta: 10000,
    normEps: 1e-5,
    ...overrides,
  };
  const weights = initWeights(config, seed);
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, v] of Object.entries(weights))
    tensors[name] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
  disposeWeights(weights);
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(tok.toJSON()));
  writeFileSync(join(dir, "model.safetensors"), encodeSafetensors(tensors));
  return dir;
}

export function chatRecords(n: number): string {
  const labels = ["billing", "shipping", "account", "refund"];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels[i % labels.length]!;
    lines.push(
      JSON.stringify({
        messages: [
          { role: "user", content: `Which team should handle this ticket? Case ${i} about ${label}.` },
          { role: "assistant", content: label },
        ],
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Runs a job in-process and collects its protocol events. */
export async function runCollect(input: TrainJobSpecInput, shouldStop?: () => boolean) {
  const events: RuntimeEvent[] = [];
  const emitter = createEmitter((line) => events.push(JSON.parse(line) as RuntimeEvent));
  const { exitCode } = await runJob({ spec: TrainJobSpec.parse(input), emitter, shouldStop });
  return { events, exitCode };
}

export function lossCurve(events: RuntimeEvent[]): number[] {
  return events.flatMap((e) => (e.type === "metrics" && e.loss !== undefined ? [e.loss] : []));
}
