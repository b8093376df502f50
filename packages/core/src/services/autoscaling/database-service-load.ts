import { and, eq, gt, inArray, sql, tables } from "@infera/db";
import type { RevisionLoad, ServiceLoad, ServiceLoadSample } from "../../ports/service-load.js";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { withTransaction } from "../../shared/transaction.js";
import { requestReconcilePass } from "../replicas/request-reconcile-pass.js";

/** A sample older than this counts as no load: its gateway stopped reporting (it died or was stopped). */
export const LOAD_SAMPLE_FRESH_MS = 30_000;

/** Replaces the source's sample of the revision (one row per revision and source). */
export async function reportServiceLoad(ctx: ServiceContext, sample: ServiceLoadSample): Promise<void> {
  const l = tables.serviceLoadSamples;
  const row = {
    revisionId: sample.revisionId,
    source: sample.source,
    inFlight: Math.max(0, Math.round(sample.inFlight)),
    requestsPerSecond: Math.max(0, sample.requestsPerSecond),
    sampledAt: sample.at ?? ctx.now(),
  };
  await ctx.db
    .insert(l)
    .values(row)
    .onConflictDoUpdate({ target: [l.revisionId, l.source], set: row });
}

/** The revisions' load: the sum of the fresh samples of every source (none: zero). */
export async function readServiceLoad(
  ctx: ServiceContext,
  revisionIds: string[],
): Promise<Map<string, RevisionLoad>> {
  const out = new Map<string, RevisionLoad>(
    revisionIds.map((id) => [id, { inFlight: 0, requestsPerSecond: 0 }]),
  );
  if (!revisionIds.length) return out;
  const l = tables.serviceLoadSamples;
  const rows = await ctx.db
    .select({
      revisionId: l.revisionId,
      inFlight: sql<number>`coalesce(sum(${l.inFlight}), 0)::int`,
      requestsPerSecond: sql<number>`coalesce(sum(${l.requestsPerSecond}), 0)::float8`,
    })
    .from(l)
    .where(
      and(
        inArray(l.revisionId, revisionIds),
        gt(l.sampledAt, new Date(ctx.now().getTime() - LOAD_SAMPLE_FRESH_MS)),
      ),
    )
    .groupBy(l.revisionId);
  for (const r of rows)
    out.set(r.revisionId, { inFlight: Number(r.inFlight), requestsPerSecond: Number(r.requestsPerSecond) });
  return out;
}

/**
 * A request wants the revision. Unless a replica of it is ready, one replica is wanted at once
 * (`desired_replicas` at least 1), a cold start opens (timed from now to its replica's ready, unless
 * one is already open) and a replica manager pass is asked for, all in one transaction.
 */
export async function demandRevision(
  ctx: ServiceContext,
  revisionId: string,
): Promise<{ coldStart: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const r = tables.serviceRevisions;
    const [revision] = await tx.db.select({ id: r.id }).from(r).where(eq(r.id, revisionId));
    if (!revision) throw notFound("service revision");
    const now = tx.now();
    const a = tables.serviceAutoscaling;
    const p = tables.serviceReplicas;
    const [ready] = await tx.db
      .select({ id: p.id })
      .from(p)
      .where(and(eq(p.revisionId, revisionId), eq(p.state, "ready")))
      .limit(1);
    if (ready) {
      await tx.db
        .insert(a)
        .values({ revisionId, desiredReplicas: 1, lastDemandAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: a.revisionId, set: { lastDemandAt: now, updatedAt: now } });
      return { coldStart: false };
    }
    // The row is locked by the upsert, so a pass deciding this revision now waits for it and sees it.
    const [before] = await tx.db
      .select({ coldStartSince: a.coldStartSince })
      .from(a)
      .where(eq(a.revisionId, revisionId))
      .for("update");
    await tx.db
      .insert(a)
      .values({ revisionId, desiredReplicas: 1, lastDemandAt: now, coldStartSince: now, updatedAt: now })
      .onConflictDoUpdate({
        target: a.revisionId,
        set: {
          desiredReplicas: sql`greatest(${a.desiredReplicas}, 1)`,
          lowSince: null,
          lowPeak: null,
          lastDemandAt: now,
          coldStartSince: sql`coalesce(${a.coldStartSince}, ${now.toISOString()}::timestamptz)`,
          updatedAt: now,
        },
      });
    if (before?.coldStartSince) return { coldStart: false };
    await requestReconcilePass(tx);
    return { coldStart: true };
  });
}

/** The `ServiceLoad` port over the database, for callers in any process (the gateway, tests). */
export function databaseServiceLoad(ctx: ServiceContext): ServiceLoad {
  return {
    report: (sample) => reportServiceLoad(ctx, sample),
    current: async (revisionId) => (await readServiceLoad(ctx, [revisionId])).get(revisionId)!,
    demand: (revisionId) => demandRevision(ctx, revisionId),
  };
}
