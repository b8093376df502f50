import { z } from "zod";
import { Timestamp } from "./common.js";

export const NodeStatus = z.enum(["online", "offline"]);
export type NodeStatus = z.infer<typeof NodeStatus>;

export const NodeGpu = z.object({
  index: z.number().int(),
  model: z.string(),
  /** Null when the driver did not report it. */
  memory_bytes: z.number().int().nullable(),
});
export type NodeGpu = z.infer<typeof NodeGpu>;

/**
 * A machine that runs work, registered by its worker (one per INFERA_NODE_NAME, default the
 * hostname). `online` while its worker was seen within the grace (INFERA_NODE_OFFLINE_SECONDS).
 */
export const ComputeNode = z.object({
  id: z.string(),
  name: z.string(),
  status: NodeStatus,
  /** No new jobs are placed on it; those running finish. */
  draining: z.boolean(),
  roles: z.array(z.string()),
  version: z.string(),
  labels: z.record(z.string(), z.string()),
  cpus: z.number().int(),
  memory_bytes: z.number().int(),
  gpus: z.array(NodeGpu),
  /** Fine-tuning jobs starting, running or stopping on it. */
  running_jobs: z.number().int(),
  /** Its size less what those jobs' resource classes hold. */
  free: z.object({
    cpus: z.number().int(),
    memory_bytes: z.number().int(),
    gpu_indices: z.array(z.number().int()),
  }),
  started_at: Timestamp,
  last_seen_at: Timestamp,
  created_at: Timestamp,
});
export type ComputeNode = z.infer<typeof ComputeNode>;

export const UpdateNodeInput = z
  .object({
    /** true: place no new jobs on it; false: back in service. */
    draining: z.boolean(),
  })
  .strict();
export type UpdateNodeInput = z.infer<typeof UpdateNodeInput>;
