import { Project, single, UpdateProjectInput } from "@infera/contracts";
import { updateProject } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.update", {
  method: "patch",
  path: "/projects/{projectId}",
  tags: ["Projects"],
  summary: "Rename a project, change its env or description",
  request: { params: projectParams, body: jsonBody(UpdateProjectInput) },
  responses: { 200: jsonResponse(single(Project), "Updated") },
});

export function registerUpdateProject(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateProject({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
