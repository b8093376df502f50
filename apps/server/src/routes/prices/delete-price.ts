import { deletePrice } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { priceParams } from "./params.js";

const route = defineRoute("price.delete", {
  method: "delete",
  path: "/prices/{priceId}",
  tags: ["Usage"],
  summary: "Remove a price from the tenant's price table",
  request: { params: priceParams },
  responses: noContent,
});

export function registerDeletePrice(app: Api) {
  app.openapi(route, async (c) => {
    await deletePrice({ ctx: c.get("ctx"), priceId: c.req.valid("param").priceId });
    return c.body(null, 204);
  });
}
