import {
  FINISHED_JOB_STATUSES,
  type FineTuneJob,
  FineTuneJobConfig,
  type FineTuneJobDetail,
  type FineTuneJobStatus,
  type FineTuneTemplate,
  type FineTuneTemplateConfig,
} from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/client";

export const jobKeys = {
  all: ["fine-tuning"] as const,
  list: (projectId: string) => ["fine-tuning", "list", projectId] as const,
  job: (jobId: string) => ["fine-tuning", "job", jobId] as const,
  config: (jobId: string) => ["fine-tuning", "job", jobId, "config"] as const,
  resourceClasses: ["fine-tuning", "resource-classes"] as const,
  templates: (projectId: string) => ["fine-tuning", "templates", projectId] as const,
  template: (templateId: string) => ["fine-tuning", "template", templateId] as const,
};

/** Console paths of the fine-tuning pages (absolute). */
export function jobPaths(tenantId: string, projectId: string) {
  const base = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  return {
    list: `${base}/fine-tuning`,
    create: `${base}/fine-tuning/new`,
    clone: (jobId: string) => `${base}/fine-tuning/new?clone=${encodeURIComponent(jobId)}`,
    /** The wizard prefilled with the job's configuration and its failure's fix applied. */
    cloneWithFix: (jobId: string) => `${base}/fine-tuning/new?clone=${encodeURIComponent(jobId)}&fix=1`,
    /** The wizard prefilled with a template's configuration. */
    fromTemplate: (templateId: string) =>
      `${base}/fine-tuning/new?template=${encodeURIComponent(templateId)}`,
    job: (jobId: string) => `${base}/fine-tuning/${encodeURIComponent(jobId)}`,
    modelVersion: (versionId: string) => `${base}/model-versions/${encodeURIComponent(versionId)}`,
    /** The services create wizard with this version picked (Deploy of a job's result). */
    deploy: (versionId: string) => `${base}/services/new?model_version_id=${encodeURIComponent(versionId)}`,
    /** The evaluation wizard with this version as its target (Evaluate of a job's result). */
    evaluate: (versionId: string) =>
      `${base}/evaluation/new?model_version_id=${encodeURIComponent(versionId)}`,
    model: (modelId: string) => `${base}/models/${encodeURIComponent(modelId)}`,
    modelTags: (modelId: string) => `${base}/models/${encodeURIComponent(modelId)}?tab=tags`,
    datasetVersion: (datasetId: string, versionId: string) =>
      `${base}/datasets/${encodeURIComponent(datasetId)}?tab=versions&version=${encodeURIComponent(versionId)}`,
    audit: `${base}/audit`,
  };
}

/** A finished job does not change by itself; an open one is read again while its page is shown. */
const OPEN_JOB_REFRESH_MS = 10_000;

export function useJob(jobId: string) {
  return useQuery<FineTuneJobDetail>({
    queryKey: jobKeys.job(jobId),
    queryFn: () => api.fineTuning.jobs.get(jobId),
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : OPEN_JOB_REFRESH_MS),
  });
}

export function isFinished(status: FineTuneJobStatus): boolean {
  return (FINISHED_JOB_STATUSES as readonly string[]).includes(status);
}

/** The resource classes a job may ask for (platform-wide; at most a page of them). */
export function useResourceClasses() {
  return useQuery({
    queryKey: jobKeys.resourceClasses,
    queryFn: () => api.fineTuning.resourceClasses.list({ limit: 100 }),
  });
}

/** The project's templates for the wizard's picker (the first 100, newest first). */
export function useTemplates(projectId: string, enabled = true) {
  return useQuery({
    queryKey: [...jobKeys.templates(projectId), "picker"],
    queryFn: () => api.fineTuning.templates.list(projectId, { limit: 100 }),
    enabled,
  });
}

/**
 * A template's configuration as the wizard takes it: the contract's defaults filled in (a template
 * keeps only what was given; the wizard shows every setting).
 */
export function templateJobConfig(template: Pick<FineTuneTemplate, "config">): FineTuneJobConfig {
  return FineTuneJobConfig.parse(template.config);
}

/** A job's configuration as a template keeps it: without the job's own name. */
export function configForTemplate(config: FineTuneJobConfig): FineTuneTemplateConfig {
  const { name: _, ...rest } = config;
  return rest;
}

export type JobAction = "cancel" | "retry" | "clone" | "fix" | "delete";

/**
 * What the server's state machine allows from each status (core `job-state-machine.ts`): cancel
 * while queued, starting or running; retry a failed or canceled job; delete only finished ones;
 * clone any. The server still decides; this only hides what would surely be refused.
 */
const allowed: Record<FineTuneJobStatus, readonly JobAction[]> = {
  queued: ["cancel", "clone"],
  starting: ["cancel", "clone"],
  running: ["cancel", "clone"],
  canceling: ["clone"],
  succeeded: ["clone", "delete"],
  failed: ["retry", "clone", "delete"],
  canceled: ["retry", "clone", "delete"],
};

export function jobActions(status: FineTuneJobStatus): readonly JobAction[] {
  return allowed[status];
}

/** The settings a failed job's mechanical remedy changes (out of memory, divergence), or null. */
export function failureFix(job: Pick<FineTuneJob, "status" | "failure">) {
  const fix = job.status === "failed" ? job.failure?.fix : null;
  return fix && Object.keys(fix.patch).length ? fix : null;
}

/** The actions shown for a job: those of its status, with "Fix and clone" first when its failure has a fix. */
export function shownActions(job: Pick<FineTuneJob, "status" | "failure">): readonly JobAction[] {
  return failureFix(job) ? ["fix", ...jobActions(job.status)] : jobActions(job.status);
}

/**
 * A configuration with a fix's patch applied, as the clone API merges it: a warmup given drops the
 * other kind of warmup, and a new method drops the artifact type the old one implied.
 */
export function applyFix<C extends Record<string, unknown>>(config: C, patch: Record<string, unknown>): C {
  const merged: Record<string, unknown> = { ...config };
  if (patch.warmup_ratio !== undefined) delete merged.warmup_steps;
  if (patch.warmup_steps !== undefined) delete merged.warmup_ratio;
  if (patch.method !== undefined && patch.method !== config.method && merged.output) {
    const { artifact_type: _, ...output } = merged.output as Record<string, unknown>;
    merged.output = output;
  }
  return { ...merged, ...patch } as C;
}

/** The permission each action needs (clone creates a job). */
export const actionPermission: Record<JobAction, string> = {
  cancel: "fine_tuning.job.cancel",
  retry: "fine_tuning.job.retry",
  clone: "fine_tuning.job.create",
  fix: "fine_tuning.job.create",
  delete: "fine_tuning.job.delete",
};

/** A job's display name: its name, else its id. */
export const jobLabel = (job: Pick<FineTuneJob, "id" | "name">) => job.name ?? job.id;

/** `1h 02m 03s`-style duration between two instants (to now while still open). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h ${pad(m)}m ${pad(r)}s`;
  if (m > 0) return `${m}m ${pad(r)}s`;
  return `${r}s`;
}

export function secondsBetween(from: string, to: string | null, now = Date.now()): number {
  return ((to ? Date.parse(to) : now) - Date.parse(from)) / 1000;
}

/** How long the job has run: from its start to its end (or now); null before it started. */
export function runDuration(job: Pick<FineTuneJob, "started_at" | "finished_at">, now = Date.now()) {
  return job.started_at ? secondsBetween(job.started_at, job.finished_at, now) : null;
}
