import { Permissions, single } from "@infera/contracts";
import { listPermissions } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("auth.permissions", {
  method: "get",
  path: "/auth/permissions",
  tags: ["Auth"],
  summary: "What the caller may do, with the reason for each denial",
  description:
    "Give project_id for project actions, or tenant_id for tenant actions. The console gates its buttons with it.",
  request: {
    query: z.object({
      project_id: z.string().max(100).optional(),
      tenant_id: z.string().max(100).optional(),
    }),
  },
  responses: { 200: jsonResponse(single(Permissions), "Decisions by action") },
});

export function registerPermissions(app: Api) {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      { data: await listPermissions({ ctx: c.get("ctx"), projectId: q.project_id, tenantId: q.tenant_id }) },
      200,
    );
  });
}
