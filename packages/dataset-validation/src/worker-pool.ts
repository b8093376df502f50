import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { BatchReply } from "./serve-validation.js";
import type { TokenizerRecipe } from "./tokenizer-port.js";
import type { BatchResult, LineBatch } from "./validate-batch.js";
import { validationWorkerBundle } from "./worker-bundle.js";

/** Pools started in this process, and how many ran from a plain-JS bundle (tests check both paths). */
export const poolStats = { started: 0, bundled: 0 };

/** Flags that load a module loader (tsx) into every thread: a bundled worker needs none. */
const LOADER_FLAGS = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);
function withoutLoaders(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = arg.split("=")[0]!;
    if (!LOADER_FLAGS.has(flag)) out.push(arg);
    else if (!arg.includes("=")) i++; // and its value
  }
  return out;
}

/** Worker threads (a piscina pool) running `validateBatch`; the caller merges the results in order. */
export class ValidationWorkerPool {
  private readonly pool: Piscina<LineBatch, BatchReply>;
  /**
   * Batch buffers the workers gave back, for the next batches: a dead 1 MB buffer is external
   * memory that V8 collects late (tens of MB per thread), so buffers go round instead.
   */
  private readonly spare: Uint8Array[] = [];

  /** Starts `size` workers, from the plain-JS bundle when it can be built, else through the loader. */
  static async start(size: number, recipe: TokenizerRecipe | undefined): Promise<ValidationWorkerPool> {
    const bundle = await validationWorkerBundle(recipe?.module);
    return new ValidationWorkerPool(size, recipe, bundle);
  }

  private constructor(
    private readonly size: number,
    recipe: TokenizerRecipe | undefined,
    bundle: string | undefined,
  ) {
    poolStats.started++;
    if (bundle) poolStats.bundled++;
    this.pool = new Piscina({
      filename: bundle ?? fileURLToPath(new URL("./validation-worker.mjs", import.meta.url)),
      minThreads: size,
      maxThreads: size,
      // A second batch waits in each thread while it checks the first, as the caller keeps two a thread in flight.
      concurrentTasksPerWorker: 2,
      // The recipe's arguments are structured-cloned once per thread; a SharedArrayBuffer in them is shared.
      workerData: { recipe },
      ...(bundle ? { execArgv: withoutLoaders(process.execArgv) } : {}),
    });
  }

  async run(batch: LineBatch): Promise<BatchResult> {
    const { result, bytes } = await this.pool.run(batch, {
      transferList: [
        batch.bytes.buffer as ArrayBuffer,
        batch.ends.buffer as ArrayBuffer,
        batch.lengths.buffer as ArrayBuffer,
      ],
    });
    if (this.spare.length < this.size * 2 + 2) this.spare.push(bytes);
    return result;
  }

  /** A buffer of at least `bytes` a worker gave back, if any. */
  takeBuffer(bytes: number): Uint8Array | undefined {
    const i = this.spare.findIndex((b) => b.length >= bytes);
    return i === -1 ? undefined : this.spare.splice(i, 1)[0];
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
