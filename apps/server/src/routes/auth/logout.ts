import { logout } from "@infera/core";
import { deleteCookie } from "hono/cookie";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { SESSION_COOKIE } from "../../http/request-context.js";

const route = defineRoute("auth.logout", {
  method: "post",
  path: "/auth/logout",
  tags: ["Auth"],
  summary: "Sign out: ends this session or bearer token",
  responses: noContent,
});

export function registerLogout(app: Api) {
  app.openapi(route, async (c) => {
    await logout({ ctx: c.get("ctx") });
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });
}
