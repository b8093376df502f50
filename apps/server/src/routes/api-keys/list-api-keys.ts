import { ApiKey, ApiKeyListQuery, ListQuery, listOf } from "@infera/contracts";
import { listApiKeys } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("api_key.list", {
  method: "get",
  path: "/projects/{projectId}/api-keys",
  tags: ["API keys"],
  summary: "List the project's API keys, newest first (never their secrets)",
  description:
    "Filters: `status` (active, revoked, expired), `scope`, `expiring=true` (active keys that expire " +
    "within 7 days), `q` (name, note or prefix).",
  request: { params: projectParams, query: ListQuery.merge(ApiKeyListQuery) },
  responses: { 200: listResponse(listOf(ApiKey), "API keys") },
});

export function registerListApiKeys(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listApiKeys({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "api-keys",
    );
  });
}
