import { parentPort, workerData } from "node:worker_threads";
import type { TokenizerPort, TokenizerRecipe } from "../../ports/tokenizer.js";
import { type LineBatch, validateBatch } from "./validate-batch.js";

/** A worker thread of `validateDataset`: builds the tokenizer from its recipe, then validates batches in order of arrival. */
const { recipe } = workerData as { recipe?: TokenizerRecipe };
const tokenizer = recipe
  ? ((await import(recipe.module)) as Record<string, (...args: unknown[]) => TokenizerPort>)[recipe.export]!(
      ...recipe.args,
    )
  : undefined;

parentPort!.on("message", ({ id, batch }: { id: number; batch: LineBatch }) => {
  try {
    const result = validateBatch(batch, tokenizer);
    parentPort!.postMessage({ id, result }, [result.tokens.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).stack ?? String(err) });
  }
});
