import {
  ListQuery,
  listOf,
  ModelTag,
  ModelTagHistoryEntry,
  RollbackModelTagInput,
  SetModelTagInput,
  single,
  TagMoveResult,
} from "@infera/contracts";
import { deleteModelTag, listModelTags, listTagHistory, rollbackModelTag, setModelTag } from "@infera/core";
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

const modelParams = z.object({ modelId: idParam("model id") });
const tagParams = modelParams.extend({ tag: z.string().min(1).max(100).describe("tag name") });

const list = defineRoute("model.tag.list", {
  method: "get",
  path: "/models/{modelId}/tags",
  tags: ["Models"],
  summary: "A model's tags and the version each points to",
  request: { params: modelParams },
  responses: { 200: jsonResponse(z.object({ data: z.array(ModelTag) }), "Tags") },
});

const put = defineRoute("model.tag.update", {
  method: "put",
  path: "/models/{modelId}/tags/{tag}",
  tags: ["Models"],
  summary: "Point a tag at a version (promote); answers current vs target and the release gates",
  description:
    "Body `{version_id}` or `{ref}` (a tag or version id, resolved and stored as the version id). `prod` is protected: when the project requires a passing evaluation the move answers 412 precondition_failed with the gate results, unless an Owner sends `force: true` with a `reason` (recorded in the tag history and the audit log). A version that held the tag before passes the gate. `dry_run: true` only reports. Tag names: 1–63 of `a-z 0-9 . _ -`.",
  request: { params: tagParams, body: jsonBody(SetModelTagInput) },
  responses: { 200: jsonResponse(single(TagMoveResult), "Moved (or unchanged, or the dry run)") },
});

const remove = defineRoute("model.tag.delete", {
  method: "delete",
  path: "/models/{modelId}/tags/{tag}",
  tags: ["Models"],
  summary: "Delete a tag (the move is kept in its history)",
  request: { params: tagParams },
  responses: noContent,
});

const history = defineRoute("model.tag.history", {
  method: "get",
  path: "/models/{modelId}/tags/{tag}/history",
  tags: ["Models"],
  summary: "Every move of a tag, newest first: who, when, from, to, reason, forced",
  request: { params: tagParams, query: ListQuery.pick({ limit: true, cursor: true, format: true }) },
  responses: { 200: listResponse(listOf(ModelTagHistoryEntry), "History") },
});

const rollback = defineRoute("model.tag.rollback", {
  method: "post",
  path: "/models/{modelId}/tags/{tag}/rollback",
  tags: ["Models"],
  summary: "Move a tag back: `steps: 1` undoes the last move, `to_history_id` returns to that entry's target",
  request: { params: tagParams, body: jsonBody(RollbackModelTagInput) },
  responses: { 200: jsonResponse(single(TagMoveResult), "Moved back") },
});

export function registerModelTagRoutes(app: Api) {
  app.openapi(list, async (c) =>
    c.json({ data: await listModelTags({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId }) }, 200),
  );
  app.openapi(put, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    return c.json(
      { data: await setModelTag({ ctx: c.get("ctx"), modelId, tag, input: c.req.valid("json") }) },
      200,
    );
  });
  app.openapi(remove, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    await deleteModelTag({ ctx: c.get("ctx"), modelId, tag });
    return c.body(null, 204);
  });
  app.openapi(history, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listTagHistory({ ctx: c.get("ctx"), modelId, tag, query: { cursor, limit } }),
      "tag-history",
    );
  });
  app.openapi(rollback, async (c) => {
    const { modelId, tag } = c.req.valid("param");
    return c.json(
      { data: await rollbackModelTag({ ctx: c.get("ctx"), modelId, tag, input: c.req.valid("json") }) },
      200,
    );
  });
}
