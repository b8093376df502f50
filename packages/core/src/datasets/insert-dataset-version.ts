import { createHash } from "node:crypto";
import type {
  ColumnMapping,
  DatasetContainer,
  DatasetFormat,
  DatasetShape,
  SplitRole,
} from "@infera/contracts";
import type { DatasetValidationReport } from "@infera/dataset-validation";
import { eq, sql, tables } from "@infera/db";
import { recordTenantBlobs } from "../blobs/record-tenant-blobs.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import type { DatasetRow } from "./dataset-access.js";
import { wireTokens } from "./record-validation-run.js";

export interface NewVersion {
  files: { name: string; sha256: string; size: number; lines: number; container: DatasetContainer }[];
  format: DatasetFormat;
  shape: DatasetShape;
  mapping: ColumnMapping | null;
  report: DatasetValidationReport;
  reportSha256: string | null;
  keptValidOnly: boolean;
  droppedRows: number;
  baseModelVersionId: string | null;
  maxLength: number | null;
  parentVersionId?: string;
  splitRole?: SplitRole;
  splitParams?: Record<string, unknown>;
  /** Lineage of a version the platform wrote from something else (contracts' `DatasetVersionSource`). */
  source?: Record<string, unknown>;
  /** What the dataset saves from this version for the next ones (an uploaded version: its shape, a new mapping). */
  saveOnDataset?: { shape: DatasetShape; mapping: ColumnMapping | null };
}

/** sha256 over the files' `name:sha256` lines in order: order matters, the files are concatenated. */
export function datasetDigest(files: { name: string; sha256: string }[]): string {
  return createHash("sha256")
    .update(files.map((f) => `${f.name}:${f.sha256}`).join("\n"))
    .digest("hex");
}

/**
 * Writes one version inside the caller's transaction, which holds the dataset's row lock: the
 * next number is read under it, so concurrent creations get distinct numbers.
 */
export async function insertDatasetVersion(
  tx: TxContext,
  dataset: DatasetRow,
  v: NewVersion,
): Promise<string> {
  const [{ next }] = (await tx.db
    .select({ next: sql<number>`coalesce(max(${tables.datasetVersions.number}), 0)::int + 1` })
    .from(tables.datasetVersions)
    .where(eq(tables.datasetVersions.datasetId, dataset.id))) as [{ next: number }];
  const id = newId("datasetVersion");
  const { report } = v;
  await tx.db.insert(tables.datasetVersions).values({
    id,
    datasetId: dataset.id,
    number: Number(next),
    format: v.format,
    shape: v.shape,
    mapping: v.mapping,
    digest: datasetDigest(v.files),
    size: v.files.reduce((a, f) => a + f.size, 0),
    rows: report.rows.valid,
    schema: report.schema as unknown as Record<string, unknown>,
    tokenStats: report.tokens ? wireTokens(report.tokens) : null,
    validation: report.rows,
    reportSha256: v.reportSha256,
    keptValidOnly: v.keptValidOnly,
    droppedRows: v.droppedRows,
    tokenizer: report.tokens?.tokenizer.id ?? null,
    baseModelVersionId: v.baseModelVersionId,
    maxLength: v.maxLength,
    parentVersionId: v.parentVersionId ?? null,
    splitRole: v.splitRole ?? null,
    splitParams: v.splitParams ?? null,
    source: v.source ?? null,
    createdBy: tx.principal.type === "user" ? tx.principal.userId : null,
    createdAt: tx.now(),
  });
  await tx.db
    .insert(tables.datasetVersionFiles)
    .values(v.files.map((f, position) => ({ versionId: id, position, ...f })));
  await recordTenantBlobs(
    tx.db,
    dataset.tenantId,
    v.files.map((f) => f.sha256),
    "dataset_version",
    tx.now(),
  );
  await tx.db
    .update(tables.datasets)
    .set({
      updatedAt: tx.now(),
      ...(dataset.format ? {} : { format: v.format }),
      ...(v.saveOnDataset ?? {}),
    })
    .where(eq(tables.datasets.id, dataset.id));
  return id;
}
