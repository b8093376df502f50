import { and, eq, gt, inArray, tables } from "@infera/db";
import { registerBlobReferenceKind } from "../blobs/blob-references.js";
import { registerHoldingKind } from "../projects/project-holdings.js";
import { registerReferenceKind } from "../references/reference-kinds.js";
import type { CoreRegistry } from "../shared/registry.js";

/** What datasets hold, reference and keep alive. */
export function registerDatasetKinds(registry: CoreRegistry): void {
  /** A project's datasets are listed when deleting it, and go with it on cascade. */
  registerHoldingKind(registry, {
    type: "dataset",
    async find(exec, projectId) {
      const rows = await exec
        .select({ id: tables.datasets.id, name: tables.datasets.name })
        .from(tables.datasets)
        .where(eq(tables.datasets.projectId, projectId))
        .orderBy(tables.datasets.createdAt, tables.datasets.id);
      return rows.map((r) => ({
        type: "dataset",
        id: r.id,
        name: r.name,
        project_id: projectId,
        href: `/api/v1/datasets/${r.id}`,
      }));
    },
    async remove(exec, projectId) {
      await exec.delete(tables.datasets).where(eq(tables.datasets.projectId, projectId));
    },
  });

  /** Version files and reports keep their blobs; so do validation reports until their run expires. */
  registerBlobReferenceKind(registry, {
    type: "dataset_version_file",
    async referenced(exec, sha256s) {
      const list = [...sha256s];
      const files = await exec
        .selectDistinct({ sha256: tables.datasetVersionFiles.sha256 })
        .from(tables.datasetVersionFiles)
        .where(inArray(tables.datasetVersionFiles.sha256, list));
      const reports = await exec
        .selectDistinct({ sha256: tables.datasetVersions.reportSha256 })
        .from(tables.datasetVersions)
        .where(inArray(tables.datasetVersions.reportSha256, list));
      const runs = await exec
        .selectDistinct({ sha256: tables.datasetValidationRuns.reportSha256 })
        .from(tables.datasetValidationRuns)
        .where(
          and(
            inArray(tables.datasetValidationRuns.reportSha256, list),
            gt(tables.datasetValidationRuns.expiresAt, new Date()),
          ),
        );
      return [...files, ...reports, ...runs].map((r) => r.sha256!).filter(Boolean);
    },
  });

  /**
   * A split part references the version it was cut from: the lineage must stay readable, so the
   * parent cannot be deleted while its parts exist.
   */
  registerReferenceKind(registry, {
    type: "dataset_version",
    async find(exec, target) {
      if (target.type !== "dataset_version") return [];
      const v = tables.datasetVersions;
      const rows = await exec
        .select({
          id: v.id,
          number: v.number,
          role: v.splitRole,
          name: tables.datasets.name,
          projectId: tables.datasets.projectId,
        })
        .from(v)
        .innerJoin(tables.datasets, eq(tables.datasets.id, v.datasetId))
        .where(eq(v.parentVersionId, target.id));
      return rows.map((r) => ({
        type: "dataset_version",
        id: r.id,
        name: `${r.name} v${r.number}${r.role ? ` (${r.role})` : ""}`,
        project_id: r.projectId,
        href: `/api/v1/dataset-versions/${r.id}`,
      }));
    },
  });
}
