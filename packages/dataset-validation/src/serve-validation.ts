import { move, transferableSymbol, valueSymbol, workerData } from "piscina";
import type { TokenizerPort } from "./tokenizer-port.js";
import { type BatchResult, type LineBatch, validateBatch } from "./validate-batch.js";

/** A recipe's module: the factory named by `recipe.export` builds the tokenizer. */
export type TokenizerModule = Record<string, (...args: unknown[]) => TokenizerPort>;

/** A worker's answer: the batch's result and its buffer, back for the next batch (see ValidationWorkerPool.takeBuffer). */
export interface BatchReply {
  result: BatchResult;
  bytes: Uint8Array;
}

/**
 * The task handler of a validation worker thread (piscina calls it with each batch): builds the
 * tokenizer from its recipe once (with the module given, already imported), then validates batches.
 * The reply's buffers are moved to the caller, not copied.
 */
export function validationHandler(
  tokenizerModule: TokenizerModule | undefined,
): (batch: LineBatch) => unknown {
  const { recipe } = (workerData ?? {}) as { recipe?: { export: string; args: unknown[] } };
  const tokenizer = recipe && tokenizerModule ? tokenizerModule[recipe.export]!(...recipe.args) : undefined;
  return (batch) => {
    const result = validateBatch(batch, tokenizer);
    const reply: BatchReply = { result, bytes: batch.bytes };
    return move({
      [transferableSymbol]: [result.tokens.buffer, batch.bytes.buffer],
      [valueSymbol]: reply,
    });
  };
}
