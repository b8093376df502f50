import {
  type CreateEvaluationBenchmarkInput,
  EvaluationBenchmark,
  single,
  type UpdateEvaluationBenchmarkInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

/** A project's benchmarks: datasets registered as standard evaluation sets (a run names one with `benchmark_id`). */
export function evaluationBenchmarksApi(t: Transport) {
  const benchmark = (benchmarkId: string) => `/evaluation-benchmarks/${seg(benchmarkId)}`;
  return {
    /** `list(projectId, { q, sort, dataset_id })`: newest first; `q` finds a part of the name or description, or an id. */
    ...scopedListing<typeof EvaluationBenchmark, { dataset_id?: string }>(
      t,
      (projectId) => `/projects/${seg(projectId)}/evaluation-benchmarks`,
      EvaluationBenchmark,
    ),
    async create(
      projectId: string,
      input: z.input<typeof CreateEvaluationBenchmarkInput>,
    ): Promise<EvaluationBenchmark> {
      const path = `/projects/${seg(projectId)}/evaluation-benchmarks`;
      return (await t.json("POST", path, single(EvaluationBenchmark), { body: input })).data;
    },
    async get(benchmarkId: string): Promise<EvaluationBenchmark> {
      return (await t.json("GET", benchmark(benchmarkId), single(EvaluationBenchmark))).data;
    },
    /** Omitted fields stay; `null` clears one (`dataset_version_id: null`: back to the latest version). */
    async update(
      benchmarkId: string,
      input: z.input<typeof UpdateEvaluationBenchmarkInput>,
    ): Promise<EvaluationBenchmark> {
      return (await t.json("PATCH", benchmark(benchmarkId), single(EvaluationBenchmark), { body: input }))
        .data;
    },
    async delete(benchmarkId: string): Promise<void> {
      await t.empty("DELETE", benchmark(benchmarkId));
    },
  };
}
