import { parentPort, workerData } from "node:worker_threads";
import type { TokenizerPort } from "./tokenizer-port.js";
import { type LineBatch, validateBatch } from "./validate-batch.js";

/** A recipe's module: the factory named by `recipe.export` builds the tokenizer. */
export type TokenizerModule = Record<string, (...args: unknown[]) => TokenizerPort>;

/**
 * The body of a validation worker thread: builds the tokenizer from its recipe (with the module
 * given, already imported), then validates batches in order of arrival.
 */
export function serveValidation(tokenizerModule: TokenizerModule | undefined): void {
  const { recipe } = workerData as { recipe?: { export: string; args: unknown[] } };
  const tokenizer = recipe && tokenizerModule ? tokenizerModule[recipe.export]!(...recipe.args) : undefined;
  parentPort!.on("message", ({ id, batch }: { id: number; batch: LineBatch }) => {
    try {
      const result = validateBatch(batch, tokenizer);
      // The batch's buffer goes back for the next batch (see ValidationWorkerPool.takeBuffer).
      parentPort!.postMessage({ id, result, bytes: batch.bytes }, [
        result.tokens.buffer as ArrayBuffer,
        batch.bytes.buffer as ArrayBuffer,
      ]);
    } catch (err) {
      parentPort!.postMessage({ id, error: (err as Error).stack ?? String(err) });
    }
  });
}
