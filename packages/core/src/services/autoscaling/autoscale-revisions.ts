import type { ServiceRevisionConfig } from "@infera/contracts";
import { and, eq, gt, inArray, ne, notInArray, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { recordServiceEvent } from "../record-service-event.js";
import { closeColdStarts } from "./close-cold-starts.js";
import { readServiceLoad } from "./database-service-load.js";
import { type AutoscaleDecision, decideReplicas } from "./decide-replicas.js";

const EVENT = { up: "scaled_up", down: "scaled_down", zero: "scaled_to_zero" } as const;

/**
 * The autoscaler's step of a replica manager pass (decision 0028), before the pass plans: for every
 * llama.cpp revision that wants replicas (active service, traffic > 0, not failed) it reads the
 * load the gateway reported, decides the replica count (`decideReplicas`) under a lock of the
 * revision's row (a demand arriving meanwhile waits and is not lost), writes it to
 * `service_autoscaling.desired_replicas` (which `planReplicaPass` reads) and records `scaled_up`,
 * `scaled_down` or `scaled_to_zero`. Revisions that no longer want replicas lose their row, so a
 * service started again begins afresh. Cold starts whose replica is ready are closed.
 */
export async function autoscaleRevisions({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const r = tables.serviceRevisions;
  const s = tables.services;
  const a = tables.serviceAutoscaling;
  const revisions = await ctx.db
    .select({ id: r.id, serviceId: r.serviceId, number: r.number, config: r.config })
    .from(r)
    .innerJoin(s, eq(s.id, r.serviceId))
    .where(
      and(
        eq(r.runtimeKind, "llama.cpp"),
        ne(r.currentState, "failed"),
        gt(r.trafficPercent, 0),
        eq(s.desiredState, "active"),
      ),
    );
  const ids = revisions.map((x) => x.id);
  await ctx.db.delete(a).where(ids.length ? notInArray(a.revisionId, ids) : undefined);
  const loads = await readServiceLoad(ctx, ids);
  const p = tables.serviceReplicas;
  const ready = new Map(
    (ids.length
      ? await ctx.db
          .select({ revisionId: p.revisionId, n: sql<number>`count(*)::int` })
          .from(p)
          .where(and(inArray(p.revisionId, ids), eq(p.state, "ready")))
          .groupBy(p.revisionId)
      : []
    ).map((x) => [x.revisionId, Number(x.n)]),
  );
  for (const revision of revisions) {
    const autoscaling = (revision.config as ServiceRevisionConfig).autoscaling;
    const load = loads.get(revision.id)!;
    await withTransaction(ctx, async (tx) => {
      const [memory] = await tx.db.select().from(a).where(eq(a.revisionId, revision.id)).for("update");
      const now = tx.now();
      const decision: AutoscaleDecision = decideReplicas({
        autoscaling,
        memory: memory
          ? {
              desired: memory.desiredReplicas,
              lowSince: memory.lowSince,
              lowPeak: memory.lowPeak,
              lastDemandAt: memory.lastDemandAt,
            }
          : null,
        load,
        coldStartOpen: memory?.coldStartSince != null,
        readyReplicas: ready.get(revision.id) ?? 0,
        now,
      });
      const row = {
        desiredReplicas: decision.desired,
        lowSince: decision.lowSince,
        lowPeak: decision.lowPeak,
        lastScaleAt: decision.change ? now : (memory?.lastScaleAt ?? null),
        updatedAt: now,
      };
      // Two workers' passes may meet a new revision at once: the first row wins (their first
      // decisions are the same), the other insert does nothing instead of failing the pass.
      if (!memory)
        await tx.db
          .insert(a)
          .values({ revisionId: revision.id, ...row })
          .onConflictDoNothing();
      else if (
        memory.desiredReplicas !== row.desiredReplicas ||
        memory.lowSince?.getTime() !== row.lowSince?.getTime() ||
        memory.lowPeak !== row.lowPeak
      )
        await tx.db.update(a).set(row).where(eq(a.revisionId, revision.id));
      if (!decision.change || !memory) return;
      const metric =
        autoscaling.metric === "qps" ? `${load.requestsPerSecond} req/s` : `${load.inFlight} in flight`;
      const message =
        decision.change === "zero"
          ? `revision ${revision.number} scaled to zero: no load for ${autoscaling.scale_down_delay_seconds} s`
          : `revision ${revision.number} scaled ${decision.change} from ${memory.desiredReplicas} to ${decision.desired} replicas (${metric}, target ${autoscaling.target} a replica)`;
      await recordServiceEvent(tx, {
        serviceId: revision.serviceId,
        revisionId: revision.id,
        type: EVENT[decision.change],
        message,
        data: {
          from: memory.desiredReplicas,
          to: decision.desired,
          metric: autoscaling.metric,
          in_flight: load.inFlight,
          requests_per_second: load.requestsPerSecond,
        },
        at: now,
      });
    });
  }
  await closeColdStarts({ ctx });
}
