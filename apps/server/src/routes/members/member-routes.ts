import {
  AddMemberInput,
  ListQuery,
  listOf,
  ProjectMember,
  ProjectRole,
  single,
  UpdateMemberInput,
} from "@infera/contracts";
import { addMember, listMembers, removeMember, updateMember } from "@infera/core";
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

const projectParams = z.object({ projectId: idParam("project id") });
const memberParams = projectParams.extend({ userId: idParam("user id") });

const list = defineRoute("project.member.list", {
  method: "get",
  path: "/projects/{projectId}/members",
  tags: ["Members"],
  summary: "List project members",
  request: { params: projectParams, query: ListQuery.extend({ role: ProjectRole.optional() }) },
  responses: { 200: listResponse(listOf(ProjectMember), "Members") },
});

const add = defineRoute("project.member.add", {
  method: "post",
  path: "/projects/{projectId}/members",
  tags: ["Members"],
  summary: "Add a tenant user to the project with a role",
  request: { params: projectParams, body: jsonBody(AddMemberInput) },
  responses: { 201: jsonResponse(single(ProjectMember), "Added") },
});

const update = defineRoute("project.member.update", {
  method: "patch",
  path: "/projects/{projectId}/members/{userId}",
  tags: ["Members"],
  summary: "Change a member's role (the last Owner cannot be demoted)",
  request: { params: memberParams, body: jsonBody(UpdateMemberInput) },
  responses: { 200: jsonResponse(single(ProjectMember), "Updated") },
});

const remove = defineRoute("project.member.remove", {
  method: "delete",
  path: "/projects/{projectId}/members/{userId}",
  tags: ["Members"],
  summary: "Remove a member (the last Owner cannot be removed)",
  request: { params: memberParams },
  responses: noContent,
});

export function registerMemberRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listMembers({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "members",
    );
  });
  app.openapi(add, async (c) =>
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
  app.openapi(update, async (c) => {
    const { projectId, userId } = c.req.valid("param");
    return c.json(
      { data: await updateMember({ ctx: c.get("ctx"), projectId, userId, input: c.req.valid("json") }) },
      200,
    );
  });
  app.openapi(remove, async (c) => {
    const { projectId, userId } = c.req.valid("param");
    await removeMember({ ctx: c.get("ctx"), projectId, userId });
    return c.body(null, 204);
  });
}
