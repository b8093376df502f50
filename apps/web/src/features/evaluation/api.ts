import type { EvaluationRun, EvaluationStatus, EvaluationTarget, MetricSummary } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/client";

export const evalKeys = {
  all: ["evaluation"] as const,
  list: (projectId: string) => ["evaluation", "list", projectId] as const,
  run: (runId: string) => ["evaluation", "run", runId] as const,
  samples: (runId: string) => ["evaluation", "run", runId, "samples"] as const,
  benchmarks: (projectId: string) => ["evaluation", "benchmarks", projectId] as const,
  /** The gate rules page's table and the wizard's list of the rules that will apply. */
  gateRules: (projectId: string) => ["evaluation", "gate-rules", projectId] as const,
};

/** Console paths of the evaluation pages (absolute). */
export function evalPaths(tenantId: string, projectId: string) {
  const base = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  return {
    list: `${base}/evaluation`,
    create: `${base}/evaluation/new`,
    benchmarks: `${base}/evaluation/benchmarks`,
    gateRules: `${base}/evaluation/gate-rules`,
    run: (runId: string) => `${base}/evaluation/${encodeURIComponent(runId)}`,
    compare: (runIds: string[]) =>
      `${base}/evaluation/compare?ids=${runIds.map(encodeURIComponent).join(",")}`,
    modelVersion: (versionId: string) => `${base}/model-versions/${encodeURIComponent(versionId)}`,
    service: (serviceId: string) => `${base}/services/${encodeURIComponent(serviceId)}`,
    datasetVersion: (datasetId: string, versionId: string) =>
      `${base}/datasets/${encodeURIComponent(datasetId)}?tab=versions&version=${encodeURIComponent(versionId)}`,
    /**
     * The model page's promote dialog for `prod`, preset to this version with the run as evidence
     * (the models feature owns the dialog; features do not import each other, so this is a link).
     */
    promote: (modelId: string, versionId: string, runId: string) =>
      `${base}/models/${encodeURIComponent(modelId)}?tab=tags&promote=prod&promote_version=${encodeURIComponent(versionId)}&evidence=${encodeURIComponent(runId)}`,
    audit: `${base}/audit`,
  };
}

const OPEN: readonly EvaluationStatus[] = ["queued", "running", "canceling"];
export const isOpen = (status: EvaluationStatus) => OPEN.includes(status);
export const canCancel = (status: EvaluationStatus) => status === "queued" || status === "running";

/** A run that is still going is read again while its page is shown. */
const OPEN_RUN_REFRESH_MS = 3_000;

export function useEvaluationRun(runId: string) {
  return useQuery<EvaluationRun>({
    queryKey: evalKeys.run(runId),
    queryFn: () => api.evaluations.get(runId),
    refetchInterval: (q) => (q.state.data && !isOpen(q.state.data.status) ? false : OPEN_RUN_REFRESH_MS),
  });
}

/** Percentage of samples done, or null before the total is known. */
export function progressPercent(run: Pick<EvaluationRun, "samples_done" | "samples_total">): number | null {
  if (!run.samples_total) return null;
  return Math.min(100, Math.round((run.samples_done / run.samples_total) * 1000) / 10);
}

/** A metric value as people read it: 0/1 metrics to three places, the rest to one. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(3).replace(/0+$/, "").replace(/\.$/, "") || "0";
}

/** `0.62 [0.55, 0.70]`. */
export function formatSummary(s: MetricSummary | undefined): string {
  if (!s) return "—";
  const ci =
    s.ci_low !== null && s.ci_high !== null ? ` [${formatValue(s.ci_low)}, ${formatValue(s.ci_high)}]` : "";
  return `${formatValue(s.value)}${ci}`;
}

/** The metric names a run reports, in the order its configuration asked for them. */
export function runMetricNames(run: Pick<EvaluationRun, "config" | "summary">): string[] {
  const configured = run.config.metrics.map((m) => m.name as string);
  const reported = Object.keys(run.summary?.metrics.a ?? run.summary?.metrics.b ?? {});
  return [...configured, ...reported.filter((m) => !configured.includes(m))];
}

export const targetOf = (run: Pick<EvaluationRun, "targets">, key: "a" | "b") =>
  run.targets.find((t) => t.key === key);

/** Where a target's label links: its model version, or its service. */
export function targetHref(paths: ReturnType<typeof evalPaths>, target: EvaluationTarget): string | null {
  if (target.model_version_id) return paths.modelVersion(target.model_version_id);
  if (target.service_id) return paths.service(target.service_id);
  return null;
}

/** The run's display name: its name, else its id. */
export const runLabel = (run: Pick<EvaluationRun, "id" | "name">) => run.name ?? run.id;
