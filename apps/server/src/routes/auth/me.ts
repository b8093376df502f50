import { Me, single } from "@infera/contracts";
import { getMe } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("auth.me", {
  method: "get",
  path: "/auth/me",
  tags: ["Auth"],
  summary: "Who is calling, their tenants, and the CSRF token of a cookie session",
  responses: { 200: jsonResponse(single(Me), "The caller") },
});

export function registerMe(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getMe({ ctx: c.get("ctx"), csrfToken: c.get("csrfToken") }) }, 200),
  );
}
