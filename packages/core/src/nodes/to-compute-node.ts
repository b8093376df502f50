import type { ComputeNode } from "@infera/contracts";
import { iso } from "../shared/pagination.js";
import type { NodeState } from "./node-capacity.js";

export function toComputeNode(s: NodeState): ComputeNode {
  const r = s.row;
  return {
    id: r.id,
    name: r.name,
    status: s.online ? "online" : "offline",
    draining: r.draining,
    roles: r.roles,
    version: r.version,
    labels: r.labels,
    cpus: r.cpus,
    memory_bytes: r.memoryBytes,
    gpus: r.gpus,
    running_jobs: s.runningJobs,
    free: {
      cpus: s.free.cpus,
      memory_bytes: s.free.memoryBytes,
      gpu_indices: s.free.gpus.map((g) => g.index),
    },
    started_at: iso(r.startedAt),
    last_seen_at: iso(r.lastSeenAt),
    created_at: iso(r.createdAt),
  };
}
