import { encodeDataset } from "../data/encode.js";
import { type DataRecord, readDataset } from "../data/records.js";
import { llamaGreedy, loadGgufModel } from "../llamacpp/index.js";
import { renderChat } from "../tokenizer/index.js";
import { evaluateLoss } from "../trainer/step.js";
import type { EvalModel } from "./load.js";

export interface LossResult {
  loss: number;
  perplexity: number;
  tokens: number;
  examples: number;
}

/** Token-mean loss (only on assistant / completion tokens) and perplexity with our own forward pass. */
export function lossOnSplit(
  model: EvalModel,
  file: string,
  opts: { maxLength?: number; systemPrompt?: string; batchSize?: number } = {},
): LossResult {
  const { examples } = encodeDataset(readDataset(file, "sft"), {
    stage: "sft",
    tokenizer: model.base.tokenizer,
    maxLength: opts.maxLength ?? model.base.config.maxSeqLen,
    systemPrompt: opts.systemPrompt,
    file,
  });
  const trainModel = { config: model.base.config, base: model.base.weights, lora: model.lora, trainable: {} };
  const { loss, tokens } = evaluateLoss(
    trainModel,
    examples,
    opts.batchSize ?? 16,
    model.base.tokenizer.eosId,
  );
  return { loss, perplexity: Math.exp(loss), tokens, examples: examples.length };
}

export interface ExactMatchResult {
  exactMatch: number;
  correct: number;
  total: number;
  samples: { expected: string; generated: string }[];
}

/** Prompt ids (ending where the answer starts) and the expected answer of an sft record. */
function promptOf(
  model: EvalModel,
  record: DataRecord,
  systemPrompt?: string,
): { ids: number[]; expected: string } | undefined {
  const tok = model.base.rawTokenizer;
  if (record.kind === "chat") {
    const last = record.messages.at(-1);
    if (last?.role !== "assistant") return undefined;
    const { ids } = renderChat(tok, record.messages.slice(0, -1), {
      addGenerationPrompt: true,
      defaultSystemPrompt: systemPrompt,
      ...(record.tools ? { tools: record.tools } : {}),
    });
    return { ids, expected: last.content };
  }
  if (record.kind === "prompt_completion")
    return { ids: [tok.bosId, ...tok.encode(record.prompt)], expected: record.completion };
  return undefined;
}

/**
 * Exact match by generating through llama.cpp (node-llama-cpp, CPU) from the exported GGUF — the
 * engine that serves the model — greedily until the end of the turn; answers compare after trimming.
 */
export async function exactMatch(
  model: EvalModel,
  file: string,
  opts: { maxNewTokens?: number; systemPrompt?: string; limit?: number } = {},
): Promise<ExactMatchResult> {
  const records = readDataset(file, "sft").slice(0, opts.limit);
  const tok = model.base.rawTokenizer;
  const gguf = await loadGgufModel(model.modelGguf);
  const stopTokens = [tok.eotId, tok.eosId];
  const samples: { expected: string; generated: string }[] = [];
  let correct = 0;
  let total = 0;
  try {
    for (const record of records) {
      const prompt = promptOf(model, record, opts.systemPrompt);
      if (!prompt) continue;
      const out = await llamaGreedy(gguf, prompt.ids, opts.maxNewTokens ?? 16, {
        stopTokens,
        contextSize: Math.min(model.base.config.maxSeqLen, 512),
        ...(model.adapterGguf ? { loras: [{ filePath: model.adapterGguf }] } : {}),
      });
      const generated = tok
        .decode(
          out.filter((id) => !stopTokens.includes(id)),
          { skipSpecial: true },
        )
        .trim();
      total++;
      if (generated === prompt.expected.trim()) correct++;
      if (samples.length < 5) samples.push({ expected: prompt.expected, generated });
    }
  } finally {
    await gguf.dispose();
  }
  return { exactMatch: total ? correct / total : 0, correct, total, samples };
}
