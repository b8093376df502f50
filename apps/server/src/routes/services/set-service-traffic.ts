import { Service, SetTrafficInput, single } from "@infera/contracts";
import { setServiceTraffic } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.traffic.update", {
  method: "put",
  path: "/services/{serviceId}/traffic",
  tags: ["Services"],
  summary: "Replace the traffic split: weights sum to 100, none to a failed revision",
  description:
    "Revisions left out get 0%. A sum other than 100 is refused (400) unless `normalize: true`, which scales the weights to 100 by largest remainders. A revision of another service answers 404; a failed one given weight, 409.",
  request: { params: serviceParams, body: jsonBody(SetTrafficInput) },
  responses: { 200: jsonResponse(single(Service), "The service with its new split") },
});

export function registerSetServiceTraffic(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await setServiceTraffic({
          ctx: c.get("ctx"),
          serviceId: c.req.valid("param").serviceId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
