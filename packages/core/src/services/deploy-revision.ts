import type { DeployRevisionInput, ServiceRevision } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import { withTransaction } from "../shared/transaction.js";
import { applyTraffic, currentSplit } from "./apply-traffic.js";
import { insertRevision } from "./insert-revision.js";
import { recordServiceEvent } from "./record-service-event.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { type ResolvedServiceConfig, resolveServiceConfig } from "./resolve-service-config.js";
import { authorizeService, type RevisionRow, type ServiceRow, toRevision } from "./service-access.js";
import { canarySplit } from "./traffic-split.js";

/**
 * Decision 0020: a configuration identical to one of the service's revisions (same config_hash, and
 * the same upstream key) is refused with 409 and that revision's id; moving traffic back to it is
 * what `PUT …/traffic` and rollback do. Revisions stay one per configuration.
 */
async function refuseNoChange(tx: TxContext, service: ServiceRow, resolved: ResolvedServiceConfig) {
  const r = tables.serviceRevisions;
  const same = await tx.db
    .select()
    .from(r)
    .where(and(eq(r.serviceId, service.id), eq(r.configHash, resolved.configHash)));
  const match = same.find((rev: RevisionRow) => {
    if (rev.sealedApiKey === null || resolved.apiKey === null) return rev.sealedApiKey === resolved.apiKey;
    return tx.secrets.open(rev.sealedApiKey) === resolved.apiKey;
  });
  if (match)
    throw conflict(
      `nothing changed: revision ${match.number} (${match.id}) has this configuration already; move traffic to it instead`,
      { reason: "no_change", revision_id: match.id, config_hash: match.configHash },
    );
}

/**
 * A new configuration is a new immutable revision with its config_hash. Strategy full gives it
 * 100% of the traffic, none 0%, canary `weight`% taken from the current split in proportion.
 */
export async function deployRevision({
  ctx,
  serviceId,
  input,
}: {
  ctx: ServiceContext;
  serviceId: string;
  input: DeployRevisionInput;
}): Promise<ServiceRevision> {
  return withTransaction(ctx, async (tx) => {
    // Replicas follow the change: the replica manager runs a pass once this commits.
    await requestReconcilePass(tx);
    const { service } = await authorizeService(tx, "service.revision.deploy", serviceId, { forUpdate: true });
    const resolved = await resolveServiceConfig(tx, {
      tenantId: service.tenantId,
      projectId: service.projectId,
      env: service.env,
      config: input.config,
    });
    await refuseNoChange(tx, service, resolved);
    const before = await currentSplit(tx, serviceId);
    const current = before.map((s) => ({ revisionId: s.revision_id, percent: s.percent }));
    const revision = await insertRevision(tx, service, resolved, 0);
    let shares = current;
    if (input.strategy === "full") shares = [{ revisionId: revision.id, percent: 100 }];
    if (input.strategy === "canary") {
      const split = canarySplit(current, revision.id, input.weight!);
      if (!split)
        throw conflict(
          "no revision carries traffic, so there is nothing to canary against: deploy with strategy full",
          {
            field: "strategy",
          },
        );
      shares = split;
    }
    const after = await applyTraffic(tx, serviceId, shares);
    const [stored] = await tx.db
      .select()
      .from(tables.serviceRevisions)
      .where(eq(tables.serviceRevisions.id, revision.id));
    const shown = toRevision(stored!);
    await recordServiceEvent(tx, {
      serviceId,
      revisionId: shown.id,
      type: "deployed",
      message: `revision ${shown.number} deployed (${input.strategy}, ${shown.traffic_percent}% of traffic)`,
      data: {
        strategy: input.strategy,
        weight: input.weight ?? null,
        config_hash: shown.config_hash,
        traffic: after,
      },
    });
    await recordAudit(tx, {
      action: "service.revision.deploy",
      resourceType: "service_revision",
      resourceId: shown.id,
      tenantId: service.tenantId,
      projectId: service.projectId,
      before: { service_id: serviceId, traffic: before },
      after: { revision: shown, strategy: input.strategy, traffic: after },
    });
    return shown;
  });
}
