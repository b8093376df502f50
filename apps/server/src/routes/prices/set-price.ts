import { Price, SetPriceInput, single } from "@infera/contracts";
import { setPrice } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tenantParams } from "./params.js";

const route = defineRoute("price.set", {
  method: "put",
  path: "/tenants/{tenantId}/prices",
  tags: ["Usage"],
  summary: "Set the price of a model version or a resource class (insert or replace by subject)",
  description:
    "A model version (`subject_kind: model_version`, the tenant's own or a public system model's) is priced with `input_per_million` and/or `output_per_million`; a resource class (by name) with `per_hour`. Amounts are in the tenant's currency. Every gateway estimates new calls with it within a second; calls already recorded keep their estimate.",
  request: { params: tenantParams, body: jsonBody(SetPriceInput) },
  responses: { 200: jsonResponse(single(Price), "The price") },
});

export function registerSetPrice(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await setPrice({
          ctx: c.get("ctx"),
          tenantId: c.req.valid("param").tenantId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
