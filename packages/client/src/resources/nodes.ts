import { ComputeNode, single, type UpdateNodeInput } from "@infera/contracts";
import { z } from "zod";
import type { Transport } from "../http.js";
import { seg } from "../pagination.js";

/** The nodes that run work (platform admin). */
export function nodesApi(t: Transport) {
  return {
    /** Every registered node with its status, resources, jobs and free capacity. */
    async list(): Promise<ComputeNode[]> {
      return (await t.json("GET", "/admin/nodes", z.object({ data: z.array(ComputeNode) }))).data;
    },
    /** `{ draining: true }`: no new jobs on it; `false`: back in service. Audited. */
    async update(nodeId: string, input: UpdateNodeInput): Promise<ComputeNode> {
      return (await t.json("PATCH", `/admin/nodes/${seg(nodeId)}`, single(ComputeNode), { body: input }))
        .data;
    },
  };
}
