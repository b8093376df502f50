import type {
  Model,
  ModelLatestVersionSummary,
  ModelScope,
  ModelVersion,
  ModelVersionMetadata,
  TrainingMetrics,
} from "@infera/contracts";
import { asc, type Executor, eq, inArray, sql, tables } from "@infera/db";
import { iso } from "../shared/pagination.js";
import type { ModelRow, VersionRow } from "./model-access.js";

const m = tables.models;
/**
 * Aggregates a model row carries in lists and reads. The outer column is written `models.id`: in a
 * one-table select drizzle renders `${m.id}` unqualified, which inside these subqueries would name
 * the subquery's own `id`.
 */
export const modelExtras = {
  latestVersionId: sql<
    string | null
  >`(select v.id from model_versions v where v.model_id = models.id order by v.created_at desc, v.id desc limit 1)`,
  latestVersion: sql<LatestVersionJson | null>`(select json_build_object('id', v.id, 'artifact_type', v.artifact_type, 'format', v.format, 'size', v.size, 'parameter_count', v.metadata->'parameter_count', 'context_length', v.metadata->'context_length', 'quantization', v.metadata->'quantization', 'created_at', v.created_at) from model_versions v where v.model_id = models.id order by v.created_at desc, v.id desc limit 1)`,
  versionCount: sql<number>`(select count(*)::int from model_versions v where v.model_id = models.id)`,
  tags: sql<
    { tag: string; version_id: string }[] | null
  >`(select json_agg(json_build_object('tag', t.tag, 'version_id', t.version_id) order by t.tag) from model_tags t where t.model_id = models.id)`,
};

interface LatestVersionJson {
  id: string;
  artifact_type: ModelLatestVersionSummary["artifact_type"];
  format: ModelLatestVersionSummary["format"];
  size: number | string;
  parameter_count: number | null;
  context_length: number | null;
  quantization: string | null;
  created_at: string;
}

/** The list's summary of the newest version (json_build_object gives numbers as JSON, dates as text). */
function toLatestVersion(v: LatestVersionJson | null): ModelLatestVersionSummary | null {
  if (!v) return null;
  const int = (n: unknown) => (typeof n === "number" && Number.isFinite(n) ? Math.trunc(n) : null);
  return {
    id: v.id,
    artifact_type: v.artifact_type,
    format: v.format,
    size: Number(v.size),
    parameter_count: int(v.parameter_count),
    context_length: int(v.context_length),
    quantization: typeof v.quantization === "string" ? v.quantization : null,
    created_at: new Date(v.created_at).toISOString(),
  };
}

export function scopeOf(model: ModelRow, projectId: string | null): ModelScope {
  if (model.ownerType === "platform") return "system";
  return projectId && model.projectId === projectId ? "project" : "tenant";
}

export function toModel(
  row: ModelRow & {
    latestVersionId: string | null;
    latestVersion: LatestVersionJson | null;
    versionCount: number;
    tags: { tag: string; version_id: string }[] | null;
  },
  projectId: string | null,
): Model {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    owner_type: row.ownerType,
    owner_id: row.ownerType === "tenant" ? row.tenantId : null,
    tenant_id: row.tenantId,
    project_id: row.projectId,
    visibility: row.visibility,
    scope: scopeOf(row, projectId),
    source: row.source,
    license: row.license,
    tags: row.tags ?? [],
    latest_version_id: row.latestVersionId,
    latest_version: toLatestVersion(row.latestVersion),
    version_count: Number(row.versionCount),
    created_by: row.createdBy,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export async function loadModelView(
  exec: Executor,
  modelId: string,
  projectId: string | null,
): Promise<Model | null> {
  const [row] = await exec
    .select({ m, ...modelExtras })
    .from(m)
    .where(eq(m.id, modelId));
  return row
    ? toModel(
        {
          ...row.m,
          latestVersionId: row.latestVersionId,
          latestVersion: row.latestVersion,
          versionCount: row.versionCount,
          tags: row.tags,
        },
        projectId ?? row.m.projectId,
      )
    : null;
}

export async function toModelVersions(exec: Executor, rows: VersionRow[]): Promise<ModelVersion[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const files = await exec
    .select()
    .from(tables.modelVersionFiles)
    .where(inArray(tables.modelVersionFiles.versionId, ids))
    .orderBy(asc(tables.modelVersionFiles.path));
  const tags = await exec
    .select({ tag: tables.modelTags.tag, versionId: tables.modelTags.versionId })
    .from(tables.modelTags)
    .where(inArray(tables.modelTags.versionId, ids))
    .orderBy(asc(tables.modelTags.tag));
  return rows.map((r) => ({
    id: r.id,
    model_id: r.modelId,
    artifact_type: r.artifactType,
    format: r.format,
    formats: r.formats as ModelVersion["formats"],
    digest: r.digest,
    size: Number(r.size),
    source: r.source,
    base_model_version_id: r.baseModelVersionId,
    source_job_id: r.sourceJobId,
    source_dataset_version_id: r.sourceDatasetVersionId,
    training_metrics: (r.trainingMetrics as TrainingMetrics | null) ?? null,
    license: r.license,
    notes: r.notes,
    metadata: r.metadata as ModelVersionMetadata,
    files: files
      .filter((f) => f.versionId === r.id)
      .map((f) => ({ path: f.path, sha256: f.sha256, size: Number(f.size), kind: f.kind })),
    tags: tags.filter((t) => t.versionId === r.id).map((t) => t.tag),
    created_by: r.createdBy,
    created_at: iso(r.createdAt),
  }));
}

export async function loadVersionView(exec: Executor, versionId: string): Promise<ModelVersion | null> {
  const rows = await exec.select().from(tables.modelVersions).where(eq(tables.modelVersions.id, versionId));
  return (await toModelVersions(exec, rows))[0] ?? null;
}
