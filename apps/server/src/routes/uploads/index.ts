import type { UploadService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { registerAppendUpload } from "./append-upload.js";
import { registerCancelUpload } from "./cancel-upload.js";
import { registerCreateUpload } from "./create-upload.js";
import { registerGetUpload } from "./get-upload.js";
import { registerUploadOptions } from "./upload-options.js";

/**
 * In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011).
 * Without an upload service (an app built only for its OpenAPI document) the routes answer 503.
 */
export function registerUploadRoutes(app: Api, service: UploadService | undefined) {
  registerUploadOptions(app, service);
  registerCreateUpload(app, service);
  registerGetUpload(app);
  registerAppendUpload(app, service);
  registerCancelUpload(app, service);
}
