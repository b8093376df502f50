import { ListQuery, listOf, Project, ProjectListQuery } from "@infera/contracts";
import { listProjects } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { tenantParams } from "./params.js";

const route = defineRoute("project.list", {
  method: "get",
  path: "/tenants/{tenantId}/projects",
  tags: ["Projects"],
  summary: "List projects: all for Tenant Admin and Finance, your own for Members",
  description:
    "Sort by `created_at`, `updated_at` or `name` (prefix `-` for descending). Filter by `env`, `owner_id`, `q` (name or id).",
  request: { params: tenantParams, query: ListQuery.extend(ProjectListQuery.shape) },
  responses: { 200: listResponse(listOf(Project), "Projects") },
});

export function registerListProjects(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listProjects({ ctx: c.get("ctx"), tenantId, query: { ...query, cursor, limit } }),
      "projects",
    );
  });
}
