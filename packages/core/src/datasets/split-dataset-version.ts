import type { DatasetSplit, SplitDatasetVersionInput, SplitRole } from "@infera/contracts";
import { planSplit, splitPart } from "@infera/dataset-validation";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeDataset, authorizeDatasetVersion } from "./dataset-access.js";
import { blobSources } from "./dataset-files.js";
import { derivedMapping, versionReading } from "./dataset-reading.js";
import { tokenizerFor } from "./dataset-tokenizers.js";
import { insertDatasetVersion } from "./insert-dataset-version.js";
import { runValidation } from "./run-validation.js";
import { loadDatasetVersionView } from "./to-dataset.js";
import { versionFiles } from "./version-files.js";

/**
 * Splits a version's rows into two derived versions of the same dataset, train and validation,
 * each recording its parent, role and parameters. The split is decided by a seeded hash of each
 * row, so the same version and seed always give the same two files (and digests).
 */
export async function splitDatasetVersion({
  ctx,
  versionId,
  input,
}: {
  ctx: ServiceContext;
  versionId: string;
  input: SplitDatasetVersionInput;
}): Promise<DatasetSplit> {
  const { dataset, version } = await authorizeDatasetVersion(ctx, "dataset.version.split", versionId);
  const store = ctx.blobs;
  const rows = version.rows;
  if (rows < 2) throw invalid(`version ${version.id} has ${rows} row(s); a split needs at least 2`);
  if (input.validation_rows !== undefined && input.validation_rows >= rows)
    throw invalid(`validation_rows must be less than the version's ${rows} rows`, { rows });
  const ratio = input.validation_ratio ?? input.validation_rows! / rows;
  const files = await versionFiles(ctx.db, version.id);
  const sources = blobSources(store, files);
  const scan = versionReading(version, files);
  // Each part is one JSONL file of the parent's valid rows (JSON records as uploaded, table rows as
  // mapped), read with the parent's shape.
  const shape = version.shape ?? version.format;
  const mapping = derivedMapping(
    version.mapping,
    files.map((f) => f.container),
  );
  const partReading = {
    shape,
    container: "jsonl" as const,
    ...(mapping ? { mapping } : {}),
    maxLineBytes: scan.maxLineBytes,
  };
  const plan = await planSplit(sources, { ...scan, validationRatio: ratio, seed: input.seed, rows });
  const tokenizer = await tokenizerFor(ctx, version.baseModelVersionId);
  const params = {
    seed: input.seed,
    validation_ratio: input.validation_ratio ?? null,
    validation_rows: input.validation_rows ?? null,
  };
  const parts: {
    role: SplitRole;
    file: { name: string; sha256: string; size: number; lines: number; container: "jsonl" };
    outcome: Awaited<ReturnType<typeof runValidation>>;
  }[] = [];
  for (const role of ["train", "validation"] as SplitRole[]) {
    const put = await store.put(splitPart(sources, plan, role, scan));
    const file = { name: `${role}.jsonl`, sha256: put.sha256 };
    const outcome = await runValidation(store, [file], {
      tokenizer,
      reading: partReading,
      maxLength: version.maxLength,
    });
    parts.push({
      role,
      file: { ...file, size: put.size, lines: outcome.report.rows.total, container: "jsonl" },
      outcome,
    });
  }
  return withTransaction(ctx, async (tx) => {
    const { dataset: locked } = await authorizeDataset(tx, "dataset.version.split", dataset.id, {
      forUpdate: true,
    });
    const ids: Record<string, string> = {};
    for (const p of parts)
      ids[p.role] = await insertDatasetVersion(tx, locked, {
        files: [p.file],
        format: version.format,
        shape,
        mapping,
        report: p.outcome.report,
        reportSha256: null,
        keptValidOnly: false,
        droppedRows: 0,
        baseModelVersionId: version.baseModelVersionId,
        maxLength: version.maxLength,
        parentVersionId: version.id,
        splitRole: p.role,
        splitParams: params,
      });
    const result: DatasetSplit = {
      parent_version_id: version.id,
      train: (await loadDatasetVersionView(tx.db, locked.projectId, ids.train!))!,
      validation: (await loadDatasetVersionView(tx.db, locked.projectId, ids.validation!))!,
    };
    await recordAudit(tx, {
      action: "dataset.version.split",
      resourceType: "dataset_version",
      resourceId: version.id,
      tenantId: locked.tenantId,
      projectId: locked.projectId,
      after: {
        parent_version_id: version.id,
        split_params: params,
        train: { id: result.train.id, number: result.train.number, rows: result.train.rows },
        validation: {
          id: result.validation.id,
          number: result.validation.number,
          rows: result.validation.rows,
        },
      },
    });
    return result;
  });
}
