import { CreateServiceAccountInput, ServiceAccount, single } from "@infera/contracts";
import { createServiceAccount } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.service_account.create", {
  method: "post",
  path: "/projects/{projectId}/service-accounts",
  tags: ["Service accounts"],
  summary: "Create a service account with a project role (issue a token separately)",
  request: { params: projectParams, body: jsonBody(CreateServiceAccountInput) },
  responses: { 201: jsonResponse(single(ServiceAccount), "Created") },
});

export function registerCreateServiceAccount(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createServiceAccount({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
