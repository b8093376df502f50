import { AddMemberInput, ProjectMember, single } from "@infera/contracts";
import { addMember } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.member.add", {
  method: "post",
  path: "/projects/{projectId}/members",
  tags: ["Members"],
  summary: "Add a tenant user to the project with a role",
  request: { params: projectParams, body: jsonBody(AddMemberInput) },
  responses: { 201: jsonResponse(single(ProjectMember), "Added") },
});

export function registerAddMember(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await addMember({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
