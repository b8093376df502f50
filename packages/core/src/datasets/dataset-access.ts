import type { Action } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";

export type DatasetRow = typeof tables.datasets.$inferSelect;
export type DatasetVersionRow = typeof tables.datasetVersions.$inferSelect;
export type ValidationRunRow = typeof tables.datasetValidationRuns.$inferSelect;

const DATASET_ID = /^ds_[0-9a-z]{26}$/;
const VERSION_ID = /^dsv_[0-9a-z]{26}$/;
const RUN_ID = /^dsvr_[0-9a-z]{26}$/;

function signedIn(ctx: ServiceContext) {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
}

/** Decides `action` on the dataset's project; a dataset you cannot see (another tenant's) is not_found. */
async function onProject<T>(
  ctx: ServiceContext,
  action: Action,
  projectId: string,
  what: string,
  value: T,
): Promise<T & { access: Access }> {
  try {
    return { ...value, access: await authorize(ctx, action, { projectId }) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound(what);
    throw err;
  }
}

export async function authorizeDataset(
  ctx: ServiceContext,
  action: Action,
  datasetId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ dataset: DatasetRow; access: Access }> {
  signedIn(ctx);
  if (!DATASET_ID.test(datasetId)) throw notFound("dataset");
  const q = ctx.db.select().from(tables.datasets).where(eq(tables.datasets.id, datasetId));
  const [dataset] = opts.forUpdate ? await q.for("update") : await q;
  if (!dataset) throw notFound("dataset");
  return onProject(ctx, action, dataset.projectId, "dataset", { dataset });
}

export async function authorizeDatasetVersion(
  ctx: ServiceContext,
  action: Action,
  versionId: string,
): Promise<{ dataset: DatasetRow; version: DatasetVersionRow; access: Access }> {
  signedIn(ctx);
  if (!VERSION_ID.test(versionId)) throw notFound("dataset version");
  const [row] = await ctx.db
    .select({ version: tables.datasetVersions, dataset: tables.datasets })
    .from(tables.datasetVersions)
    .innerJoin(tables.datasets, eq(tables.datasets.id, tables.datasetVersions.datasetId))
    .where(eq(tables.datasetVersions.id, versionId));
  if (!row) throw notFound("dataset version");
  return onProject(ctx, action, row.dataset.projectId, "dataset version", row);
}

export async function authorizeValidationRun(
  ctx: ServiceContext,
  action: Action,
  runId: string,
): Promise<{ dataset: DatasetRow; run: ValidationRunRow; access: Access }> {
  signedIn(ctx);
  if (!RUN_ID.test(runId)) throw notFound("validation run");
  const [row] = await ctx.db
    .select({ run: tables.datasetValidationRuns, dataset: tables.datasets })
    .from(tables.datasetValidationRuns)
    .innerJoin(tables.datasets, eq(tables.datasets.id, tables.datasetValidationRuns.datasetId))
    .where(eq(tables.datasetValidationRuns.id, runId));
  if (!row || row.run.expiresAt <= ctx.now()) throw notFound("validation run");
  return onProject(ctx, action, row.dataset.projectId, "validation run", row);
}
