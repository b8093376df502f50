import type { Api } from "../../http/api.js";
import { registerPreviewBlobGc } from "./preview-blob-gc.js";
import { registerRunBlobGc } from "./run-blob-gc.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerAdminRoutes(app: Api) {
  registerPreviewBlobGc(app);
  registerRunBlobGc(app);
}
