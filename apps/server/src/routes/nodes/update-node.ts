import { ComputeNode, single, UpdateNodeInput } from "@infera/contracts";
import { updateNode } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { nodeParams } from "./params.js";

const route = defineRoute("node.update", {
  method: "patch",
  path: "/admin/nodes/{nodeId}",
  tags: ["Admin"],
  summary: "Drain a node or put it back in service (platform admin, audited)",
  description:
    "`draining: true`: the scheduler places no new jobs on it; the jobs on it run to their end. `false` puts it back and starts a scheduling pass.",
  request: { params: nodeParams, body: jsonBody(UpdateNodeInput) },
  responses: { 200: jsonResponse(single(ComputeNode), "Updated") },
});

export function registerUpdateNode(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateNode({
          ctx: c.get("ctx"),
          nodeId: c.req.valid("param").nodeId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
