import { deleteDatasetVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("dataset.version.delete", {
  method: "delete",
  path: "/dataset-versions/{versionId}",
  tags: ["Datasets"],
  summary: "Delete a version; 409 resource_in_use lists what references it (its split parts, jobs, …)",
  request: { params: versionParams },
  responses: noContent,
});

export function registerDeleteDatasetVersion(app: Api) {
  app.openapi(route, async (c) => {
    await deleteDatasetVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId });
    return c.body(null, 204);
  });
}
