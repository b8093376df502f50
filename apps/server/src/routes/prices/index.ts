import type { Api } from "../../http/api.js";
import { registerDeletePrice } from "./delete-price.js";
import { registerListPrices } from "./list-prices.js";
import { registerSetPrice } from "./set-price.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerPriceRoutes(app: Api) {
  registerListPrices(app);
  registerSetPrice(app);
  registerDeletePrice(app);
}
