import type { Api } from "../../http/api.js";
import { registerCreateTenant } from "./create-tenant.js";
import { registerGetTenant } from "./get-tenant.js";
import { registerListTenants } from "./list-tenants.js";
import { registerUpdateTenant } from "./update-tenant.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerTenantRoutes(app: Api) {
  registerListTenants(app);
  registerCreateTenant(app);
  registerGetTenant(app);
  registerUpdateTenant(app);
}
