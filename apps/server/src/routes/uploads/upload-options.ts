import { TUS_EXTENSIONS, TUS_VERSION } from "@infera/contracts";
import type { UploadService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { uploadServiceOf } from "./tus-request.js";

/** tus discovery (OPTIONS /uploads): versions, extensions and the size limit; not an OpenAPI operation. */
export function registerUploadOptions(app: Api, service: UploadService | undefined) {
  const need = uploadServiceOf(service);
  app.options("/uploads", (c) => {
    c.header("Tus-Resumable", TUS_VERSION);
    c.header("Tus-Version", TUS_VERSION);
    c.header("Tus-Extension", TUS_EXTENSIONS.join(","));
    c.header("Tus-Max-Size", String(need().settings.maxBytes));
    return c.body(null, 204);
  });
}
