import type { Dependant } from "@infera/contracts";
import { eq, or, tables } from "@infera/db";
import { registerHoldingKind } from "../projects/project-holdings.js";
import { registerReferenceKind } from "../references/reference-kinds.js";
import type { CoreRegistry } from "../shared/registry.js";

const s = tables.services;
const r = tables.serviceRevisions;

const serviceDependant = (row: { id: string; name: string; projectId: string }): Dependant => ({
  type: "service",
  id: row.id,
  name: row.name,
  project_id: row.projectId,
  href: `/api/v1/services/${row.id}`,
});

/** What services hold and reference. */
export function registerServiceKinds(registry: CoreRegistry): void {
  /** A project's services are listed when deleting it, and go with it (revisions, timelines, events) on cascade. */
  registerHoldingKind(registry, {
    type: "service",
    async find(exec, projectId) {
      const rows = await exec
        .select({ id: s.id, name: s.name, projectId: s.projectId })
        .from(s)
        .where(eq(s.projectId, projectId))
        .orderBy(s.createdAt, s.id);
      return rows.map(serviceDependant);
    },
    async remove(exec, projectId) {
      await exec.delete(s).where(eq(s.projectId, projectId));
    },
  });

  /**
   * Every revision, serving or not, references the model version it runs (and an adapter's base):
   * an immutable revision must keep meaning what it meant, and a rollback must find its model.
   * Delete the service first.
   */
  registerReferenceKind(registry, {
    type: "service_revision",
    async find(exec, target) {
      if (target.type !== "model_version") return [];
      const rows = await exec
        .select({ id: r.id, number: r.number, serviceId: s.id, name: s.name, projectId: s.projectId })
        .from(r)
        .innerJoin(s, eq(s.id, r.serviceId))
        .where(or(eq(r.modelVersionId, target.id), eq(r.baseModelVersionId, target.id)))
        .orderBy(r.createdAt, r.id);
      return rows.map((x) => ({
        type: "service_revision",
        id: x.id,
        name: `${x.name} revision ${x.number}`,
        project_id: x.projectId,
        href: `/api/v1/service-revisions/${x.id}`,
      }));
    },
  });
}
