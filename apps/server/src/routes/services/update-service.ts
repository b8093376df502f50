import { Service, single, UpdateServiceInput } from "@infera/contracts";
import { updateService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.update", {
  method: "patch",
  path: "/services/{serviceId}",
  tags: ["Services"],
  summary: "Change a service's description, exposure or IP allow-list (no new revision)",
  description:
    "What runs is changed by deploying a revision (`POST /services/{serviceId}/revisions`), not here.",
  request: { params: serviceParams, body: jsonBody(UpdateServiceInput) },
  responses: { 200: jsonResponse(single(Service), "The service after the change") },
});

export function registerUpdateService(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateService({
          ctx: c.get("ctx"),
          serviceId: c.req.valid("param").serviceId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
