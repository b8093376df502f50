import { ProjectPolicies, single, UpdateProjectPoliciesInput } from "@infera/contracts";
import { getProjectPolicies, updateProjectPolicies } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonBody, jsonResponse } from "../../http/define-route.js";

const projectParams = z.object({ projectId: idParam("project id") });

const get = defineRoute("project.policy.read", {
  method: "get",
  path: "/projects/{projectId}/policies",
  tags: ["Policies"],
  summary: "Read the project's env policies and what is in force now",
  request: { params: projectParams },
  responses: { 200: jsonResponse(single(ProjectPolicies), "Env policies") },
});

const put = defineRoute("project.policy.update", {
  method: "put",
  path: "/projects/{projectId}/policies",
  tags: ["Policies"],
  summary: "Set the project's env policies (Prod restrictions; all on by default)",
  request: { params: projectParams, body: jsonBody(UpdateProjectPoliciesInput) },
  responses: { 200: jsonResponse(single(ProjectPolicies), "Updated") },
});

export function registerPolicyRoutes(app: Api) {
  app.openapi(get, async (c) =>
    c.json(
      { data: await getProjectPolicies({ ctx: c.get("ctx"), projectId: c.req.valid("param").projectId }) },
      200,
    ),
  );
  app.openapi(put, async (c) =>
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
