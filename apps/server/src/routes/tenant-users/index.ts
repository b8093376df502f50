import type { Api } from "../../http/api.js";
import { registerCreateTenantUser } from "./create-tenant-user.js";
import { registerDeleteTenantUser } from "./delete-tenant-user.js";
import { registerListTenantUsers } from "./list-tenant-users.js";
import { registerUpdateTenantUser } from "./update-tenant-user.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerTenantUserRoutes(app: Api) {
  registerListTenantUsers(app);
  registerCreateTenantUser(app);
  registerUpdateTenantUser(app);
  registerDeleteTenantUser(app);
}
