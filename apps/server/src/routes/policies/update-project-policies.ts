import { ProjectPolicies, single, UpdateProjectPoliciesInput } from "@infera/contracts";
import { updateProjectPolicies } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.policy.update", {
  method: "put",
  path: "/projects/{projectId}/policies",
  tags: ["Policies"],
  summary: "Set the project's env policies (Prod restrictions; all on by default)",
  request: { params: projectParams, body: jsonBody(UpdateProjectPoliciesInput) },
  responses: { 200: jsonResponse(single(ProjectPolicies), "Updated") },
});

export function registerUpdateProjectPolicies(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateProjectPolicies({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
