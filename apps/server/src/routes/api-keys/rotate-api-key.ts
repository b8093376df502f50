import { ApiKeyWithSecret, RotateApiKeyInput, single } from "@infera/contracts";
import { rotateApiKey } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { keyParams } from "./params.js";

const route = defineRoute("api_key.rotate", {
  method: "post",
  path: "/api-keys/{keyId}/rotate",
  tags: ["API keys"],
  summary:
    "Replace an API key by a new one (new id and secret, same settings); the secret is shown this once",
  description:
    "The old key is revoked at once, or with `keep_old: true` keeps working until it is revoked. " +
    "The answer is the new key; its `rotated_from_id` names the old one.",
  request: { params: keyParams, body: jsonBody(RotateApiKeyInput) },
  responses: { 201: jsonResponse(single(ApiKeyWithSecret), "The new key, with its secret") },
});

export function registerRotateApiKey(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await rotateApiKey({
          ctx: c.get("ctx"),
          keyId: c.req.valid("param").keyId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
