import { ResolvedModelRef, single } from "@infera/contracts";
import { resolveModelRef } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.resolve", {
  method: "get",
  path: "/models/{modelId}/resolve",
  tags: ["Models"],
  summary: "Resolve a tag or a version id of the model to the version id",
  request: { params: modelParams, query: z.object({ ref: z.string().min(1).max(100) }) },
  responses: { 200: jsonResponse(single(ResolvedModelRef), "The version id the ref names now") },
});

export function registerResolveModelRef(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await resolveModelRef({
          ctx: c.get("ctx"),
          modelId: c.req.valid("param").modelId,
          ref: c.req.valid("query").ref,
        }),
      },
      200,
    ),
  );
}
