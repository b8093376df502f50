import { ApiKey, RevokeApiKeyInput, single } from "@infera/contracts";
import { revokeApiKey } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { keyParams } from "./params.js";

const route = defineRoute("api_key.revoke", {
  method: "post",
  path: "/api-keys/{keyId}/revoke",
  tags: ["API keys"],
  summary:
    "Revoke an API key for good (its name typed as `confirm_name`); calls with it are refused within a second",
  request: { params: keyParams, body: jsonBody(RevokeApiKeyInput) },
  responses: { 200: jsonResponse(single(ApiKey), "The revoked key") },
});

export function registerRevokeApiKey(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await revokeApiKey({
          ctx: c.get("ctx"),
          keyId: c.req.valid("param").keyId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
