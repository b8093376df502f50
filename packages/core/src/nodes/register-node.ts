import { type NodeGpuRow, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { newId } from "../shared/ids.js";

export interface NodeRegistration {
  /** Stable per machine (INFERA_NODE_NAME, default the hostname). */
  name: string;
  roles: readonly string[];
  cpus: number;
  memoryBytes: number;
  gpus: readonly NodeGpuRow[];
  version: string;
  labels?: Record<string, string>;
  /** Service replicas it runs at most (INFERA_MAX_REPLICAS; 0 or absent: none). */
  maxReplicas?: number;
  /** Where gateways reach its replicas (INFERA_NODE_ADDRESS; absent: 127.0.0.1). */
  address?: string;
}

/**
 * A worker's node says it is here, at the worker's start: created on its first start, updated (size,
 * GPUs, version, started_at) on every later one. Keyed by name, so a restarted process — even one
 * killed with -9 — is the same node and takes back the work placed on it. Its draining flag stays.
 */
export async function registerNode({
  ctx,
  node,
}: {
  ctx: ServiceContext;
  node: NodeRegistration;
}): Promise<{ id: string; name: string }> {
  const n = tables.nodes;
  const fields = {
    roles: [...node.roles],
    cpus: node.cpus,
    memoryBytes: node.memoryBytes,
    gpus: [...node.gpus],
    version: node.version,
    labels: node.labels ?? {},
    maxReplicas: node.maxReplicas ?? 0,
    address: node.address ?? "127.0.0.1",
  };
  const [row] = await ctx.db
    .insert(n)
    .values({ id: newId("node"), name: node.name, ...fields })
    .onConflictDoUpdate({
      target: n.name,
      set: { ...fields, startedAt: sql`now()`, lastSeenAt: sql`now()`, updatedAt: sql`now()` },
    })
    .returning({ id: n.id, name: n.name });
  return row!;
}
