import type { LoginInput } from "@infera/contracts";
import { LoginResult, Me, Permissions, single } from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";

export function authApi(t: Transport) {
  return {
    /**
     * Signs in. With `issue_token: true` the answer carries a bearer token (shown once) that this
     * client uses from then on; without it the browser keeps the session cookie. Either way the
     * CSRF token is remembered for later writes.
     */
    async login(input: z.input<typeof LoginInput>): Promise<LoginResult> {
      const { data } = await t.json("POST", "/auth/login", single(LoginResult), { body: input });
      if (data.token) t.token = data.token;
      t.csrfToken = data.csrf_token;
      return data;
    },
    /** Ends this session or bearer token; the client forgets both. */
    async logout(): Promise<void> {
      await t.empty("POST", "/auth/logout");
      t.token = undefined;
      t.csrfToken = undefined;
    },
    /** Who is calling and their tenants; a cookie session's CSRF token is remembered. */
    async me(): Promise<Me> {
      const { data } = await t.json("GET", "/auth/me", single(Me));
      if (data.csrf_token) t.csrfToken = data.csrf_token;
      return data;
    },
    /** What the caller may do in a project or tenant, with the reason for each denial. */
    async permissions(scope: { project_id?: string; tenant_id?: string } = {}): Promise<Permissions> {
      return (await t.json("GET", "/auth/permissions", single(Permissions), { query: scope })).data;
    },
  };
}
