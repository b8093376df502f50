import { ListQuery, listOf, Webhook } from "@infera/contracts";
import { listWebhooks } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.webhook.list", {
  method: "get",
  path: "/projects/{projectId}/webhooks",
  tags: ["Webhooks"],
  summary: "List the project's webhooks, newest first (never their secrets)",
  request: { params: projectParams, query: ListQuery },
  responses: { 200: listResponse(listOf(Webhook), "Webhooks") },
});

export function registerListWebhooks(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listWebhooks({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "webhooks",
    );
  });
}
