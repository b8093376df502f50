import {
  CreateProjectInput,
  DeleteProjectInput,
  ListQuery,
  listOf,
  Project,
  ProjectListQuery,
  single,
  UpdateProjectInput,
} from "@infera/contracts";
import { createProject, deleteProject, getProject, listProjects, updateProject } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import {
  defineRoute,
  idParam,
  jsonBody,
  jsonResponse,
  listResponse,
  noContent,
} from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const tenantParams = z.object({ tenantId: idParam("tenant id") });
const projectParams = z.object({ projectId: idParam("project id") });

const list = defineRoute("project.list", {
  method: "get",
  path: "/tenants/{tenantId}/projects",
  tags: ["Projects"],
  summary: "List projects: all for Tenant Admin and Finance, your own for Members",
  description:
    "Sort by `created_at`, `updated_at` or `name` (prefix `-` for descending). Filter by `env`, `owner_id`, `q` (name or id).",
  request: { params: tenantParams, query: ListQuery.extend(ProjectListQuery.shape) },
  responses: { 200: listResponse(listOf(Project), "Projects") },
});

const create = defineRoute("project.create", {
  method: "post",
  path: "/tenants/{tenantId}/projects",
  tags: ["Projects"],
  summary: "Create a project (name 2–64, unique in the tenant)",
  request: { params: tenantParams, body: jsonBody(CreateProjectInput) },
  responses: { 201: jsonResponse(single(Project), "Created") },
});

const get = defineRoute("project.read", {
  method: "get",
  path: "/projects/{projectId}",
  tags: ["Projects"],
  summary: "Read a project",
  request: { params: projectParams },
  responses: { 200: jsonResponse(single(Project), "The project") },
});

const update = defineRoute("project.update", {
  method: "patch",
  path: "/projects/{projectId}",
  tags: ["Projects"],
  summary: "Rename a project, change its env or description",
  request: { params: projectParams, body: jsonBody(UpdateProjectInput) },
  responses: { 200: jsonResponse(single(Project), "Updated") },
});

const remove = defineRoute("project.delete", {
  method: "delete",
  path: "/projects/{projectId}",
  tags: ["Projects"],
  summary: "Delete a project: type its name; 409 resource_in_use lists what it holds unless cascade",
  request: { params: projectParams, body: jsonBody(DeleteProjectInput) },
  responses: noContent,
});

export function registerProjectRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { tenantId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listProjects({ ctx: c.get("ctx"), tenantId, query: { ...query, cursor, limit } }),
      "projects",
    );
  });
  app.openapi(create, async (c) =>
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
  app.openapi(get, async (c) =>
    c.json({ data: await getProject({ ctx: c.get("ctx"), projectId: c.req.valid("param").projectId }) }, 200),
  );
  app.openapi(update, async (c) =>
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
  app.openapi(remove, async (c) => {
    await deleteProject({
      ctx: c.get("ctx"),
      projectId: c.req.valid("param").projectId,
      input: c.req.valid("json"),
    });
    return c.body(null, 204);
  });
}
