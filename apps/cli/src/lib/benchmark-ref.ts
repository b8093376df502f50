import type { InferaClient } from "@infera/client";
import type { EvaluationBenchmark } from "@infera/contracts";
import { CliError } from "./cli-error.js";

/** A benchmark as its id (`ebm_…`), or its name in the project (names are unique ignoring case). */
export async function resolveBenchmark(
  client: InferaClient,
  projectId: string,
  ref: string,
): Promise<EvaluationBenchmark> {
  if (/^ebm_/.test(ref)) return client.evaluations.benchmarks.get(ref);
  const want = ref.toLowerCase();
  for await (const b of client.evaluations.benchmarks.iterate(projectId, { q: ref, limit: 200 }))
    if (b.name.toLowerCase() === want) return b;
  throw new CliError("not_found", `no benchmark named "${ref}" in this project`);
}
