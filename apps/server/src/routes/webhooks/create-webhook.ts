import { CreateWebhookInput, single, WebhookWithSecret } from "@infera/contracts";
import { createWebhook } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.webhook.create", {
  method: "post",
  path: "/projects/{projectId}/webhooks",
  tags: ["Webhooks"],
  summary: "Register a webhook; the answer carries its signing secret, shown this once",
  description:
    "`url` must be http:// or https:// (at most 2,048 characters); `events` one or more of " +
    "`fine_tuning.job.started`, `fine_tuning.job.succeeded`, `fine_tuning.job.failed`, `fine_tuning.job.canceled`.",
  request: { params: projectParams, body: jsonBody(CreateWebhookInput) },
  responses: { 201: jsonResponse(single(WebhookWithSecret), "Created, with its secret") },
});

export function registerCreateWebhook(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createWebhook({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
