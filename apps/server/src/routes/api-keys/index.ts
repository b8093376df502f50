import type { Api } from "../../http/api.js";
import { registerCreateApiKey } from "./create-api-key.js";
import { registerGetApiKey } from "./get-api-key.js";
import { registerListApiKeys } from "./list-api-keys.js";
import { registerRevokeApiKey } from "./revoke-api-key.js";
import { registerRotateApiKey } from "./rotate-api-key.js";
import { registerUpdateApiKey } from "./update-api-key.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerApiKeyRoutes(app: Api) {
  registerListApiKeys(app);
  registerCreateApiKey(app);
  registerGetApiKey(app);
  registerUpdateApiKey(app);
  registerRotateApiKey(app);
  registerRevokeApiKey(app);
}
