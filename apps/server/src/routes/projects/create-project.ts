import { CreateProjectInput, Project, single } from "@infera/contracts";
import { createProject } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tenantParams } from "./params.js";

const route = defineRoute("project.create", {
  method: "post",
  path: "/tenants/{tenantId}/projects",
  tags: ["Projects"],
  summary: "Create a project (name 2–64, unique in the tenant)",
  request: { params: tenantParams, body: jsonBody(CreateProjectInput) },
  responses: { 201: jsonResponse(single(Project), "Created") },
});

export function registerCreateProject(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createProject({
          ctx: c.get("ctx"),
          tenantId: c.req.valid("param").tenantId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
