import { SetModelTagInput, single, TagMoveResult } from "@infera/contracts";
import { setModelTag } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tagParams } from "./params.js";

const route = defineRoute("model.tag.update", {
  method: "put",
  path: "/models/{modelId}/tags/{tag}",
  tags: ["Models"],
  summary: "Point a tag at a version (promote); answers current vs target and the release gates",
  description:
    "Body `{version_id}` or `{ref}` (a tag or version id, resolved and stored as the version id). `prod` is protected: when the project requires a passing evaluation the move answers 412 precondition_failed with the gate results, unless an Owner sends `force: true` with a `reason` (recorded in the tag history and the audit log). A version that held the tag before passes the gate. `dry_run: true` only reports. Tag names: 1–63 of `a-z 0-9 . _ -`.",
  request: { params: tagParams, body: jsonBody(SetModelTagInput) },
  responses: { 200: jsonResponse(single(TagMoveResult), "Moved (or unchanged, or the dry run)") },
});

export function registerSetModelTag(app: Api) {
  app.openapi(route, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    return c.json(
      { data: await setModelTag({ ctx: c.get("ctx"), modelId, tag, input: c.req.valid("json") }) },
      200,
    );
  });
}
