import { apiRequest } from "../../lib/api";
import type { Dependant } from "../../lib/api-error";
import type { Dataset, DatasetPreview, DatasetValidation, DatasetVersion } from "./types";

const enc = encodeURIComponent;

/** The datasets routes (docs/api/routes.md); the console calls them with its session. */
export const datasetPaths = {
  list: (projectId: string) => `/api/v1/projects/${enc(projectId)}/datasets`,
  dataset: (datasetId: string) => `/api/v1/datasets/${enc(datasetId)}`,
  usage: (datasetId: string) => `/api/v1/datasets/${enc(datasetId)}/usage`,
  versions: (datasetId: string) => `/api/v1/datasets/${enc(datasetId)}/versions`,
  validate: (datasetId: string) => `/api/v1/datasets/${enc(datasetId)}/versions/validate`,
  version: (versionId: string) => `/api/v1/dataset-versions/${enc(versionId)}`,
  versionUsage: (versionId: string) => `/api/v1/dataset-versions/${enc(versionId)}/usage`,
  preview: (versionId: string) => `/api/v1/dataset-versions/${enc(versionId)}/preview`,
  report: (versionId: string) => `/api/v1/dataset-versions/${enc(versionId)}/validation-report`,
  download: (versionId: string) => `/api/v1/dataset-versions/${enc(versionId)}/download`,
};

export const datasetKeys = {
  all: (projectId: string) => ["datasets", projectId] as const,
  dataset: (datasetId: string) => ["dataset", datasetId] as const,
  versions: (datasetId: string) => ["dataset", datasetId, "versions"] as const,
  version: (versionId: string) => ["dataset-version", versionId] as const,
  preview: (versionId: string) => ["dataset-version", versionId, "preview"] as const,
  usage: (id: string) => ["dataset-usage", id] as const,
};

type One<T> = { data: T };

export const getDataset = (datasetId: string, signal?: AbortSignal) =>
  apiRequest<One<Dataset>>(datasetPaths.dataset(datasetId), { signal }).then((r) => r.data);

export const createDataset = (projectId: string, input: { name: string; description?: string }) =>
  apiRequest<One<Dataset>>(datasetPaths.list(projectId), { method: "POST", body: input }).then((r) => r.data);

export const deleteDataset = (datasetId: string) =>
  apiRequest<void>(datasetPaths.dataset(datasetId), { method: "DELETE" });

export const getVersion = (versionId: string, signal?: AbortSignal) =>
  apiRequest<One<DatasetVersion>>(datasetPaths.version(versionId), { signal }).then((r) => r.data);

export const deleteVersion = (versionId: string) =>
  apiRequest<void>(datasetPaths.version(versionId), { method: "DELETE" });

export const getPreview = (versionId: string, signal?: AbortSignal) =>
  apiRequest<One<DatasetPreview>>(datasetPaths.preview(versionId), { query: { limit: 20 }, signal }).then(
    (r) => r.data,
  );

export const getUsage = (path: string, signal?: AbortSignal) =>
  apiRequest<One<{ dependants: Dependant[] }>>(path, { signal }).then((r) => r.data.dependants);

export interface VersionFilesInput {
  files: { upload_id: string }[];
  max_length?: number;
}

/** Dry run: validates the uploaded files against the dataset, creates nothing (a report is kept). */
export const validateFiles = (datasetId: string, input: VersionFilesInput) =>
  apiRequest<One<DatasetValidation>>(datasetPaths.validate(datasetId), { method: "POST", body: input }).then(
    (r) => r.data,
  );

export const createVersion = (datasetId: string, input: VersionFilesInput & { keep_valid_only: boolean }) =>
  apiRequest<One<DatasetVersion>>(datasetPaths.versions(datasetId), { method: "POST", body: input }).then(
    (r) => r.data,
  );
