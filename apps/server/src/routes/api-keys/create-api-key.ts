import { ApiKeyWithSecret, CreateApiKeyInput, single } from "@infera/contracts";
import { createApiKey } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("api_key.create", {
  method: "post",
  path: "/projects/{projectId}/api-keys",
  tags: ["API keys"],
  summary: "Create an API key; the answer carries its secret, shown this once",
  description:
    "`name` 1–64 characters; `scopes` any of `inference:invoke` (default), `metrics:read`, `logs:read`; " +
    "`rpm_limit` and `daily_token_limit` positive integers or null (no limit); `expires_at` in the future or null.",
  request: { params: projectParams, body: jsonBody(CreateApiKeyInput) },
  responses: { 201: jsonResponse(single(ApiKeyWithSecret), "Created, with its secret") },
});

export function registerCreateApiKey(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createApiKey({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
