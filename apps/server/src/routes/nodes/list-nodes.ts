import { ComputeNode } from "@infera/contracts";
import { listNodes } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("node.list", {
  method: "get",
  path: "/admin/nodes",
  tags: ["Admin"],
  summary: "The nodes that run work, with status, resources, jobs and free capacity (platform admin)",
  description:
    "Every node a worker registered, by name. `online` while its worker was seen within INFERA_NODE_OFFLINE_SECONDS; `free` is its size less the resource classes of the fine-tuning jobs placed on it.",
  responses: { 200: jsonResponse(z.object({ data: z.array(ComputeNode) }), "Nodes") },
});

export function registerListNodes(app: Api) {
  app.openapi(route, async (c) => c.json(await listNodes({ ctx: c.get("ctx") }), 200));
}
