import { deleteModelTag } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { tagParams } from "./params.js";

const route = defineRoute("model.tag.delete", {
  method: "delete",
  path: "/models/{modelId}/tags/{tag}",
  tags: ["Models"],
  summary: "Delete a tag (the move is kept in its history)",
  request: { params: tagParams },
  responses: noContent,
});

export function registerDeleteModelTag(app: Api) {
  app.openapi(route, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    await deleteModelTag({ ctx: c.get("ctx"), modelId, tag });
    return c.body(null, 204);
  });
}
