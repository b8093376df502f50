import { api } from "../../lib/client";
import type { DatasetShape } from "./types";

export const datasetKeys = {
  all: (projectId: string) => ["datasets", projectId] as const,
  dataset: (datasetId: string) => ["dataset", datasetId] as const,
  versions: (datasetId: string) => ["dataset", datasetId, "versions"] as const,
  version: (versionId: string) => ["dataset-version", versionId] as const,
  preview: (versionId: string) => ["dataset-version", versionId, "preview"] as const,
  usage: (id: string) => ["dataset-usage", id] as const,
};

export const getDataset = (datasetId: string) => api.datasets.get(datasetId);

export const createDataset = (projectId: string, input: { name: string; description?: string }) =>
  api.datasets.create(projectId, input);

export const deleteDataset = (datasetId: string) => api.datasets.delete(datasetId);

export const getVersion = (versionId: string) => api.datasets.versions.get(versionId);

export const deleteVersion = (versionId: string) => api.datasets.versions.delete(versionId);

export const getPreview = (versionId: string) => api.datasets.versions.preview(versionId, { limit: 20 });

/** The newest versions of a dataset (for the pickers of the preview and audit tabs). */
export const listVersions = (datasetId: string) => api.datasets.versions.list(datasetId, { limit: 100 });

/** What references a dataset or one of its versions. */
export const getUsage = async (of: UsageOf) =>
  ("versionId" in of
    ? await api.datasets.versions.usage(of.versionId)
    : await api.datasets.usage(of.datasetId)
  ).dependants;

export type UsageOf = { datasetId: string } | { versionId: string };

export interface VersionFilesInput {
  files: { upload_id: string }[];
  max_length?: number;
  /** The records' shape; by default the dataset's saved one, else detected. */
  shape?: DatasetShape;
  /** Target field ← source column; by default the dataset's saved mapping (`{}`: none). */
  mapping?: Record<string, string>;
}

/** Dry run: validates the uploaded files against the dataset, creates nothing (a report is kept). */
export const validateFiles = (datasetId: string, input: VersionFilesInput) =>
  api.datasets.versions.validate(datasetId, input);

export const createVersion = (datasetId: string, input: VersionFilesInput & { keep_valid_only: boolean }) =>
  api.datasets.versions.create(datasetId, input);
