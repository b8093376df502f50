import type { Model, ModelTag, ModelVersion } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/client";

export const modelKeys = {
  all: ["models"] as const,
  list: (projectId: string) => ["models", "list", projectId] as const,
  model: (modelId: string) => ["models", "model", modelId] as const,
  versions: (modelId: string) => ["models", "model", modelId, "versions"] as const,
  version: (versionId: string) => ["models", "version", versionId] as const,
  tags: (modelId: string) => ["models", "model", modelId, "tags"] as const,
  /** A tag's history, paged (TagHistory's infinite query). */
  history: (modelId: string, tag: string) => ["models", "model", modelId, "tags", tag, "history"] as const,
  /**
   * The newest page of a tag's history alone (the rollback dialog's targets). Its own key: cached under
   * `history` it would be read as an infinite query's pages by TagHistory and crash it.
   */
  recentHistory: (modelId: string, tag: string) =>
    ["models", "model", modelId, "tags", tag, "history", "recent"] as const,
  usage: (modelId: string) => ["models", "model", modelId, "usage"] as const,
};

/** Console paths of the models pages, relative to nothing (absolute). */
export function modelPaths(tenantId: string, projectId: string) {
  const base = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  return {
    list: `${base}/models`,
    model: (modelId: string, tab?: string) =>
      `${base}/models/${encodeURIComponent(modelId)}${tab ? `?tab=${encodeURIComponent(tab)}` : ""}`,
    /** The model page with the version's drawer open. */
    version: (modelId: string, versionId: string) =>
      `${base}/models/${encodeURIComponent(modelId)}?tab=versions&version=${encodeURIComponent(versionId)}`,
    versionById: (versionId: string) => `${base}/model-versions/${encodeURIComponent(versionId)}`,
    audit: `${base}/audit`,
    evaluation: `${base}/evaluation`,
    /** The evaluation wizard set up for a gate run of this version (what a refused prod move asks for). */
    evaluateGate: (versionId: string) =>
      `${base}/evaluation/new?kind=gate&model_version_id=${encodeURIComponent(versionId)}`,
    evaluationRun: (runId: string) => `${base}/evaluation/${encodeURIComponent(runId)}`,
  };
}

export function useModel(modelId: string) {
  return useQuery<Model>({ queryKey: modelKeys.model(modelId), queryFn: () => api.models.get(modelId) });
}

export function useModelVersion(versionId: string | null) {
  return useQuery<ModelVersion>({
    queryKey: modelKeys.version(versionId ?? ""),
    queryFn: () => api.models.versions.get(versionId ?? ""),
    enabled: Boolean(versionId),
  });
}

export function useModelTags(modelId: string) {
  return useQuery<ModelTag[]>({
    queryKey: modelKeys.tags(modelId),
    queryFn: () => api.models.tags.list(modelId),
  });
}

/** The newest versions of a model (for pickers and the overview), newest first. */
export function useRecentVersions(modelId: string, limit = 20) {
  return useQuery({
    queryKey: [...modelKeys.versions(modelId), "recent", limit],
    queryFn: () => api.models.versions.list(modelId, { limit, sort: "-created_at" }),
  });
}

/** Whether the model is managed here: only a project's own models take versions, tags and deletes from it. */
export function isOwnModel(model: Model, projectId: string): boolean {
  return model.project_id === projectId;
}
