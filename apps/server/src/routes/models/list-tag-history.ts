import { ListQuery, listOf, ModelTagHistoryEntry } from "@infera/contracts";
import { listTagHistory } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { tagParams } from "./params.js";

const route = defineRoute("model.tag.history", {
  method: "get",
  path: "/models/{modelId}/tags/{tag}/history",
  tags: ["Models"],
  summary: "Every move of a tag, newest first: who, when, from, to, reason, forced",
  request: { params: tagParams, query: ListQuery.pick({ limit: true, cursor: true, format: true }) },
  responses: { 200: listResponse(listOf(ModelTagHistoryEntry), "History") },
});

export function registerListTagHistory(app: Api) {
  app.openapi(route, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listTagHistory({ ctx: c.get("ctx"), modelId, tag, query: { cursor, limit } }),
      "tag-history",
    );
  });
}
