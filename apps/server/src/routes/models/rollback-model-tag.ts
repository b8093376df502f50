import { RollbackModelTagInput, single, TagMoveResult } from "@infera/contracts";
import { rollbackModelTag } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tagParams } from "./params.js";

const route = defineRoute("model.tag.rollback", {
  method: "post",
  path: "/models/{modelId}/tags/{tag}/rollback",
  tags: ["Models"],
  summary: "Move a tag back: `steps: 1` undoes the last move, `to_history_id` returns to that entry's target",
  request: { params: tagParams, body: jsonBody(RollbackModelTagInput) },
  responses: { 200: jsonResponse(single(TagMoveResult), "Moved back") },
});

export function registerRollbackModelTag(app: Api) {
  app.openapi(route, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    return c.json(
      { data: await rollbackModelTag({ ctx: c.get("ctx"), modelId, tag, input: c.req.valid("json") }) },
      200,
    );
  });
}
