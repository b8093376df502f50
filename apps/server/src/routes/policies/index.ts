import type { Api } from "../../http/api.js";
import { registerGetProjectPolicies } from "./get-project-policies.js";
import { registerUpdateProjectPolicies } from "./update-project-policies.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerPolicyRoutes(app: Api) {
  registerGetProjectPolicies(app);
  registerUpdateProjectPolicies(app);
}
