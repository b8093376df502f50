import { TUS_EXTENSIONS, TUS_VERSION } from "@infera/contracts";
import type { Api } from "../../http/api.js";

/** tus discovery (OPTIONS /uploads): versions, extensions and the size limit; not an OpenAPI operation. */
export function registerUploadOptions(app: Api) {
  app.options("/uploads", (c) => {
    c.header("Tus-Resumable", TUS_VERSION);
    c.header("Tus-Version", TUS_VERSION);
    c.header("Tus-Extension", TUS_EXTENSIONS.join(","));
    c.header("Tus-Max-Size", String(c.get("ctx").uploads.settings.maxBytes));
    return c.body(null, 204);
  });
}
