import { ApiKey, single, UpdateApiKeyInput } from "@infera/contracts";
import { updateApiKey } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { keyParams } from "./params.js";

const route = defineRoute("api_key.update", {
  method: "patch",
  path: "/api-keys/{keyId}",
  tags: ["API keys"],
  summary: "Change an API key's name, scopes, limits, expiry or note; the gateway applies it within a second",
  request: { params: keyParams, body: jsonBody(UpdateApiKeyInput) },
  responses: { 200: jsonResponse(single(ApiKey), "The key after the change") },
});

export function registerUpdateApiKey(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateApiKey({
          ctx: c.get("ctx"),
          keyId: c.req.valid("param").keyId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
