import type { Api } from "../../http/api.js";
import { registerAppendUpload } from "./append-upload.js";
import { registerCancelUpload } from "./cancel-upload.js";
import { registerCreateUpload } from "./create-upload.js";
import { registerGetUpload } from "./get-upload.js";
import { registerUploadOptions } from "./upload-options.js";

/**
 * In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011).
 */
export function registerUploadRoutes(app: Api) {
  registerUploadOptions(app);
  registerCreateUpload(app);
  registerGetUpload(app);
  registerAppendUpload(app);
  registerCancelUpload(app);
}
