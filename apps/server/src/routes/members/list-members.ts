import { ListQuery, listOf, ProjectMember, ProjectRole } from "@infera/contracts";
import { listMembers } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.member.list", {
  method: "get",
  path: "/projects/{projectId}/members",
  tags: ["Members"],
  summary: "List project members",
  request: { params: projectParams, query: ListQuery.extend({ role: ProjectRole.optional() }) },
  responses: { 200: listResponse(listOf(ProjectMember), "Members") },
});

export function registerListMembers(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listMembers({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "members",
    );
  });
}
