import { ServiceRevisionDetail, single } from "@infera/contracts";
import { getServiceRevision } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { revisionParams } from "./params.js";

const route = defineRoute("service.revision.read", {
  method: "get",
  path: "/service-revisions/{revisionId}",
  tags: ["Services"],
  summary: "A revision: resolved configuration, config_hash, traffic share, state timeline with durations",
  request: { params: revisionParams },
  responses: { 200: jsonResponse(single(ServiceRevisionDetail), "The revision") },
});

export function registerGetServiceRevision(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getServiceRevision({ ctx: c.get("ctx"), revisionId: c.req.valid("param").revisionId }) },
      200,
    ),
  );
}
