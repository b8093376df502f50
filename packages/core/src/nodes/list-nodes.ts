import type { ComputeNode } from "@infera/contracts";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { loadNodeStates, nodeOfflineSeconds } from "./node-capacity.js";
import { toComputeNode } from "./to-compute-node.js";

/** Every registered node, by name, with its status, size, jobs and free capacity (platform admin). */
export async function listNodes({ ctx }: { ctx: ServiceContext }): Promise<{ data: ComputeNode[] }> {
  await authorize(ctx, "node.list");
  const states = await loadNodeStates(ctx.db, nodeOfflineSeconds(ctx));
  return { data: states.map(toComputeNode) };
}
