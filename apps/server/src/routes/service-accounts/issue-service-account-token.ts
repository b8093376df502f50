import { IssuedToken, IssueTokenInput, single } from "@infera/contracts";
import { issueServiceAccountToken } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { accountParams } from "./params.js";

const route = defineRoute("project.service_account.token.issue", {
  method: "post",
  path: "/projects/{projectId}/service-accounts/{serviceAccountId}/tokens",
  tags: ["Service accounts"],
  summary: "Issue or rotate a token (shown once; revoke_existing revokes the others)",
  request: { params: accountParams, body: jsonBody(IssueTokenInput) },
  responses: { 201: jsonResponse(single(IssuedToken), "Issued: the token is shown only now") },
});

export function registerIssueServiceAccountToken(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId, serviceAccountId } = c.req.valid("param");
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        data: await issueServiceAccountToken({
          ctx: c.get("ctx"),
          projectId,
          serviceAccountId,
          input: c.req.valid("json"),
        }),
      },
      201,
    );
  });
}
