import { ModelTag } from "@infera/contracts";
import { listModelTags } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.tag.list", {
  method: "get",
  path: "/models/{modelId}/tags",
  tags: ["Models"],
  summary: "A model's tags and the version each points to",
  request: { params: modelParams },
  responses: { 200: jsonResponse(z.object({ data: z.array(ModelTag) }), "Tags") },
});

export function registerListModelTags(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await listModelTags({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId }) }, 200),
  );
}
