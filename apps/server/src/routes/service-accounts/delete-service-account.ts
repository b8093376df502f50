import { deleteServiceAccount } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { accountParams } from "./params.js";

const route = defineRoute("project.service_account.delete", {
  method: "delete",
  path: "/projects/{projectId}/service-accounts/{serviceAccountId}",
  tags: ["Service accounts"],
  summary: "Delete a service account and its tokens",
  request: { params: accountParams },
  responses: noContent,
});

export function registerDeleteServiceAccount(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId, serviceAccountId } = c.req.valid("param");
    await deleteServiceAccount({ ctx: c.get("ctx"), projectId, serviceAccountId });
    return c.body(null, 204);
  });
}
