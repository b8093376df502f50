import type { Api } from "../../http/api.js";
import { registerListNodes } from "./list-nodes.js";
import { registerUpdateNode } from "./update-node.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerNodeRoutes(app: Api) {
  registerListNodes(app);
  registerUpdateNode(app);
}
