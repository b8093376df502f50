import type { Api } from "../../http/api.js";
import { registerGetUsage } from "./get-usage.js";

export function registerUsageRoutes(app: Api) {
  registerGetUsage(app);
}
