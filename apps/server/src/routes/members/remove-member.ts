import { removeMember } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { memberParams } from "./params.js";

const route = defineRoute("project.member.remove", {
  method: "delete",
  path: "/projects/{projectId}/members/{userId}",
  tags: ["Members"],
  summary: "Remove a member (the last Owner cannot be removed)",
  request: { params: memberParams },
  responses: noContent,
});

export function registerRemoveMember(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId, userId } = c.req.valid("param");
    await removeMember({ ctx: c.get("ctx"), projectId, userId });
    return c.body(null, 204);
  });
}
