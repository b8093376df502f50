import type { Api } from "../../http/api.js";
import { registerCreateResourceClass } from "./create-resource-class.js";
import { registerListResourceClasses } from "./list-resource-classes.js";
import { registerUpdateResourceClass } from "./update-resource-class.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerResourceClassRoutes(app: Api) {
  registerListResourceClasses(app);
  registerCreateResourceClass(app);
  registerUpdateResourceClass(app);
}
