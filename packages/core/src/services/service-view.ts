import type {
  Service,
  ServiceDetail,
  ServiceReplica,
  ServiceRevisionDetail,
  ServiceRevisionState,
} from "@infera/contracts";
import { and, asc, eq, inArray, ne, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { type RevisionRow, revisionsOf, type ServiceRow, toRevision } from "./service-access.js";

/**
 * The revision that stands for the service (its state, model and runtime in the list): the one
 * carrying the most traffic, the newest of equals; the newest when none carries any.
 */
export function servingRevision(revisions: RevisionRow[]): RevisionRow | null {
  let best: RevisionRow | null = null;
  for (const r of revisions)
    if (
      !best ||
      r.trafficPercent > best.trafficPercent ||
      (r.trafficPercent === best.trafficPercent && r.number > best.number)
    )
      best = r;
  return best;
}

export function toService(row: ServiceRow, revisions: RevisionRow[]): Service {
  const serving = servingRevision(revisions);
  return {
    id: row.id,
    tenant_id: row.tenantId,
    project_id: row.projectId,
    name: row.name,
    description: row.description,
    env: row.env,
    exposure: row.exposure,
    ip_allow_list: row.ipAllowList,
    desired_state: row.desiredState,
    current_state: row.currentState,
    current_revision_id: serving?.id ?? null,
    model_version_id: serving?.modelVersionId ?? null,
    runtime: (serving?.runtimeKind as Service["runtime"]) ?? null,
    traffic: revisions
      .filter((r) => r.trafficPercent > 0)
      .sort((a, b) => b.trafficPercent - a.trafficPercent || b.number - a.number)
      .map((r) => ({ revision_id: r.id, percent: r.trafficPercent })),
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

type TransitionRow = typeof tables.serviceRevisionTransitions.$inferSelect;

/** Each state in order, from the revision's timeline, with how long it lasted (up to `now` for the last). */
export function stateDurations(transitions: TransitionRow[], now: Date): ServiceRevisionDetail["durations"] {
  return transitions.map((t, i) => {
    const next = transitions[i + 1];
    const end = next ? next.at : now;
    return {
      state: t.toState as ServiceRevisionState,
      entered_at: t.at.toISOString(),
      left_at: next ? next.at.toISOString() : null,
      seconds: Math.max(0, (end.getTime() - t.at.getTime()) / 1000),
    };
  });
}

/** Revisions with their timelines, for the detail and revision views. */
export async function withDurations(
  ctx: ServiceContext,
  revisions: RevisionRow[],
): Promise<ServiceRevisionDetail[]> {
  if (!revisions.length) return [];
  const t = tables.serviceRevisionTransitions;
  const rows = await ctx.db
    .select()
    .from(t)
    .where(
      inArray(
        t.revisionId,
        revisions.map((r) => r.id),
      ),
    )
    .orderBy(asc(t.revisionId), asc(t.seq));
  const now = ctx.now();
  return revisions.map((r) => ({
    ...toRevision(r),
    durations: stateDurations(
      rows.filter((x) => x.revisionId === r.id),
      now,
    ),
  }));
}

/** Its replicas that are not stopped; pid and port only with `internals` (admins: they are the node's, not the caller's). */
async function replicasOf(
  ctx: ServiceContext,
  serviceId: string,
  internals: boolean,
): Promise<ServiceReplica[]> {
  const p = tables.serviceReplicas;
  const rows = await ctx.db
    .select()
    .from(p)
    .where(and(eq(p.serviceId, serviceId), ne(p.state, "stopped")))
    .orderBy(asc(p.createdAt), asc(p.id));
  return rows.map((r) => ({
    id: r.id,
    revision_id: r.revisionId,
    node_id: r.nodeId,
    state: r.state,
    started_at: r.startedAt?.toISOString() ?? null,
    ready_at: r.readyAt?.toISOString() ?? null,
    last_error: r.lastError,
    restart_count: r.restartCount,
    restart_at: r.restartAt?.toISOString() ?? null,
    pid: internals ? r.pid : null,
    port: internals ? r.port : null,
  }));
}

export async function loadServiceDetail(
  ctx: ServiceContext,
  row: ServiceRow,
  opts: { internals?: boolean } = {},
): Promise<ServiceDetail> {
  const revisions = await revisionsOf(ctx, row.id);
  return {
    ...toService(row, revisions),
    revisions: await withDurations(ctx, revisions),
    replicas: await replicasOf(ctx, row.id, opts.internals ?? false),
  };
}
