import { cancelUpload } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { tusHeaders, uploadParams } from "./params.js";
import { checkTus } from "./tus-request.js";

const route = defineRoute("upload.create", {
  method: "delete",
  path: "/uploads/{uploadId}",
  tags: ["Uploads"],
  summary: "Cancel an unfinished upload (tus termination): its partial bytes are removed",
  request: { params: uploadParams },
  responses: { 204: { description: "Canceled", headers: tusHeaders } },
});

export function registerCancelUpload(app: Api) {
  app.openapi(route, async (c) => {
    checkTus(c);
    await cancelUpload({ ctx: c.get("ctx"), uploadId: c.req.valid("param").uploadId });
    return c.body(null, 204);
  });
}
