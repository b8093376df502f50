import { Dependant, single } from "@infera/contracts";
import { getModelUsage } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.read", {
  method: "get",
  path: "/models/{modelId}/usage",
  tags: ["Models"],
  summary: "What references the model or its versions now (what would block its deletion)",
  description:
    "The dependants a delete would answer 409 resource_in_use with: service revisions, derived versions, other models' tags… Only those inside the caller's own tenants are listed (a public system model is used across tenants).",
  request: { params: modelParams },
  responses: {
    200: jsonResponse(single(z.object({ dependants: z.array(Dependant) })), "Dependants"),
  },
});

export function registerGetModelUsage(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getModelUsage({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId }) }, 200),
  );
}
