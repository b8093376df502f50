import { ServiceAccount, single, UpdateServiceAccountInput } from "@infera/contracts";
import { updateServiceAccount } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { accountParams } from "./params.js";

const route = defineRoute("project.service_account.update", {
  method: "patch",
  path: "/projects/{projectId}/service-accounts/{serviceAccountId}",
  tags: ["Service accounts"],
  summary: "Rename, change role or note, disable or enable (a disabled account's tokens stop working)",
  request: { params: accountParams, body: jsonBody(UpdateServiceAccountInput) },
  responses: { 200: jsonResponse(single(ServiceAccount), "Updated") },
});

export function registerUpdateServiceAccount(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId, serviceAccountId } = c.req.valid("param");
    return c.json(
      {
        data: await updateServiceAccount({
          ctx: c.get("ctx"),
          projectId,
          serviceAccountId,
          input: c.req.valid("json"),
        }),
      },
      200,
    );
  });
}
