import {
  type CreateEvaluationInput,
  EvaluationComparison,
  type EvaluationListQuery,
  EvaluationRun,
  EvaluationSample,
  type EvaluationSampleQuery,
  type ExportPreferencesInput,
  GateRule,
  type GateRuleInput,
  PreferenceExport,
  type RateSampleInput,
  SampleRating,
  single,
  WinRate,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { listing, scopedListing, seg } from "../pagination.js";
import { evaluationBenchmarksApi } from "./evaluation-benchmarks.js";

type SampleFilters = Omit<z.input<typeof EvaluationSampleQuery>, "limit" | "cursor" | "format">;

/** Evaluation runs, their samples, side-by-side ratings and the project's gate rules (issue 13). */
export function evaluationsApi(t: Transport) {
  const run = (runId: string) => `/evaluations/${seg(runId)}`;
  return {
    /** `list(projectId, {kind, status, model_version_id, gate, benchmark_id})`, newest first. */
    ...scopedListing<
      typeof EvaluationRun,
      Omit<z.input<typeof EvaluationListQuery>, "limit" | "cursor" | "format">
    >(t, (projectId) => `/projects/${seg(projectId)}/evaluations`, EvaluationRun),
    async create(projectId: string, input: z.input<typeof CreateEvaluationInput>): Promise<EvaluationRun> {
      return (
        await t.json("POST", `/projects/${seg(projectId)}/evaluations`, single(EvaluationRun), {
          body: input,
        })
      ).data;
    },
    async get(runId: string): Promise<EvaluationRun> {
      return (await t.json("GET", run(runId), single(EvaluationRun))).data;
    },
    async cancel(runId: string): Promise<EvaluationRun> {
      return (await t.json("POST", `${run(runId)}/cancel`, single(EvaluationRun))).data;
    },
    /** A new run with the same targets (re-resolved tags), data and configuration. */
    async rerun(runId: string): Promise<EvaluationRun> {
      return (await t.json("POST", `${run(runId)}/rerun`, single(EvaluationRun))).data;
    },
    async delete(runId: string): Promise<void> {
      await t.empty("DELETE", run(runId));
    },
    /** The run's samples: worst first by default (`order`, `metric`, `target`, `slice`, `failed`). */
    samples: (runId: string) =>
      listing<typeof EvaluationSample, SampleFilters>(t, `${run(runId)}/samples`, EvaluationSample),
    /** The whole report: the run, its summary and every sample, as JSON or CSV (one row per sample). */
    async exportReport(runId: string, format: "json" | "csv"): Promise<string> {
      return t.text("GET", `${run(runId)}/export`, {
        query: { format },
        accept: format === "csv" ? "text/csv" : "application/json",
      });
    },
    exportUrl(runId: string, format: "json" | "csv"): string {
      return `${t.baseUrl}/api/v1${run(runId)}/export?format=${format}`;
    },
    /** Metric deltas of runs against the first one (paired where they share samples). */
    async compare(projectId: string, runIds: string[]): Promise<EvaluationComparison> {
      return (
        await t.json("GET", `/projects/${seg(projectId)}/evaluations/compare`, single(EvaluationComparison), {
          query: { ids: runIds.join(",") },
        })
      ).data;
    },
    /** Sets (or replaces) the caller's rating of one side-by-side prompt. */
    async rate(runId: string, input: z.input<typeof RateSampleInput>): Promise<SampleRating> {
      return (await t.json("PUT", `${run(runId)}/ratings`, single(SampleRating), { body: input })).data;
    },
    ratings: (runId: string) =>
      listing<typeof SampleRating, { index?: number }>(t, `${run(runId)}/ratings`, SampleRating),
    async winRate(runId: string): Promise<WinRate> {
      return (await t.json("GET", `${run(runId)}/win-rate`, single(WinRate))).data;
    },
    /** The ratings as a new preference dataset version (prompt, chosen, rejected) with lineage to both targets. */
    async exportPreferences(
      runId: string,
      input: z.input<typeof ExportPreferencesInput>,
    ): Promise<PreferenceExport> {
      return (await t.json("POST", `${run(runId)}/preferences`, single(PreferenceExport), { body: input }))
        .data;
    },
    benchmarks: evaluationBenchmarksApi(t),
    gateRules: {
      ...scopedListing<typeof GateRule, { model_id?: string }>(
        t,
        (projectId) => `/projects/${seg(projectId)}/evaluation-gate-rules`,
        GateRule,
      ),
      async create(projectId: string, input: z.input<typeof GateRuleInput>): Promise<GateRule> {
        return (
          await t.json("POST", `/projects/${seg(projectId)}/evaluation-gate-rules`, single(GateRule), {
            body: input,
          })
        ).data;
      },
      async delete(ruleId: string): Promise<void> {
        await t.empty("DELETE", `/evaluation-gate-rules/${seg(ruleId)}`);
      },
    },
  };
}
