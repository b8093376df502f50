import { Readable } from "node:stream";
import type { DatasetVersionSource, ExportPreferencesInput, PreferenceExport } from "@infera/contracts";
import { and, eq, inArray, isUniqueViolation, sql, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import { DATASET_MAX_LINE_BYTES } from "../../datasets/dataset-reading.js";
import { tokenizerFor } from "../../datasets/dataset-tokenizers.js";
import { insertDatasetVersion } from "../../datasets/insert-dataset-version.js";
import { runValidation } from "../../datasets/run-validation.js";
import type { ServiceContext } from "../../shared/context.js";
import { conflict, DomainError, invalid, notFound } from "../../shared/errors.js";
import { newId } from "../../shared/ids.js";
import { withTransaction } from "../../shared/transaction.js";
import { promptOutcomes } from "./prompt-outcomes.js";
import { authorizeRatedRun, requireSideBySide, runTargets } from "./rated-run-access.js";

const DATASET_ID = /^ds_[0-9a-z]{26}$/;

/**
 * A side-by-side run's ratings as a new version of a preference dataset of the run's project: one
 * `{prompt, chosen, rejected}` record per prompt that the majority of at least `min_ratings` raters
 * gave to one side (ties and split votes are left out, as are prompts where an answer is missing,
 * empty or the same on both sides, which the preference format refuses). The version records its
 * lineage (`source`: the run, both targets) and goes through the same validation, token statistics
 * and blob holdings as an uploaded one, so it previews, downloads and trains like any other.
 */
export async function exportEvaluationPreferences({
  ctx,
  runId,
  input,
}: {
  ctx: ServiceContext;
  runId: string;
  input: ExportPreferencesInput;
}): Promise<PreferenceExport> {
  const { run } = await authorizeRatedRun(ctx, "evaluation.export_preferences", runId);
  requireSideBySide(run, "preferences are exported from");
  if ((input.dataset_id === undefined) === (input.dataset_name === undefined))
    throw invalid(
      "give either dataset_id (an existing dataset of the run's project) or dataset_name (a new dataset), not both or neither",
    );
  const d = tables.datasets;
  // The target dataset: the run's project's own, whatever project or tenant the id belongs to otherwise.
  const existing =
    input.dataset_id !== undefined ? await datasetOfRun(ctx, run.projectId, input.dataset_id) : null;
  if (existing && existing.format !== null && existing.format !== "preference")
    throw conflict(
      `dataset ${existing.id} holds ${existing.format} records; export preferences into a preference dataset or a new one (dataset_name)`,
      { format: existing.format },
    );

  const r = tables.evaluationRatings;
  const votes = await ctx.db.select({ index: r.index, winner: r.winner }).from(r).where(eq(r.runId, run.id));
  if (votes.length === 0)
    throw new DomainError(
      "unprocessable_content",
      `evaluation run ${run.id} has no ratings yet; rate its prompts before exporting preferences`,
    );
  const prompts = promptOutcomes(votes);
  const decided = prompts.filter((p) => p.winner !== null && p.ratings >= input.min_ratings);
  const s = tables.evaluationSamples;
  const samples = decided.length
    ? await ctx.db
        .select({ index: s.index, target: s.target, input: s.input, output: s.output })
        .from(s)
        .where(
          and(
            eq(s.runId, run.id),
            inArray(
              s.index,
              decided.map((p) => p.index),
            ),
          ),
        )
    : [];
  const answer = (index: number, target: "a" | "b") =>
    samples.find((x) => x.index === index && x.target === target);
  const records: string[] = [];
  for (const p of decided) {
    const win = answer(p.index, p.winner!);
    const lose = answer(p.index, p.winner === "a" ? "b" : "a");
    if (!win?.output || !lose?.output || win.output === lose.output) continue;
    records.push(`${JSON.stringify({ prompt: win.input, chosen: win.output, rejected: lose.output })}\n`);
  }
  if (records.length === 0) {
    const draws = prompts.filter((p) => p.winner === null).length;
    const few = prompts.filter((p) => p.winner !== null && p.ratings < input.min_ratings).length;
    throw new DomainError(
      "unprocessable_content",
      `no rated prompt of evaluation run ${run.id} has a clear winner to export: ${prompts.length} rated, ${draws} tied or without a majority, ${few} with fewer than ${input.min_ratings} rating(s), ${decided.length - records.length} with a missing, empty or identical answer`,
      { rated: prompts.length, draws, fewer_ratings: few, min_ratings: input.min_ratings },
    );
  }

  const store = ctx.blobs;
  const put = await store.put(Readable.from([Buffer.from(records.join(""), "utf8")]));
  const file = { name: "preferences.jsonl", sha256: put.sha256 };
  const outcome = await runValidation(store, [file], {
    tokenizer: await tokenizerFor(ctx, null),
    reading: { shape: "preference", container: "jsonl", maxLineBytes: DATASET_MAX_LINE_BYTES },
  });
  // Every record was built to the format's rules; a refusal here is our bug, not the caller's.
  if (!outcome.report.valid)
    throw new DomainError("internal", `preference export of ${run.id} wrote invalid records`);
  const source: DatasetVersionSource = {
    kind: "evaluation_preferences",
    evaluation_run_id: run.id,
    targets: runTargets(run).map((t) => ({
      key: t.key,
      label: t.label,
      model_version_id: t.model_version_id,
      service_id: t.service_id,
      revision_id: t.revision_id,
    })),
    min_ratings: input.min_ratings,
    rated_prompts: prompts.length,
    left_out: prompts.length - records.length,
  };

  try {
    return await withTransaction(ctx, async (tx) => {
      let datasetId = existing?.id;
      if (!datasetId) {
        datasetId = newId("dataset");
        await tx.db.insert(d).values({
          id: datasetId,
          tenantId: run.tenantId,
          projectId: run.projectId,
          name: input.dataset_name!,
          description: `Preferences rated in side-by-side evaluation ${run.name ?? run.id}`,
          format: "preference",
          tags: [],
          createdBy: tx.principal.type === "user" ? tx.principal.userId : null,
          createdAt: tx.now(),
          updatedAt: tx.now(),
        });
      }
      const [locked] = await tx.db.select().from(d).where(eq(d.id, datasetId)).for("update");
      if (!locked) throw notFound("dataset");
      const versionId = await insertDatasetVersion(tx, locked, {
        files: [{ ...file, size: put.size, lines: outcome.report.rows.total, container: "jsonl" }],
        format: "preference",
        shape: "preference",
        mapping: null,
        report: outcome.report,
        reportSha256: null,
        keptValidOnly: false,
        droppedRows: 0,
        baseModelVersionId: null,
        maxLength: null,
        source: source as unknown as Record<string, unknown>,
        ...(existing ? {} : { saveOnDataset: { shape: "preference" as const, mapping: null } }),
      });
      const [{ number }] = (await tx.db
        .select({ number: sql<number>`${tables.datasetVersions.number}` })
        .from(tables.datasetVersions)
        .where(eq(tables.datasetVersions.id, versionId))) as [{ number: number }];
      const result: PreferenceExport = {
        dataset_id: datasetId,
        dataset_version_id: versionId,
        records: records.length,
      };
      await recordAudit(tx, {
        action: "evaluation.export_preferences",
        resourceType: "dataset_version",
        resourceId: versionId,
        tenantId: run.tenantId,
        projectId: run.projectId,
        after: { ...result, number, dataset_created: !existing, source },
      });
      return result;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(
        `a dataset named "${input.dataset_name}" already exists in this project (names ignore case); give its dataset_id to add a version to it`,
      );
    throw err;
  }
}

/** The dataset if it belongs to the run's project; any other (another project's, another tenant's) is not_found. */
async function datasetOfRun(ctx: ServiceContext, projectId: string, datasetId: string) {
  if (!DATASET_ID.test(datasetId)) throw notFound("dataset");
  const [row] = await ctx.db
    .select()
    .from(tables.datasets)
    .where(and(eq(tables.datasets.id, datasetId), eq(tables.datasets.projectId, projectId)));
  if (!row) throw notFound("dataset");
  return row;
}
