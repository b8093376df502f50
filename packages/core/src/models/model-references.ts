import { eq, inArray, tables } from "@infera/db";
import { registerBlobReferenceKind } from "../blobs/blob-references.js";
import { registerHoldingKind } from "../projects/project-holdings.js";
import { registerReferenceKind } from "../references/reference-kinds.js";
import type { CoreRegistry } from "../shared/registry.js";

/** What models hold, reference and keep alive. */
export function registerModelKinds(registry: CoreRegistry): void {
  /** A project's models are listed when deleting it, and go with it on cascade. */
  registerHoldingKind(registry, {
    type: "model",
    async find(exec, projectId) {
      const rows = await exec
        .select({ id: tables.models.id, name: tables.models.name })
        .from(tables.models)
        .where(eq(tables.models.projectId, projectId))
        .orderBy(tables.models.createdAt, tables.models.id);
      return rows.map((r) => ({
        type: "model",
        id: r.id,
        name: r.name,
        project_id: projectId,
        href: `/api/v1/models/${r.id}`,
      }));
    },
    async remove(exec, projectId) {
      await exec.delete(tables.models).where(eq(tables.models.projectId, projectId));
    },
  });

  /** Version files keep their blobs from garbage collection. */
  registerBlobReferenceKind(registry, {
    type: "model_version_file",
    async referenced(exec, sha256s) {
      const rows = await exec
        .selectDistinct({ sha256: tables.modelVersionFiles.sha256 })
        .from(tables.modelVersionFiles)
        .where(inArray(tables.modelVersionFiles.sha256, [...sha256s]));
      return rows.map((r) => r.sha256);
    },
  });

  /** A version derived from another (fine-tune output, merge) references its base. */
  registerReferenceKind(registry, {
    type: "model_version",
    async find(exec, target) {
      if (target.type !== "model_version") return [];
      const v = tables.modelVersions;
      const rows = await exec
        .select({
          id: v.id,
          modelId: v.modelId,
          name: tables.models.name,
          projectId: tables.models.projectId,
        })
        .from(v)
        .innerJoin(tables.models, eq(tables.models.id, v.modelId))
        .where(eq(v.baseModelVersionId, target.id));
      return rows.map((r) => ({
        type: "model_version",
        id: r.id,
        name: `${r.name} ${r.id}`,
        project_id: r.projectId,
        href: `/api/v1/model-versions/${r.id}`,
      }));
    },
  });

  /** A tag pointing at a version references it. */
  registerReferenceKind(registry, {
    type: "model_tag",
    async find(exec, target) {
      if (target.type !== "model_version") return [];
      const t = tables.modelTags;
      const rows = await exec
        .select({
          modelId: t.modelId,
          tag: t.tag,
          name: tables.models.name,
          projectId: tables.models.projectId,
        })
        .from(t)
        .innerJoin(tables.models, eq(tables.models.id, t.modelId))
        .where(eq(t.versionId, target.id));
      return rows.map((r) => ({
        type: "model_tag",
        id: `${r.modelId}:${r.tag}`,
        name: `${r.name}:${r.tag}`,
        project_id: r.projectId,
        href: `/api/v1/models/${r.modelId}/tags/${encodeURIComponent(r.tag)}/history`,
      }));
    },
  });
}
