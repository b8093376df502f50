import { Worker } from "node:worker_threads";
import type { TokenizerRecipe } from "./tokenizer-port.js";
import type { BatchResult, LineBatch } from "./validate-batch.js";
import { validationWorkerBundle } from "./worker-bundle.js";

type Pending = { resolve: (r: BatchResult) => void; reject: (e: Error) => void };

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

/** Worker threads running `validateBatch`; each batch goes to the least busy one. */
export class ValidationWorkerPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 0;
  /**
   * Batch buffers the workers gave back, for the next batches: a dead 1 MB buffer is external
   * memory that V8 collects late (tens of MB per thread), so buffers go round instead.
   */
  private readonly spare: Uint8Array[] = [];
  private failure: Error | undefined;

  /** Starts `size` workers, from the plain-JS bundle when it can be built, else through the loader. */
  static async start(size: number, recipe: TokenizerRecipe | undefined): Promise<ValidationWorkerPool> {
    const bundle = await validationWorkerBundle(recipe?.module);
    return new ValidationWorkerPool(size, recipe, bundle);
  }

  private constructor(size: number, recipe: TokenizerRecipe | undefined, bundle: string | undefined) {
    poolStats.started++;
    if (bundle) poolStats.bundled++;
    const execArgv = bundle ? withoutLoaders(process.execArgv) : undefined;
    for (let i = 0; i < size; i++) {
      const worker = bundle
        ? new Worker(bundle, { workerData: { recipe }, execArgv })
        : new Worker(new URL("./validation-worker.mjs", import.meta.url), { workerData: { recipe } });
      const entry = { worker, pending: new Map<number, Pending>() };
      worker.on("message", (m: { id: number; result?: BatchResult; error?: string; bytes?: Uint8Array }) => {
        if (m.bytes && this.spare.length < size * 2 + 2) this.spare.push(m.bytes);
        const p = entry.pending.get(m.id);
        entry.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(`validation worker: ${m.error}`));
        else p?.resolve(m.result!);
      });
      const fail = (err: Error) => {
        this.failure ??= err;
        for (const p of entry.pending.values()) p.reject(err);
        entry.pending.clear();
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`validation worker exited with code ${code}`)));
      this.workers.push(entry);
    }
  }

  run(batch: LineBatch): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    const entry = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<BatchResult>((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      entry.worker.postMessage({ id, batch }, [
        batch.bytes.buffer as ArrayBuffer,
        batch.ends.buffer as ArrayBuffer,
        batch.lengths.buffer as ArrayBuffer,
      ]);
    });
  }

  /** A buffer of at least `bytes` a worker gave back, if any. */
  takeBuffer(bytes: number): Uint8Array | undefined {
    const i = this.spare.findIndex((b) => b.length >= bytes);
    return i === -1 ? undefined : this.spare.splice(i, 1)[0];
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.worker.removeAllListeners("exit");
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
