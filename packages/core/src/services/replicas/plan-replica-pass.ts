import type { ServiceRevisionConfig, ServiceRevisionState } from "@infera/contracts";
import { and, eq, gt, inArray, ne, or, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

export type ReplicaRow = typeof tables.serviceReplicas.$inferSelect;

/** A GGUF file of a model version, by digest in the blob store. */
export interface ReplicaModelFile {
  sha256: string;
  size: number;
  path: string;
}

/** A llama.cpp revision as the replica manager sees it: how many replicas it wants and what they load. */
export interface ReplicaTarget {
  revisionId: string;
  serviceId: string;
  serviceName: string;
  number: number;
  state: ServiceRevisionState;
  serviceActive: boolean;
  /** 0 unless its service is active and it carries traffic; then what the autoscaler decided (its min replicas, at least 1, before it has). */
  desired: number;
  trafficPercent: number;
  /** Where a replica fits: its resource class and GPU count (the placement pass reads them). */
  resources: { resourceClass: string; gpuCount: number };
  runtime: { contextSize: number; threads: number | null; parallel: number };
  /** The GGUF to load: the version's own, or its base's for an adapter (loaded by a node's pass only). */
  model: ReplicaModelFile | null;
  /** The adapter's GGUF, applied on the base. */
  adapter: ReplicaModelFile | null;
}

/** How many replicas a revision wants: none unless its service is active and it has traffic; then the autoscaler's count (decision 0028). */
function desiredReplicas(
  serviceActive: boolean,
  trafficPercent: number,
  config: ServiceRevisionConfig,
  autoscaled: number | null,
): number {
  if (!serviceActive || trafficPercent <= 0) return 0;
  return autoscaled ?? Math.max(1, config.autoscaling.min_replicas);
}

async function ggufOf(ctx: ServiceContext, versionId: string): Promise<ReplicaModelFile | null> {
  const f = tables.modelVersionFiles;
  const [file] = await ctx.db
    .select({ sha256: f.sha256, size: f.size, path: f.path })
    .from(f)
    .where(and(eq(f.versionId, versionId), eq(f.kind, "gguf")))
    .orderBy(f.path)
    .limit(1);
  return file ?? null;
}

/**
 * The replica manager's view (the platform's own read, across tenants): every llama.cpp revision
 * that is not failed (nor inactive and unwanted) with its desired replica count, and the replicas
 * that are not stopped — of one node (`nodeId`: its pass, which also gets the model files of the
 * revisions it has replicas of) or of every node (`nodeId: null`: the placement pass, no files).
 */
export async function planReplicaPass({
  ctx,
  nodeId,
}: {
  ctx: ServiceContext;
  nodeId: string | null;
}): Promise<{ targets: ReplicaTarget[]; replicas: ReplicaRow[] }> {
  const p = tables.serviceReplicas;
  const replicas = await ctx.db
    .select()
    .from(p)
    .where(
      and(
        nodeId === null ? undefined : eq(p.nodeId, nodeId),
        inArray(p.state, ["pending", "starting", "ready", "stopping"]),
      ),
    )
    .orderBy(p.createdAt, p.id);
  // Only a node's pass loads files, and only of the revisions it runs or is about to.
  const needFiles = new Set(nodeId === null ? [] : replicas.map((x) => x.revisionId));
  const r = tables.serviceRevisions;
  const s = tables.services;
  const rows = await ctx.db
    .select({
      revision: r,
      serviceName: s.name,
      desiredState: s.desiredState,
      autoscaled: tables.serviceAutoscaling.desiredReplicas,
    })
    .from(r)
    .innerJoin(s, eq(s.id, r.serviceId))
    .leftJoin(tables.serviceAutoscaling, eq(tables.serviceAutoscaling.revisionId, r.id))
    .where(
      and(
        eq(r.runtimeKind, "llama.cpp"),
        ne(r.currentState, "failed"),
        // Inactive revisions that nothing wants back are left out: the list stays the size of what runs.
        or(ne(r.currentState, "inactive"), and(gt(r.trafficPercent, 0), eq(s.desiredState, "active"))),
      ),
    )
    .orderBy(r.createdAt, r.id);
  const targets: ReplicaTarget[] = [];
  for (const { revision, serviceName, desiredState, autoscaled } of rows) {
    const config = revision.config as ServiceRevisionConfig;
    const desired = desiredReplicas(desiredState === "active", revision.trafficPercent, config, autoscaled);
    const runtime = config.runtime.kind === "llama.cpp" ? config.runtime : null;
    const baseId = revision.baseModelVersionId;
    const files = needFiles.has(revision.id);
    targets.push({
      revisionId: revision.id,
      serviceId: revision.serviceId,
      serviceName,
      serviceActive: desiredState === "active",
      number: revision.number,
      state: revision.currentState,
      desired,
      trafficPercent: revision.trafficPercent,
      resources: {
        resourceClass: config.resources?.resource_class ?? "cpu-2",
        gpuCount: config.resources?.gpu_count ?? 0,
      },
      runtime: {
        contextSize: runtime?.context_size ?? 4096,
        threads: runtime?.threads ?? null,
        parallel: runtime?.parallel ?? 1,
      },
      model: files ? await ggufOf(ctx, baseId ?? revision.modelVersionId) : null,
      adapter: files && baseId ? await ggufOf(ctx, revision.modelVersionId) : null,
    });
  }
  return { targets, replicas };
}
