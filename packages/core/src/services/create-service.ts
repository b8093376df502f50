import type { CreateServiceInput, ServiceDetail } from "@infera/contracts";
import { and, eq, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { actorIdOf } from "../fine-tuning/job-access.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { insertRevision } from "./insert-revision.js";
import { recordServiceEvent } from "./record-service-event.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { resolveServiceConfig } from "./resolve-service-config.js";
import { loadServiceDetail } from "./service-view.js";

const taken = (name: string) =>
  conflict(`a service named "${name}" already exists in this project`, { field: "name" });

/**
 * Creates a service (desired state active) and its revision 1 from the configuration, which takes
 * 100% of the traffic (strategy full) or none (strategy none). The model is stored as the version the
 * tag resolved to.
 */
export async function createService({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateServiceInput;
}): Promise<ServiceDetail> {
  await authorize(ctx, "service.create", { projectId });
  try {
    return await withTransaction(ctx, async (tx) => {
      // Replicas follow the change: the replica manager runs a pass once this commits.
      await requestReconcilePass(tx);
      const [project] = await tx.db
        .select({ tenantId: tables.projects.tenantId, env: tables.projects.env })
        .from(tables.projects)
        .where(eq(tables.projects.id, projectId));
      if (!project) throw notFound("project");
      const [existing] = await tx.db
        .select({ id: tables.services.id })
        .from(tables.services)
        .where(and(eq(tables.services.projectId, projectId), eq(tables.services.name, input.name)));
      if (existing) throw taken(input.name);
      const env = input.env ?? project.env;
      const resolved = await resolveServiceConfig(tx, {
        tenantId: project.tenantId,
        projectId,
        env,
        config: input.config,
      });
      const now = tx.now();
      const [service] = await tx.db
        .insert(tables.services)
        .values({
          id: newId("service"),
          tenantId: project.tenantId,
          projectId,
          name: input.name,
          description: input.description,
          env,
          exposure: input.exposure,
          ipAllowList: input.ip_allow_list,
          desiredState: "active",
          currentState: "pending",
          createdBy: actorIdOf(tx),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const revision = await insertRevision(tx, service!, resolved, input.strategy === "full" ? 100 : 0);
      await recordServiceEvent(tx, {
        serviceId: service!.id,
        revisionId: revision.id,
        type: "created",
        message: `service created with revision 1 (${input.strategy === "full" ? "100%" : "0%"} of traffic)`,
        data: { strategy: input.strategy, config_hash: revision.configHash },
      });
      const detail = await loadServiceDetail(tx, service!);
      await recordAudit(tx, {
        action: "service.create",
        resourceType: "service",
        resourceId: service!.id,
        tenantId: project.tenantId,
        projectId,
        after: detail,
      });
      return detail;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(input.name);
    throw err;
  }
}
