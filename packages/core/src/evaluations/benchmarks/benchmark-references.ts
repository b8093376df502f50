import type { Dependant } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { registerReferenceKind } from "../../references/reference-kinds.js";
import type { CoreRegistry } from "../../shared/registry.js";

const b = tables.evaluationBenchmarks;

function toDependant(row: { id: string; name: string; projectId: string }): Dependant {
  return {
    type: "evaluation_benchmark",
    id: row.id,
    name: row.name,
    project_id: row.projectId,
    href: `/api/v1/evaluation-benchmarks/${row.id}`,
  };
}

/**
 * A benchmark references the dataset it reads and the version it pins: deleting either would leave
 * runs made from it with nothing to read. Delete the benchmark, or unpin the version, first.
 */
export function registerBenchmarkKinds(registry: CoreRegistry): void {
  registerReferenceKind(registry, {
    type: "evaluation_benchmark",
    async find(exec, target) {
      const where =
        target.type === "dataset_version"
          ? eq(b.datasetVersionId, target.id)
          : target.type === "dataset"
            ? eq(b.datasetId, target.id)
            : undefined;
      if (!where) return [];
      const rows = await exec
        .select({ id: b.id, name: b.name, projectId: b.projectId })
        .from(b)
        .where(where)
        .orderBy(b.createdAt, b.id);
      return rows.map(toDependant);
    },
  });
}
