import type { Dependant } from "@infera/contracts";
import { eq, or, type SQL, sql, tables } from "@infera/db";
import { registerHoldingKind } from "../projects/project-holdings.js";
import { registerReferenceKind } from "../references/reference-kinds.js";
import type { CoreRegistry } from "../shared/registry.js";

const r = tables.evaluationRuns;

function toDependant(row: { id: string; name: string | null; projectId: string; status: string }): Dependant {
  return {
    type: "evaluation_run",
    id: row.id,
    name: `${row.name ?? row.id} (${row.status})`,
    project_id: row.projectId,
    href: `/api/v1/evaluations/${row.id}`,
  };
}

const columns = { id: r.id, name: r.name, projectId: r.projectId, status: r.status };

/** Whether any stored target of the run names `field` = `id` (targets are a JSON array). */
const targetNames = (field: string, id: string) =>
  sql`${r.targets} @> ${JSON.stringify([{ [field]: id }])}::jsonb`;

/** What evaluation runs hold and reference. */
export function registerEvaluationKinds(registry: CoreRegistry): void {
  /** A project's runs are listed when deleting it, and go with it (samples included) on cascade. */
  registerHoldingKind(registry, {
    type: "evaluation_run",
    async find(exec, projectId) {
      const rows = await exec
        .select(columns)
        .from(r)
        .where(eq(r.projectId, projectId))
        .orderBy(r.createdAt, r.id);
      return rows.map(toDependant);
    },
    async remove(exec, projectId) {
      await exec.delete(r).where(eq(r.projectId, projectId));
    },
  });

  /**
   * Like a fine-tuning job, every run — finished or not — references the versions, dataset and
   * services it names: its report must stay readable and a rerun must find them. Delete the run first.
   */
  registerReferenceKind(registry, {
    type: "evaluation_run",
    async find(exec, target) {
      let where: SQL | undefined;
      if (target.type === "dataset_version") where = eq(r.datasetVersionId, target.id);
      else if (target.type === "dataset") where = eq(r.datasetId, target.id);
      else if (target.type === "model_version") where = targetNames("model_version_id", target.id);
      else if (target.type === "service")
        where = or(
          targetNames("service_id", target.id),
          sql`${r.config} -> 'metrics' @> ${JSON.stringify([{ judge_service_id: target.id }])}::jsonb`,
        );
      else return [];
      const rows = await exec.select(columns).from(r).where(where).orderBy(r.createdAt, r.id);
      return rows.map(toDependant);
    },
  });
}
