import { registerApiKeyKinds } from "./api-keys/api-key-holdings.js";
import { registerDatasetKinds } from "./datasets/dataset-references.js";
import { registerBenchmarkKinds } from "./evaluations/benchmarks/benchmark-references.js";
import { registerEvaluationKinds } from "./evaluations/evaluation-references.js";
import { registerGateEvidenceFinder } from "./evaluations/gates/find-gate-evidence.js";
import { registerFineTuningKinds } from "./fine-tuning/fine-tuning-references.js";
import { registerModelKinds } from "./models/model-references.js";
import { registerProdReleaseGate } from "./models/tags/release-gates.js";
import { registerServiceAccountKinds } from "./service-accounts/service-account-holdings.js";
import { registerServiceKinds } from "./services/service-references.js";
import type { CoreRegistry } from "./shared/registry.js";
import { registerUploadKinds } from "./uploads/upload-blob-references.js";

/**
 * The built-in kinds, in one place: an app's main.ts calls this on its registry, then registers
 * its own features' kinds beside it. A new feature adds its `registerXKinds(registry)` here.
 */
export function registerCoreKinds(registry: CoreRegistry): void {
  // What a project holds (listed when deleting it, removed with it).
  registerServiceAccountKinds(registry);
  registerApiKeyKinds(registry);
  // Model and dataset holdings, the blobs their versions keep, what references them (lineage).
  registerModelKinds(registry);
  registerDatasetKinds(registry);
  // Fine-tuning jobs: held by their project, referencing the model and dataset versions they use.
  registerFineTuningKinds(registry);
  // Evaluation runs: held by their project, referencing the versions, datasets and services they name.
  registerEvaluationKinds(registry);
  // Benchmarks: referencing the dataset they read and the version they pin.
  registerBenchmarkKinds(registry);
  // Services: held by their project, their revisions referencing the model versions they run.
  registerServiceKinds(registry);
  // A completed upload nothing took yet keeps its blob from garbage collection.
  registerUploadKinds(registry);
  // Protected tags: prod needs a passing evaluation where the project's policy says so.
  registerProdReleaseGate(registry);
  // ...and the evaluation runs it reads: the newest finished gate run of the version (or the one named).
  registerGateEvidenceFinder(registry);
}
