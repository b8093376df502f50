import { eq, sql, tables } from "@infera/db";
import { actorIdOf } from "../fine-tuning/job-access.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import type { ResolvedServiceConfig } from "./resolve-service-config.js";
import { recordRevisionTransition } from "./revision-state-machine.js";
import type { RevisionRow, ServiceRow } from "./service-access.js";

/** Until a replica manager places it, a new revision of an active service waits with this reason. */
export const AWAITING_PLACEMENT = "waiting for the replica manager to place it";

/**
 * A new immutable revision (the next number of the service, whose row the caller holds locked),
 * born `pending` for an active service and `inactive` for a stopped one, with its first timeline
 * entry. Its upstream key, if any, is sealed with the installation's secrets key.
 */
export async function insertRevision(
  tx: TxContext,
  service: ServiceRow,
  resolved: ResolvedServiceConfig,
  trafficPercent: number,
): Promise<RevisionRow> {
  const r = tables.serviceRevisions;
  const [last] = await tx.db
    .select({ n: sql<number>`coalesce(max(${r.number}), 0)::int` })
    .from(r)
    .where(eq(r.serviceId, service.id));
  const now = tx.now();
  const state = service.desiredState === "active" ? "pending" : "inactive";
  const [row] = await tx.db
    .insert(r)
    .values({
      id: newId("serviceRevision"),
      serviceId: service.id,
      tenantId: service.tenantId,
      projectId: service.projectId,
      number: Number(last?.n ?? 0) + 1,
      config: resolved.config as unknown as Record<string, unknown>,
      configHash: resolved.configHash,
      modelVersionId: resolved.modelVersionId,
      baseModelVersionId: resolved.baseModelVersionId,
      runtimeKind: resolved.runtimeKind,
      sealedApiKey: resolved.apiKey === null ? null : tx.secrets.seal(resolved.apiKey),
      trafficPercent,
      currentState: state,
      stateSince: now,
      waitReason: state === "pending" ? AWAITING_PLACEMENT : null,
      createdBy: actorIdOf(tx),
      createdAt: now,
    })
    .returning();
  await recordRevisionTransition(tx, {
    revisionId: row!.id,
    from: null,
    to: state,
    reason: "revision created",
    at: now,
  });
  return row!;
}
