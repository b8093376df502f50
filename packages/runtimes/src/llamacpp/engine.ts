import { getLlama, type Llama, type LlamaModel } from "node-llama-cpp";

let llama: Promise<Llama> | undefined;

/** The bundled llama.cpp, CPU only, never compiled on this machine (prebuilt binaries from npm). */
export function cpuLlama(): Promise<Llama> {
  llama ??= getLlama({ gpu: false, build: "never", logLevel: "error" as never });
  return llama;
}

export async function loadGgufModel(modelPath: string): Promise<LlamaModel> {
  return (await cpuLlama()).loadModel({ modelPath });
}

export interface GenerateOptions {
  /** LoRA adapter GGUF files applied to the context (scale 1 unless given). */
  loras?: { filePath: string; scale?: number }[];
  contextSize?: number;
  /** Stop early when one of these tokens is produced (it is included in the output). */
  stopTokens?: number[];
}

/**
 * Greedy (temperature 0) continuation of exact prompt token ids by llama.cpp: no chat template, no
 * BOS added, no repeat penalty. End-of-generation tokens are yielded like any other token, so a run
 * only stops early on `stopTokens`.
 */
export async function llamaGreedy(
  model: LlamaModel,
  promptTokens: number[],
  maxNewTokens: number,
  opts: GenerateOptions = {},
): Promise<number[]> {
  const context = await model.createContext({
    contextSize: opts.contextSize ?? 256,
    batchSize: opts.contextSize ?? 256,
    sequences: 1,
    // One thread: for a model this small, a second thread on a busy 2-core machine costs far more in
    // synchronization than it gains (measured 1771 vs 18 tokens/s, bench/trainer-throughput.ts).
    threads: 1,
    ...(opts.loras ? { lora: { adapters: opts.loras } } : {}),
  });
  try {
    const sequence = context.getSequence();
    const out: number[] = [];
    for await (const token of sequence.evaluate(promptTokens as never, {
      temperature: 0,
      yieldEogToken: true,
    })) {
      out.push(token as number);
      if (out.length >= maxNewTokens || opts.stopTokens?.includes(token as number)) break;
    }
    return out;
  } finally {
    await context.dispose();
  }
}
