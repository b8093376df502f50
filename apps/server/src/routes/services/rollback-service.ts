import { RollbackServiceInput, Service, single } from "@infera/contracts";
import { rollbackService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.rollback", {
  method: "post",
  path: "/services/{serviceId}/rollback",
  tags: ["Services"],
  summary: "Send 100% of traffic to an earlier revision (traffic only: no new revision)",
  request: { params: serviceParams, body: jsonBody(RollbackServiceInput) },
  responses: { 200: jsonResponse(single(Service), "The service with its new split") },
});

export function registerRollbackService(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await rollbackService({
          ctx: c.get("ctx"),
          serviceId: c.req.valid("param").serviceId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
