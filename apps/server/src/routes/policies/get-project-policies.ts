import { ProjectPolicies, single } from "@infera/contracts";
import { getProjectPolicies } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.policy.read", {
  method: "get",
  path: "/projects/{projectId}/policies",
  tags: ["Policies"],
  summary: "Read the project's env policies and what is in force now",
  request: { params: projectParams },
  responses: { 200: jsonResponse(single(ProjectPolicies), "Env policies") },
});

export function registerGetProjectPolicies(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getProjectPolicies({ ctx: c.get("ctx"), projectId: c.req.valid("param").projectId }) },
      200,
    ),
  );
}
