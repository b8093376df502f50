import type { Api } from "../../http/api.js";
import { registerLogin } from "./login.js";
import { registerLogout } from "./logout.js";
import { registerMe } from "./me.js";
import { registerPermissions } from "./permissions.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerAuthRoutes(app: Api, opts: { secureCookies: boolean }) {
  registerLogin(app, opts);
  registerLogout(app);
  registerMe(app);
  registerPermissions(app);
}
