import { DeployRevisionInput, ServiceRevision, single } from "@infera/contracts";
import { deployRevision } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.revision.deploy", {
  method: "post",
  path: "/services/{serviceId}/revisions",
  tags: ["Services"],
  summary: "Deploy a new configuration as a new immutable revision",
  description:
    "`strategy`: `full` (100% of traffic), `none` (0%), `canary` with `weight` 1–99 taken from the current split in proportion (90/10 before a 10% canary → 81/9/10). A configuration identical to an existing revision's (same `config_hash` and upstream key) answers 409 with `details.reason` `no_change` and that revision's id.",
  request: { params: serviceParams, body: jsonBody(DeployRevisionInput) },
  responses: { 201: jsonResponse(single(ServiceRevision), "The new revision") },
});

export function registerDeployRevision(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await deployRevision({
          ctx: c.get("ctx"),
          serviceId: c.req.valid("param").serviceId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
