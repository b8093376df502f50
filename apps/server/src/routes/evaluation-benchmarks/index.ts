import type { Api } from "../../http/api.js";
import { registerCreateEvaluationBenchmark } from "./create-evaluation-benchmark.js";
import { registerDeleteEvaluationBenchmark } from "./delete-evaluation-benchmark.js";
import { registerGetEvaluationBenchmark } from "./get-evaluation-benchmark.js";
import { registerListEvaluationBenchmarks } from "./list-evaluation-benchmarks.js";
import { registerUpdateEvaluationBenchmark } from "./update-evaluation-benchmark.js";

/** A project's benchmarks (standard evaluation sets); a run names one with `benchmark_id` on create. */
export function registerEvaluationBenchmarkRoutes(app: Api) {
  registerListEvaluationBenchmarks(app);
  registerCreateEvaluationBenchmark(app);
  registerGetEvaluationBenchmark(app);
  registerUpdateEvaluationBenchmark(app);
  registerDeleteEvaluationBenchmark(app);
}
