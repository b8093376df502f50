import { ListQuery, listOf, ResourceClass } from "@infera/contracts";
import { listResourceClasses } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const route = defineRoute("resource_class.list", {
  method: "get",
  path: "/fine-tuning/resource-classes",
  tags: ["Fine-tuning"],
  summary: "The resource classes a job may ask for, by name, with their hourly price",
  description:
    "Platform-wide, defined by the platform admin (who also sees disabled classes). `cpu-2` is the default.",
  request: { query: ListQuery.pick({ limit: true, cursor: true, format: true }) },
  responses: { 200: listResponse(listOf(ResourceClass), "Resource classes") },
});

export function registerListResourceClasses(app: Api) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listResourceClasses({ ctx: c.get("ctx"), query: { cursor, limit } }),
      "resource-classes",
    );
  });
}
