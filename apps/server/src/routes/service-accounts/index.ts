import type { Api } from "../../http/api.js";
import { registerCreateServiceAccount } from "./create-service-account.js";
import { registerDeleteServiceAccount } from "./delete-service-account.js";
import { registerIssueServiceAccountToken } from "./issue-service-account-token.js";
import { registerListServiceAccounts } from "./list-service-accounts.js";
import { registerUpdateServiceAccount } from "./update-service-account.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerServiceAccountRoutes(app: Api) {
  registerListServiceAccounts(app);
  registerCreateServiceAccount(app);
  registerUpdateServiceAccount(app);
  registerDeleteServiceAccount(app);
  registerIssueServiceAccountToken(app);
}
