import { ProjectMember, single, UpdateMemberInput } from "@infera/contracts";
import { updateMember } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { memberParams } from "./params.js";

const route = defineRoute("project.member.update", {
  method: "patch",
  path: "/projects/{projectId}/members/{userId}",
  tags: ["Members"],
  summary: "Change a member's role (the last Owner cannot be demoted)",
  request: { params: memberParams, body: jsonBody(UpdateMemberInput) },
  responses: { 200: jsonResponse(single(ProjectMember), "Updated") },
});

export function registerUpdateMember(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId, userId } = c.req.valid("param");
    return c.json(
      { data: await updateMember({ ctx: c.get("ctx"), projectId, userId, input: c.req.valid("json") }) },
      200,
    );
  });
}
