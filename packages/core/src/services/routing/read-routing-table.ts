import type { ServiceRevisionConfig } from "@infera/contracts";
import { eq, gt, inArray, or, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

/** A ready replica of a llama.cpp revision, as a gateway dials it: its node's address and its port. */
export interface RoutableReplica {
  id: string;
  host: string;
  port: number;
}

export interface RoutableRevision {
  id: string;
  number: number;
  trafficPercent: number;
  currentState: string;
  runtimeKind: string;
  modelVersionId: string;
  /** Its resource class's name: what a call is priced by when its model version has no token price. */
  resourceClass: string | null;
  /** openai-compatible: the upstream's base URL, its model name (absent: the service's), and its key opened. */
  upstream: { baseUrl: string; model: string | null; apiKey: string | null } | null;
  replicas: RoutableReplica[];
}

export interface RoutableService {
  id: string;
  tenantId: string;
  projectId: string;
  name: string;
  desiredState: "active" | "inactive";
  createdAt: Date;
  revisions: RoutableRevision[];
}

/**
 * What the gateway routes on, in one read: every service with the revisions that carry traffic or
 * still have ready replicas (a pinned call may reach those), each with its ready replicas' addresses.
 * Read by the gateway's cache about once a second while traffic flows (decision 0036), never per call.
 * Upstream keys of openai-compatible revisions are opened here so the hot path never unseals.
 */
export async function readRoutingTable(ctx: ServiceContext): Promise<RoutableService[]> {
  const s = tables.services;
  const r = tables.serviceRevisions;
  const p = tables.serviceReplicas;
  const n = tables.nodes;
  const [services, revisions, replicas] = await Promise.all([
    ctx.db
      .select({
        id: s.id,
        tenantId: s.tenantId,
        projectId: s.projectId,
        name: s.name,
        desiredState: s.desiredState,
        createdAt: s.createdAt,
      })
      .from(s),
    ctx.db
      .select({
        id: r.id,
        serviceId: r.serviceId,
        number: r.number,
        trafficPercent: r.trafficPercent,
        currentState: r.currentState,
        runtimeKind: r.runtimeKind,
        modelVersionId: r.modelVersionId,
        config: r.config,
        sealedApiKey: r.sealedApiKey,
      })
      .from(r)
      .where(or(gt(r.trafficPercent, 0), inArray(r.currentState, ["starting", "ready"]))),
    ctx.db
      .select({ id: p.id, revisionId: p.revisionId, port: p.port, host: n.address })
      .from(p)
      .innerJoin(n, eq(n.id, p.nodeId))
      .where(eq(p.state, "ready")),
  ]);
  const replicasOf = new Map<string, RoutableReplica[]>();
  for (const replica of replicas) {
    if (replica.port === null) continue;
    const list = replicasOf.get(replica.revisionId) ?? [];
    list.push({ id: replica.id, host: replica.host, port: replica.port });
    replicasOf.set(replica.revisionId, list);
  }
  const revisionsOf = new Map<string, RoutableRevision[]>();
  for (const revision of revisions) {
    const config = revision.config as ServiceRevisionConfig;
    const list = revisionsOf.get(revision.serviceId) ?? [];
    list.push({
      id: revision.id,
      number: revision.number,
      trafficPercent: revision.trafficPercent,
      currentState: revision.currentState,
      runtimeKind: revision.runtimeKind,
      modelVersionId: revision.modelVersionId,
      resourceClass: config.resources?.resource_class ?? null,
      upstream:
        revision.runtimeKind === "openai-compatible"
          ? {
              baseUrl: config.runtime.base_url ?? "",
              model: config.runtime.upstream_model ?? null,
              apiKey: revision.sealedApiKey ? ctx.secrets.open(revision.sealedApiKey) : null,
            }
          : null,
      replicas: replicasOf.get(revision.id) ?? [],
    });
    revisionsOf.set(revision.serviceId, list);
  }
  return services.map((service) => ({
    ...service,
    revisions: (revisionsOf.get(service.id) ?? []).sort((a, b) => a.number - b.number),
  }));
}
