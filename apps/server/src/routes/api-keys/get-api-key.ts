import { ApiKey, single } from "@infera/contracts";
import { getApiKey } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { keyParams } from "./params.js";

const route = defineRoute("api_key.read", {
  method: "get",
  path: "/api-keys/{keyId}",
  tags: ["API keys"],
  summary: "Read an API key: scopes, limits, expiry, status, last use (never its secret)",
  request: { params: keyParams },
  responses: { 200: jsonResponse(single(ApiKey), "The API key") },
});

export function registerGetApiKey(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getApiKey({ ctx: c.get("ctx"), keyId: c.req.valid("param").keyId }) }, 200),
  );
}
