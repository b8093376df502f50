import { Project, single } from "@infera/contracts";
import { getProject } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.read", {
  method: "get",
  path: "/projects/{projectId}",
  tags: ["Projects"],
  summary: "Read a project",
  request: { params: projectParams },
  responses: { 200: jsonResponse(single(Project), "The project") },
});

export function registerGetProject(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getProject({ ctx: c.get("ctx"), projectId: c.req.valid("param").projectId }) }, 200),
  );
}
