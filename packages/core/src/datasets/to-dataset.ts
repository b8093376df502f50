import type { Dataset, DatasetVersion } from "@infera/contracts";
import { asc, type Executor, eq, inArray, sql, tables } from "@infera/db";
import { iso } from "../shared/pagination.js";
import type { DatasetRow, DatasetVersionRow } from "./dataset-access.js";

const d = tables.datasets;
type Latest = {
  id: string;
  number: number;
  digest: string;
  rows: number;
  prompt_tokens: number | null;
  total_tokens: number | null;
  schema_fields: number;
  created_at: string;
} | null;

/**
 * Aggregates a dataset row carries in lists and reads: its newest version's summary and the count.
 * The subqueries name `datasets.id` outright: an interpolated column
 * renders unqualified there and would bind to the subquery's own `id`.
 */
export const datasetExtras = {
  latest: sql<Latest>`(select json_build_object(
      'id', v.id, 'number', v.number, 'digest', v.digest, 'rows', v.rows,
      'prompt_tokens', (v.token_stats->'prompt'->>'sum')::bigint,
      'total_tokens', (v.token_stats->'total'->>'sum')::bigint,
      'schema_fields', coalesce(jsonb_array_length(v.schema->'fields'), 0),
      'created_at', v.created_at)
    from dataset_versions v where v.dataset_id = datasets.id order by v.number desc limit 1)`,
  versionCount: sql<number>`(select count(*)::int from dataset_versions v where v.dataset_id = datasets.id)`,
};

export function toDataset(row: DatasetRow & { latest: Latest; versionCount: number }): Dataset {
  const latest = row.latest
    ? {
        ...row.latest,
        prompt_tokens: row.latest.prompt_tokens === null ? null : Number(row.latest.prompt_tokens),
        total_tokens: row.latest.total_tokens === null ? null : Number(row.latest.total_tokens),
        created_at: new Date(row.latest.created_at).toISOString(),
      }
    : null;
  return {
    id: row.id,
    tenant_id: row.tenantId,
    project_id: row.projectId,
    name: row.name,
    description: row.description,
    format: row.format,
    shape: row.shape,
    mapping: row.mapping ?? null,
    tags: row.tags,
    latest_version_id: latest?.id ?? null,
    latest_version: latest,
    version_count: Number(row.versionCount),
    created_by: row.createdBy,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export async function loadDatasetView(exec: Executor, datasetId: string): Promise<Dataset | null> {
  const [row] = await exec
    .select({ d, ...datasetExtras })
    .from(d)
    .where(eq(d.id, datasetId));
  return row ? toDataset({ ...row.d, latest: row.latest, versionCount: row.versionCount }) : null;
}

export const reportHref = (versionId: string) => `/api/v1/dataset-versions/${versionId}/validation-report`;

export async function toDatasetVersions(
  exec: Executor,
  projectId: string,
  rows: DatasetVersionRow[],
): Promise<DatasetVersion[]> {
  if (!rows.length) return [];
  const f = tables.datasetVersionFiles;
  const files = await exec
    .select()
    .from(f)
    .where(
      inArray(
        f.versionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(f.position));
  return rows.map((r) => ({
    id: r.id,
    dataset_id: r.datasetId,
    project_id: projectId,
    number: r.number,
    format: r.format,
    // Versions from before shapes were backfilled; the format is the shape of any row written without one.
    shape: r.shape ?? r.format,
    mapping: r.mapping ?? null,
    digest: r.digest,
    size: Number(r.size),
    rows: r.rows,
    files: files
      .filter((x) => x.versionId === r.id)
      .map((x) => ({
        name: x.name,
        sha256: x.sha256,
        size: Number(x.size),
        lines: x.lines,
        container: x.container,
      })),
    schema: r.schema as DatasetVersion["schema"],
    token_stats: (r.tokenStats as DatasetVersion["token_stats"]) ?? null,
    validation: r.validation as DatasetVersion["validation"],
    kept_valid_only: r.keptValidOnly,
    dropped_rows: r.droppedRows,
    report_sha256: r.reportSha256,
    report_href: r.reportSha256 ? reportHref(r.id) : null,
    base_model_version_id: r.baseModelVersionId,
    max_length: r.maxLength,
    parent_version_id: r.parentVersionId,
    split_role: r.splitRole,
    split_params: (r.splitParams as DatasetVersion["split_params"]) ?? null,
    source: (r.source as DatasetVersion["source"]) ?? null,
    created_by: r.createdBy,
    created_at: iso(r.createdAt),
  }));
}

export async function loadDatasetVersionView(
  exec: Executor,
  projectId: string,
  versionId: string,
): Promise<DatasetVersion | null> {
  const rows = await exec
    .select()
    .from(tables.datasetVersions)
    .where(eq(tables.datasetVersions.id, versionId));
  return (await toDatasetVersions(exec, projectId, rows))[0] ?? null;
}
