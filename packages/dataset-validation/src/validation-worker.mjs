// Task module of a validation worker thread (piscina imports it and calls its default export) when no
// plain-JS bundle could be built (see worker-bundle.ts; normally workers run from that bundle and load
// no TypeScript loader). Under tsx the worker inherits tsx's loader and imports the .ts module
// directly; elsewhere (vitest runs .ts through its own transform, which a worker does not share) it
// registers tsx's ESM hooks first.
import { workerData } from "node:worker_threads";

// Plain-JS dependencies named by the tokenizer's recipe load first, outside the loader.
for (const url of workerData?.recipe?.preload ?? []) await import(url);
let worker;
try {
  worker = await import("./validation-worker.ts");
} catch (err) {
  if (err?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw err;
  const { register } = await import("tsx/esm/api");
  register();
  // Another URL: the failed attempt above stays cached under the plain one.
  worker = await import("./validation-worker.ts?tsx");
}
export default worker.default;
