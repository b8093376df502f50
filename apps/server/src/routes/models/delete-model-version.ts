import { deleteModelVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("model.version.delete", {
  method: "delete",
  path: "/model-versions/{versionId}",
  tags: ["Models"],
  summary:
    "Delete a version; 409 resource_in_use lists what references it (tags, derived versions, jobs, services)",
  request: { params: versionParams },
  responses: noContent,
});

export function registerDeleteModelVersion(app: Api) {
  app.openapi(route, async (c) => {
    await deleteModelVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId });
    return c.body(null, 204);
  });
}
