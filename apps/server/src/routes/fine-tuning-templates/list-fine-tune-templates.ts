import { FineTuneTemplate, ListQuery, listOf } from "@infera/contracts";
import { listFineTuneTemplates } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("fine_tuning.template.list", {
  method: "get",
  path: "/projects/{projectId}/fine-tuning/templates",
  tags: ["Fine-tuning"],
  summary: "List the project's fine-tuning job templates",
  description:
    "Newest first (`sort`: `created_at`, `updated_at` or `name`, with `-` for descending); `q` finds a part of the name or description, or an id.",
  request: { params: projectParams, query: ListQuery },
  responses: { 200: listResponse(listOf(FineTuneTemplate), "Templates") },
});

export function registerListFineTuneTemplates(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listFineTuneTemplates({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "fine-tuning-templates",
    );
  });
}
