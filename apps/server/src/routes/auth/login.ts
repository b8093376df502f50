import { LoginInput, LoginResult, single } from "@infera/contracts";
import { login } from "@infera/core";
import { setCookie } from "hono/cookie";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { SESSION_COOKIE } from "../../http/request-context.js";

const route = defineRoute("public", {
  method: "post",
  path: "/auth/login",
  tags: ["Auth"],
  summary: "Sign in with email and password",
  description:
    "Sets an HttpOnly session cookie for the console. With `issue_token: true` also returns a bearer token for scripts (shown once). Failed attempts are throttled per account and address, per address, and past a high ceiling per account (slowed, never locked); a throttled attempt answers 429 with Retry-After.",
  request: { body: jsonBody(LoginInput) },
  responses: { 200: jsonResponse(single(LoginResult), "Signed in") },
});

export function registerLogin(app: Api, opts: { secureCookies: boolean }) {
  app.openapi(route, async (c) => {
    const { sessionToken, ...result } = await login({
      ctx: c.get("ctx"),
      input: c.req.valid("json"),
      throttle: c.get("throttle"),
    });
    if (!result.token) {
      setCookie(c, SESSION_COOKIE, sessionToken, {
        httpOnly: true,
        sameSite: "Lax",
        path: "/",
        secure: opts.secureCookies,
        expires: new Date(result.expires_at),
      });
    }
    return c.json({ data: result }, 200);
  });
}
