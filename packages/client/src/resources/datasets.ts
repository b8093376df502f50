import {
  type CreateDatasetInput,
  type CreateDatasetVersionInput,
  Dataset,
  type DatasetListQuery,
  DatasetPreview,
  DatasetSplit,
  DatasetUsage,
  DatasetValidation,
  DatasetVersion,
  type DatasetVersionListQuery,
  type SplitDatasetVersionInput,
  single,
  type UpdateDatasetInput,
  type ValidateDatasetVersionInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export type DatasetFilter = DatasetListQuery;
export type DatasetVersionFilter = DatasetVersionListQuery;

/**
 * Versioned datasets: immutable versions made from finished uploads (JSONL, JSON arrays, CSV or
 * Parquet, maybe gzipped, read in order with a shape and column mapping), validated by streaming. An invalid version is refused with `unprocessable_content` (HTTP 422) whose
 * `details` is a `DatasetValidation` (first errors with line numbers, the full report's href).
 */
export function datasetsApi(t: Transport) {
  const projectBase = (projectId: string) => `/projects/${seg(projectId)}/datasets`;
  return {
    /** `list(projectId)`: the project's datasets with their latest version's figures. */
    ...scopedListing<typeof Dataset, DatasetFilter>(t, projectBase, Dataset),
    async create(projectId: string, input: z.input<typeof CreateDatasetInput>): Promise<Dataset> {
      return (await t.json("POST", projectBase(projectId), single(Dataset), { body: input })).data;
    },
    async get(datasetId: string): Promise<Dataset> {
      return (await t.json("GET", `/datasets/${seg(datasetId)}`, single(Dataset))).data;
    },
    async update(datasetId: string, input: z.input<typeof UpdateDatasetInput>): Promise<Dataset> {
      return (await t.json("PATCH", `/datasets/${seg(datasetId)}`, single(Dataset), { body: input })).data;
    },
    /** Fails with `resource_in_use` (dependants in `details`) while something references it. */
    async delete(datasetId: string): Promise<void> {
      await t.empty("DELETE", `/datasets/${seg(datasetId)}`);
    },
    async usage(datasetId: string): Promise<DatasetUsage> {
      return (await t.json("GET", `/datasets/${seg(datasetId)}/usage`, single(DatasetUsage))).data;
    },
    versions: {
      /** `list(datasetId)`, `iterate(datasetId)`, `exportCsv(datasetId)`, `exportJson(datasetId)`. */
      ...scopedListing<typeof DatasetVersion, DatasetVersionFilter>(
        t,
        (datasetId) => `/datasets/${seg(datasetId)}/versions`,
        DatasetVersion,
      ),
      /** Refused with `unprocessable_content` (422, details: DatasetValidation) when a row is invalid. */
      async create(
        datasetId: string,
        input: z.input<typeof CreateDatasetVersionInput>,
      ): Promise<DatasetVersion> {
        return (
          await t.json("POST", `/datasets/${seg(datasetId)}/versions`, single(DatasetVersion), {
            body: input,
          })
        ).data;
      },
      /** A dry run: what validation finds, creating nothing and using no upload. */
      async validate(
        datasetId: string,
        input: z.input<typeof ValidateDatasetVersionInput>,
      ): Promise<DatasetValidation> {
        return (
          await t.json("POST", `/datasets/${seg(datasetId)}/versions/validate`, single(DatasetValidation), {
            body: input,
          })
        ).data;
      },
      async get(versionId: string): Promise<DatasetVersion> {
        return (await t.json("GET", `/dataset-versions/${seg(versionId)}`, single(DatasetVersion))).data;
      },
      async delete(versionId: string): Promise<void> {
        await t.empty("DELETE", `/dataset-versions/${seg(versionId)}`);
      },
      async usage(versionId: string): Promise<DatasetUsage> {
        return (await t.json("GET", `/dataset-versions/${seg(versionId)}/usage`, single(DatasetUsage))).data;
      },
      async preview(versionId: string, query?: { limit?: number }): Promise<DatasetPreview> {
        return (
          await t.json("GET", `/dataset-versions/${seg(versionId)}/preview`, single(DatasetPreview), {
            query,
          })
        ).data;
      },
      /** A train/validation split: two derived versions with their lineage. */
      async split(versionId: string, input: z.input<typeof SplitDatasetVersionInput>): Promise<DatasetSplit> {
        return (
          await t.json("POST", `/dataset-versions/${seg(versionId)}/split`, single(DatasetSplit), {
            body: input,
          })
        ).data;
      },
      /**
       * The URL of the version's records as normalized JSONL (the internal form the trainer reads,
       * whatever shape and container was uploaded); streamed, no Range.
       */
      normalizedUrl(versionId: string): string {
        return `${t.baseUrl}/api/v1/dataset-versions/${seg(versionId)}/normalized`;
      },
      /** The version's records as normalized JSONL text (small versions; larger ones: `normalizedUrl`). */
      normalizedText(versionId: string): Promise<string> {
        return t.text("GET", `/dataset-versions/${seg(versionId)}/normalized`, {
          accept: "application/x-ndjson",
        });
      },
      /** The URL of a file's bytes (HTTP Range supported); `file` may be left out for a one-file version. */
      fileUrl(versionId: string, file?: string): string {
        const q = file === undefined ? "" : `?file=${encodeURIComponent(file)}`;
        return `${t.baseUrl}/api/v1/dataset-versions/${seg(versionId)}/download${q}`;
      },
    },
    validationRuns: {
      /** A dry run or a refused version, while it is kept. */
      async get(runId: string): Promise<DatasetValidation> {
        return (await t.json("GET", `/dataset-validation-runs/${seg(runId)}`, single(DatasetValidation)))
          .data;
      },
      /** The full error report (JSONL, one error a line). */
      reportText(runId: string): Promise<string> {
        return t.text("GET", `/dataset-validation-runs/${seg(runId)}/report`, {
          accept: "application/x-ndjson",
        });
      },
    },
    /** An absolute URL from an href the API answered (`report_href`: `/api/v1/…`). */
    hrefUrl(href: string): string {
      return `${t.baseUrl}${href}`;
    },
  };
}
