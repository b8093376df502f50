import type { Dependant } from "@infera/contracts";
import { and, eq, inArray, or, type SQL, tables } from "@infera/db";
import { registerBlobReferenceKind } from "../blobs/blob-references.js";
import { registerHoldingKind } from "../projects/project-holdings.js";
import { registerReferenceKind } from "../references/reference-kinds.js";
import type { CoreRegistry } from "../shared/registry.js";

const j = tables.fineTuneJobs;

function toDependant(r: { id: string; name: string | null; projectId: string; status: string }): Dependant {
  return {
    type: "fine_tune_job",
    id: r.id,
    name: `${r.name ?? r.id} (${r.status})`,
    project_id: r.projectId,
    href: `/api/v1/fine-tuning/jobs/${r.id}`,
  };
}

const columns = { id: j.id, name: j.name, projectId: j.projectId, status: j.status };

/** What fine-tuning jobs hold and reference. */
export function registerFineTuningKinds(registry: CoreRegistry): void {
  /** A project's jobs are listed when deleting it, and go with it (timelines included) on cascade. */
  registerHoldingKind(registry, {
    type: "fine_tune_job",
    async find(exec, projectId) {
      const rows = await exec
        .select(columns)
        .from(j)
        .where(eq(j.projectId, projectId))
        .orderBy(j.createdAt, j.id);
      return rows.map(toDependant);
    },
    async remove(exec, projectId) {
      await exec.delete(j).where(eq(j.projectId, projectId));
    },
  });

  /**
   * Every job, finished or not, references the versions it trains on: its record must stay readable
   * and a retry must find them. Delete the job first. A job waiting to add a version to a model also
   * holds that model.
   */
  registerReferenceKind(registry, {
    type: "fine_tune_job",
    async find(exec, target) {
      let where: SQL | undefined;
      if (target.type === "dataset_version")
        where = or(eq(j.datasetVersionId, target.id), eq(j.validationDatasetVersionId, target.id));
      else if (target.type === "model_version") where = eq(j.baseModelVersionId, target.id);
      else if (target.type === "model")
        where = and(
          eq(j.outputModelId, target.id),
          inArray(j.status, ["queued", "starting", "running", "canceling"]),
        );
      else if (target.type === "dataset") where = eq(j.datasetId, target.id);
      else return [];
      const rows = await exec.select(columns).from(j).where(where).orderBy(j.createdAt, j.id);
      return rows.map(toDependant);
    },
  });

  /**
   * A checkpoint stored in the blob store keeps its files until retention removes the job's
   * workspace (or the job is deleted) and its rows go. Files put while a copy is still `uploading`
   * are not listed yet: they are younger than the collection's grace period.
   */
  registerBlobReferenceKind(registry, {
    type: "fine_tune_checkpoint",
    async referenced(exec, sha256s) {
      const f = tables.fineTuneCheckpointFiles;
      const rows = await exec
        .selectDistinct({ sha256: f.sha256 })
        .from(f)
        .where(inArray(f.sha256, [...sha256s]));
      return rows.map((r) => r.sha256);
    },
  });
}
