import { DeleteProjectInput } from "@infera/contracts";
import { deleteProject } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, noContent } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.delete", {
  method: "delete",
  path: "/projects/{projectId}",
  tags: ["Projects"],
  summary: "Delete a project: type its name; 409 resource_in_use lists what it holds unless cascade",
  request: { params: projectParams, body: jsonBody(DeleteProjectInput) },
  responses: noContent,
});

export function registerDeleteProject(app: Api) {
  app.openapi(route, async (c) => {
    await deleteProject({
      ctx: c.get("ctx"),
      projectId: c.req.valid("param").projectId,
      input: c.req.valid("json"),
    });
    return c.body(null, 204);
  });
}
