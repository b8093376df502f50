import { ListQuery, listOf, Price, PriceListQuery } from "@infera/contracts";
import { listPrices } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { tenantParams } from "./params.js";

const route = defineRoute("price.list", {
  method: "get",
  path: "/tenants/{tenantId}/prices",
  tags: ["Usage"],
  summary: "The tenant's price table, most recently changed first",
  description:
    "What cost estimates are made from: a model version per million prompt and completion tokens, a resource class per hour of a replica; all in the tenant's currency. `subject_kind` narrows it.",
  request: { params: tenantParams, query: ListQuery.merge(PriceListQuery) },
  responses: { 200: listResponse(listOf(Price), "Prices") },
});

export function registerListPrices(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listPrices({ ctx: c.get("ctx"), tenantId, query: { ...query, cursor, limit } }),
      "prices",
    );
  });
}
